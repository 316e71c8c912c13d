using BenchmarkDotNet.Running;
using Gatehouse.Benchmarks;

// "--cold [even|long-tail]" measures checks on a cache-cold stream against the memory floor; "--memory" prints the dataset's managed memory; "--hash-rate" and "--open-load" are the sign-in benchmark's
// tools (bench/load/sign-in.sh); anything else goes to BenchmarkDotNet.
switch (args)
{
    case ["--cold", .. var shapes]:
        return Gatehouse.Benchmarks.Cold.ColdReport.Run(Console.Out, shapes.Length == 0 ? ["even", "long-tail"] : shapes);
    case ["--census", var n]:
        Gatehouse.Benchmarks.Cold.Census.Run(Console.Out, n);
        return 0;
    case ["--probe", var p]:
        Gatehouse.Benchmarks.Cold.Probe.Run(Console.Out, p);
        return 0;
    case ["--write-load", var url, var key, var organization, var members, var scopes, var tokens, var seconds, var rate, var writers]:
        return await WriteLoad.RunAsync(Console.Out, new Uri(url), key, Guid.Parse(organization), int.Parse(members, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(scopes, System.Globalization.CultureInfo.InvariantCulture), tokens, OpenLoad.Number(seconds), OpenLoad.Number(rate), int.Parse(writers, System.Globalization.CultureInfo.InvariantCulture));
    case ["--lookups"]:
        return LookupReport.Run(Console.Out);
    case ["--heap", var h]:
        Gatehouse.Benchmarks.Cold.HeapCensus.Run(Console.Out, h);
        return 0;
    case ["--compile-profile", var c, var n]:
        Gatehouse.Benchmarks.Cold.CompileProfile.Run(Console.Out, c, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
        return 0;
    case ["--memory"]:
        MemoryReport.Run(Console.Out);
        return 0;
    case ["--hash-rate", var seconds, var password, var hash]:
        return HashRate.Run(Console.Out, OpenLoad.Number(seconds), password, hash);
    case ["--open-load", var url, var rate, var seconds, var warmup, var requests]:
        return await OpenLoad.RunAsync(Console.Out, new Uri(url), OpenLoad.Number(rate), OpenLoad.Number(seconds), OpenLoad.Number(warmup), requests);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(MemoryReport).Assembly).Run(args);
        return 0;
}
