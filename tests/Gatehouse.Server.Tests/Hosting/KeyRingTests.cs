using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gatehouse.Server.Tests.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>The Data Protection key ring (it protects session cookies and account tokens) at rest: encrypted with a configured certificate.</summary>
public sealed class KeyRingTests
{
    /// <summary>Each store with each way of giving the certificate: a PKCS#12 file with its password, or a PEM certificate and key.</summary>
    public static TheoryData<string, string> StoresAndFormats => new() { { "sqlite", "pfx" }, { "postgres", "pem" }, { "sqlite", "pem" }, { "postgres", "pfx" } };

    [Theory, MemberData(nameof(StoresAndFormats))]
    public async Task WithCertificate_KeysAreStoredEncrypted_AndAnotherNodeWithIt_ReadsTheSession(string store, string format)
    {
        var folder = Directory.CreateTempSubdirectory("gatehouse-keyring-").FullName;
        try
        {
            await using var first = await GatehouseApp.StartAsync(store, settings: CertificateSettings(folder, format));
            var (_, email, _) = await AccountBrowsing.MemberWithPasswordAsync(first);
            var cookie = (await first.PageClient().SignInAsync(email, AccountBrowsing.Password)).SessionCookie();
            Assert.NotNull(cookie);

            var keys = await first.InDatabaseAsync(db => db.DataProtectionKeys.AsNoTracking().Select(k => k.Xml!).ToListAsync());
            Assert.NotEmpty(keys);
            Assert.All(keys, xml =>
            {
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
                Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
            });

            await using var second = GatehouseApp.AnotherNode(first);
            var home = await HomeAsync(second, cookie.Split(';')[0]);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Welcome", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task CertificateReplaced_KeysOfThePreviousOneStillReadWhenItIsListed_AndNotOtherwise(string store)
    {
        var folder = Directory.CreateTempSubdirectory("gatehouse-keyring-").FullName;
        try
        {
            var old = CertificateSettings(Directory.CreateDirectory(Path.Combine(folder, "old")).FullName, "pfx");
            var current = CertificateSettings(Directory.CreateDirectory(Path.Combine(folder, "new")).FullName, "pem");
            await using var first = await GatehouseApp.StartAsync(store, settings: old);
            var (_, email, _) = await AccountBrowsing.MemberWithPasswordAsync(first);
            var cookie = (await first.PageClient().SignInAsync(email, AccountBrowsing.Password)).SessionCookie()!.Split(';')[0];

            // The same database, restarted with the new certificate, without and then with the old one listed.
            var sameDatabase = new Dictionary<string, string>(current) { ["Gatehouse:ConnectionString"] = first.ConnectionString };
            await using (var withoutOld = await GatehouseApp.StartAsync(store, setUp: false, settings: sameDatabase))
            {
                Assert.Equal(HttpStatusCode.Redirect, (await HomeAsync(withoutOld, cookie)).StatusCode);
            }
            sameDatabase["Gatehouse:KeyRing:Previous:0:CertificatePath"] = old["Gatehouse:KeyRing:CertificatePath"];
            sameDatabase["Gatehouse:KeyRing:Previous:0:CertificatePassword"] = old["Gatehouse:KeyRing:CertificatePassword"];
            await using var rotated = await GatehouseApp.StartAsync(store, setUp: false, settings: sameDatabase);
            var home = await HomeAsync(rotated, cookie);
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Welcome", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task InProduction_WithoutCertificate_StartsWithAWarningThatSaysWhatToSet()
    {
        var logs = new LogCapture();
        await using var app = await GatehouseApp.StartAsync("sqlite", setUp: false, settings: new Dictionary<string, string> { [WebHostDefaults.EnvironmentKey] = "Production" });
        await using var logged = app.WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(logs)));

        _ = logged.Server;

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("Gatehouse:KeyRing:CertificatePath", StringComparison.Ordinal));
        Assert.Contains("unencrypted", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopment_WithoutCertificate_StartsWithoutTheWarning()
    {
        var logs = new LogCapture();
        await using var app = await GatehouseApp.StartAsync("sqlite", setUp: false);
        await using var logged = app.WithWebHostBuilder(host => host.ConfigureLogging(logging => logging.AddProvider(logs)));

        _ = logged.Server;

        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("Gatehouse:KeyRing:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CertificateThatCannotBeRead_RefusesToStart_NamingTheSetting()
    {
        var settings = new Dictionary<string, string> { ["Gatehouse:KeyRing:CertificatePath"] = "/nonexistent/key-ring.pfx" };
        var app = await GatehouseApp.StartAsync("sqlite", setUp: false, settings: settings);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => app.Server);
            Assert.Contains("Gatehouse:KeyRing:CertificatePath", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>The home page as a browser with only the session cookie opens it.</summary>
    private static async Task<HttpResponseMessage> HomeAsync(GatehouseApp app, string cookie)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Accept", "text/html");
        return await client.SendAsync(request);
    }

    /// <summary>A new self-signed RSA certificate written to <paramref name="folder"/>, and the settings that name it.</summary>
    private static Dictionary<string, string> CertificateSettings(string folder, string format)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Gatehouse key ring (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        if (format == "pfx")
        {
            var path = Path.Combine(folder, "key-ring.pfx");
            File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pfx password"));
            return new() { ["Gatehouse:KeyRing:CertificatePath"] = path, ["Gatehouse:KeyRing:CertificatePassword"] = "pfx password" };
        }
        var certificatePath = Path.Combine(folder, "key-ring.crt");
        var keyPath = Path.Combine(folder, "key-ring.key");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        return new() { ["Gatehouse:KeyRing:CertificatePath"] = certificatePath, ["Gatehouse:KeyRing:KeyPath"] = keyPath };
    }
}
