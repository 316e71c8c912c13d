using System.Security.Cryptography;
using System.Text;

namespace Gatehouse.Core.Secrets;

/// <summary>Random bearer secrets (invitation tokens, API keys): generated from the OS CSPRNG, stored as SHA-256, compared in constant time.</summary>
public static class SecretToken
{
    /// <summary>Creates a new secret with an optional prefix that secret scanners can find, and its hash for storage.</summary>
    public static (string Plaintext, string Hash) Create(string prefix = "", int bytes = 32)
    {
        var plaintext = prefix + Base64Url(RandomNumberGenerator.GetBytes(bytes));
        return (plaintext, Hash(plaintext));
    }

    /// <summary>The stored form of a secret (hex SHA-256; the secrets are high-entropy so no salt or stretching is needed).</summary>
    public static string Hash(string plaintext) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintext)));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string presented, string storedHash)
    {
        var presentedHash = Encoding.ASCII.GetBytes(Hash(presented));
        var stored = Encoding.ASCII.GetBytes(storedHash);
        return CryptographicOperations.FixedTimeEquals(presentedHash, stored);
    }

    private static string Base64Url(byte[] data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
