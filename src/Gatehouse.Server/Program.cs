using Gatehouse.Server.Hosting;

if (args.Length > 0 && Commands.IsCommand(args[0]))
{
    return await Commands.RunAsync(args);
}

await GatehouseHost.Build(args).RunAsync();
return 0;

/// <summary>The server's entry point (visible to the integration tests' WebApplicationFactory).</summary>
public partial class Program;
