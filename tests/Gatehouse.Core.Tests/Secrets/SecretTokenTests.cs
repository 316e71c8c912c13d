using Gatehouse.Core.Secrets;

namespace Gatehouse.Core.Tests.Secrets;

public class SecretTokenTests
{
    [Fact]
    public void Create_GivesPrefixedUniqueSecrets_WithMatchingHash()
    {
        var (first, firstHash) = SecretToken.Create("ghk_");
        var (second, _) = SecretToken.Create("ghk_");

        Assert.StartsWith("ghk_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
        Assert.True(SecretToken.Matches(first, firstHash));
        Assert.False(SecretToken.Matches(second, firstHash));
    }

    [Fact]
    public void Hash_IsSha256Hex_OfTheUtf8Secret()
    {
        // Known answer from FIPS 180-2 appendix B.1: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SecretToken.Hash("abc"));
    }

    [Fact]
    public void Create_HasAtLeast256BitsOfEncodedRandomness()
    {
        var (secret, _) = SecretToken.Create();

        Assert.Equal(43, secret.Length); // 32 bytes in unpadded base64url
        Assert.DoesNotContain('=', secret);
    }
}
