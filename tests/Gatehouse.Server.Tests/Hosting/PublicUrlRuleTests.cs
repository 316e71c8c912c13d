using Gatehouse.Server.Hosting;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>Which base URL links get from the setting and the listening addresses.</summary>
public sealed class PublicUrlRuleTests
{
    [Fact]
    public void Configured_WinsOverEveryListeningAddress_WithoutItsTrailingSlash()
    {
        Assert.Equal(("https://gatehouse.example.com/id", (string?)null), PublicUrlRule.Resolve("https://gatehouse.example.com/id/", ["http://0.0.0.0:8080"]));
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("https://127.0.0.1:5443;http://[::1]:5080", "http://[::1]:5080")]
    [InlineData("https://localhost:5443", "https://localhost:5443")]
    [InlineData("http://unix:/tmp/gatehouse.sock;http://localhost:5080", "http://localhost:5080")]
    public void Unconfigured_TakesALoopbackAddress_HttpFirst(string listening, string expected)
    {
        Assert.Equal((expected, (string?)null), PublicUrlRule.Resolve(null, listening.Split(';')));
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://10.1.2.3:8080")]
    [InlineData("http://gatehouse.example:8080")]
    [InlineData("http://unix:/tmp/gatehouse.sock")]
    [InlineData("")]
    public void Unconfigured_WithNoLoopbackAddressOnly_IsRefused_NamingTheSetting(string listening)
    {
        var (url, refusal) = PublicUrlRule.Resolve(null, listening.Length == 0 ? [] : [listening]);

        Assert.Null(url);
        Assert.Contains(PublicUrlRule.Setting, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gatehouse.example.com")]
    [InlineData("ftp://gatehouse.example.com")]
    [InlineData("https://gatehouse.example.com/?x=1")]
    [InlineData("https://gatehouse.example.com/#top")]
    [InlineData("https://user:secret@gatehouse.example.com")]
    public void AConfiguredUrl_ThatIsNotAnHttpAddress_IsRefused(string configured)
    {
        Assert.Contains(PublicUrlRule.Setting, PublicUrlRule.Problem(configured), StringComparison.Ordinal);
    }

    [Fact]
    public void AllowedHosts_AreThePublicHostAndLoopbackNames()
    {
        Assert.Equal(["gatehouse.example.com", "localhost", "127.0.0.1", "[::1]"], PublicUrlRule.DefaultAllowedHosts("https://gatehouse.example.com:8443/id"));
        Assert.Equal(["localhost", "127.0.0.1", "[::1]"], PublicUrlRule.DefaultAllowedHosts(null));
    }
}
