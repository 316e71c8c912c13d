namespace Gatehouse.Server.Hosting;

/// <summary>The server will not start as configured; the message is the sentence telling the operator what to set.</summary>
public sealed class StartupRefusedException(string message) : InvalidOperationException(message);
