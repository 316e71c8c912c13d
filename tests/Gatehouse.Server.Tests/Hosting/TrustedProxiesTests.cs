using Gatehouse.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>Reading Gatehouse:TrustedProxies.</summary>
public sealed class TrustedProxiesTests
{
    [Fact]
    public void OneValueOrAnArray_NameTheSameProxies()
    {
        var single = Configuration(new() { ["Gatehouse:TrustedProxies"] = "10.0.0.0/8, 192.0.2.7;fd00::/8" });
        var array = Configuration(new() { ["Gatehouse:TrustedProxies:0"] = "10.0.0.0/8", ["Gatehouse:TrustedProxies:1"] = "192.0.2.7", ["Gatehouse:TrustedProxies:2"] = "fd00::/8" });

        Assert.Equal(["10.0.0.0/8", "192.0.2.7", "fd00::/8"], TrustedProxies.Entries(single));
        Assert.Equal(TrustedProxies.Entries(single), TrustedProxies.Entries(array));
    }

    [Fact]
    public void TheMiddlewareBelievesOnlyTheConfiguredProxies_AndNeverXForwardedHost()
    {
        var services = new ServiceCollection();

        Assert.True(services.AddTrustedProxies(Configuration(new() { ["Gatehouse:TrustedProxies"] = "10.0.0.0/8,192.0.2.7" })));

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, options.ForwardedHeaders);
        Assert.Empty(options.KnownProxies);
        Assert.Equal(["10.0.0.0/8", "192.0.2.7/32"], options.KnownIPNetworks.Select(n => n.ToString()));
    }

    [Fact]
    public void NoProxies_LeaveTheMiddlewareOut_AndAnyCopyOfItInert()
    {
        var services = new ServiceCollection();

        Assert.False(services.AddTrustedProxies(Configuration([])));

        Assert.Equal(ForwardedHeaders.None, services.BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.ForwardedHeaders);
    }

    [Theory]
    [InlineData("proxy.internal")]
    [InlineData("10.0.0.0/33")]
    [InlineData("300.1.1.1")]
    public void AnEntryThatIsNoAddressOrNetwork_RefusesTheStart_NamingIt(string entry)
    {
        var refused = Assert.Throws<StartupRefusedException>(() => new ServiceCollection().AddTrustedProxies(Configuration(new() { ["Gatehouse:TrustedProxies"] = entry })));

        Assert.Contains($"'{entry}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Gatehouse__TrustedProxies", refused.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
