namespace ConnectedWorkshop;

/// <summary>Runs the sample: <c>dotnet run --project samples/ConnectedWorkshop</c> (README.md says what to configure first).</summary>
public static class Program
{
    /// <summary>Builds the sample from the command line and configuration, and runs it until stopped.</summary>
    public static async Task Main(string[] args)
    {
        var app = ConnectedWorkshopApp.Build(args);
        await app.RunAsync();
    }
}
