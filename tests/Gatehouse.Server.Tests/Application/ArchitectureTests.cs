using System.Reflection;
using System.Xml.Linq;
using Gatehouse.Application;

namespace Gatehouse.Server.Tests.Application;

/// <summary>
/// The application layer stays free of HTTP: no ASP.NET Core shared framework, no HTTP types, so the CLI, SCIM,
/// OpenID Connect and background workers call the same handlers as REST and the console.
/// </summary>
public sealed class ArchitectureTests
{
    // Data Protection and Identity's core (its types live in Microsoft.AspNetCore.Identity) come as packages, not with the shared framework.
    private static readonly string[] AllowedAspNetCore = ["Microsoft.AspNetCore.DataProtection", "Microsoft.AspNetCore.Cryptography"];

    [Fact]
    public void TheApplicationAssembly_ReferencesNoAspNetCoreAssemblyBeyondDataProtectionAndIdentityCore()
    {
        var offending = typeof(Result<>).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) && !AllowedAspNetCore.Any(name.StartsWith))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void NoTypeOfTheApplicationLayer_TouchesHttpContextOrIResult()
    {
        var offending = typeof(Result<>).Assembly.GetTypes()
            .SelectMany(type => Signatures(type).Select(used => (type, used)))
            .Where(pair => pair.used.Namespace?.StartsWith("Microsoft.AspNetCore.Http", StringComparison.Ordinal) == true)
            .Select(pair => $"{pair.type.FullName} uses {pair.used.FullName}")
            .Distinct()
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void TheApplicationProject_IsAPlainLibrary_WithoutTheAspNetCoreFramework()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Gatehouse.Application", "Gatehouse.Application.csproj"));

        Assert.Equal("Microsoft.NET.Sdk", project.Root!.Attribute("Sdk")?.Value);
        Assert.DoesNotContain(project.Descendants("FrameworkReference"), reference => true);
    }

    private static IEnumerable<Type> Signatures(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }
        foreach (var method in type.GetMethods(all))
        {
            yield return method.ReturnType;
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
        foreach (var constructor in type.GetConstructors(all))
        {
            foreach (var parameter in constructor.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gatehouse.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Gatehouse.slnx) is not above the test's folder.");
    }
}
