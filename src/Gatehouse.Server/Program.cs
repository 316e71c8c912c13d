using Gatehouse.Server.Cli;
using Gatehouse.Server.Hosting;

if (args.Length > 0 && GatehouseCli.IsCommand(args[0]))
{
    return await GatehouseCli.RunAsync(args);
}

try
{
    await GatehouseHost.Build(args).RunAsync();
}
catch (StartupRefusedException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 1;
}
return 0;

/// <summary>The server's entry point (visible to the integration tests' WebApplicationFactory).</summary>
public partial class Program;
