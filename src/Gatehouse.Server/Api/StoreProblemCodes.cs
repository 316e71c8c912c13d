namespace Gatehouse.Server.Api;

/// <summary>Problem codes for clashes the database itself detects.</summary>
public static class StoreProblemCodes
{
    /// <summary>Someone else created the same thing at the same moment (a unique index refused the second).</summary>
    public const string Conflict = "conflict";

    /// <summary>The database cannot be reached right now (503 with Retry-After).</summary>
    public const string Unavailable = "store_unavailable";
}
