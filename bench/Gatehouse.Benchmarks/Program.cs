using BenchmarkDotNet.Running;
using Gatehouse.Benchmarks;

// "--memory" prints the dataset's managed memory; anything else goes to BenchmarkDotNet.
if (args is ["--memory"])
{
    MemoryReport.Run(Console.Out);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(MemoryReport).Assembly).Run(args);
