using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Gatehouse.Server.Hosting;

/// <summary>One certificate with its private key, as files: a PKCS#12 (.pfx) file, or a PEM certificate and a PEM key.</summary>
public class KeyRingCertificateFiles
{
    /// <summary>A PKCS#12 (.pfx/.p12) file, or a PEM certificate when <see cref="KeyPath"/> is set.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 file's password, or the password of an encrypted PEM key.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key that goes with a PEM <see cref="CertificatePath"/>.</summary>
    public string? KeyPath { get; set; }
}

/// <summary>Section <c>Gatehouse:KeyRing</c>: the certificate that encrypts the Data Protection key ring in the database.</summary>
public sealed class KeyRingOptions : KeyRingCertificateFiles
{
    /// <summary>
    /// Certificates used before the current one (<c>Gatehouse:KeyRing:Previous:0:CertificatePath</c>, …): keys they
    /// encrypted can still be read, new keys are encrypted with the current one only. Drop one once every key it
    /// encrypted has expired (90 days after the certificate was replaced).
    /// </summary>
    public List<KeyRingCertificateFiles> Previous { get; set; } = [];
}

/// <summary>
/// Encrypts the Data Protection key ring at rest with an X.509 certificate. The key ring lives in the database and
/// protects session cookies and account tokens (password reset, email verification); whoever reads it in clear from a
/// backup or a replica can forge a session. Without a certificate the keys are stored unencrypted, and a production
/// server says at start-up what to set.
/// </summary>
public static partial class KeyRingProtection
{
    /// <summary>What an operator reads when the key ring is unencrypted in production.</summary>
    public const string ProductionWarning =
        "The Data Protection key ring (it protects session cookies and account tokens) is stored in the database unencrypted. "
        + "Set Gatehouse:KeyRing:CertificatePath to a PKCS#12 (.pfx) file with Gatehouse:KeyRing:CertificatePassword, or to a PEM "
        + "certificate with Gatehouse:KeyRing:KeyPath, so that it is encrypted; the OpenID Connect provider will refuse to start without it.";

    /// <summary>Protects the keys with the configured certificate (and reads keys of the previous ones); warns in production without one.</summary>
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(this IDataProtectionBuilder builder, KeyRingOptions options)
    {
        builder.Services.AddHostedService<UnencryptedKeyRingWarning>();
        if (string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            return builder;
        }
        builder.ProtectKeysWithCertificate(Load(options, "Gatehouse:KeyRing"));
        var previous = options.Previous.Select((files, i) => Load(files, $"Gatehouse:KeyRing:Previous:{i}")).ToArray();
        if (previous.Length > 0)
        {
            builder.UnprotectKeysWithAnyCertificate(previous);
        }
        return builder;
    }

    /// <summary>Reads a certificate with its private key; a file that cannot be used stops the start with a sentence naming the setting.</summary>
    public static X509Certificate2 Load(KeyRingCertificateFiles files, string setting)
    {
        var path = files.CertificatePath ?? throw new InvalidOperationException($"{setting}:CertificatePath is not set.");
        X509Certificate2 certificate;
        try
        {
            certificate = files.KeyPath is { Length: > 0 } key
                ? files.CertificatePassword is { Length: > 0 } password
                    ? X509Certificate2.CreateFromEncryptedPemFile(path, password, key)
                    : X509Certificate2.CreateFromPemFile(path, key)
                // macOS keeps no ephemeral keys; elsewhere the key stays in memory and nothing is written to a key store.
                : X509CertificateLoader.LoadPkcs12FromFile(path, files.CertificatePassword,
                    OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"The key-ring certificate {setting}:CertificatePath ('{path}') could not be read: {e.Message} Give a PKCS#12 file with its password "
                + $"({setting}:CertificatePassword), or a PEM certificate with its key ({setting}:KeyPath).", e);
        }
        if (!certificate.HasPrivateKey || certificate.GetRSAPublicKey() is null)
        {
            throw new InvalidOperationException(
                $"The key-ring certificate {setting}:CertificatePath ('{path}') needs an RSA key and its private key (a PKCS#12 file that holds the key, or {setting}:KeyPath).");
        }
        return certificate;
    }

    /// <summary>Says at start-up, in production, that the key ring is stored unencrypted and what to set.</summary>
    private sealed partial class UnencryptedKeyRingWarning(IOptions<GatehouseOptions> options, IHostEnvironment environment, ILogger<UnencryptedKeyRingWarning> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (environment.IsProduction() && string.IsNullOrWhiteSpace(options.Value.KeyRing.CertificatePath))
            {
                LogUnencrypted(logger, ProductionWarning);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "{Warning}")]
        private static partial void LogUnencrypted(ILogger logger, string warning);
    }
}
