using System.Security.Cryptography;
using Gatehouse.Core.Users;
using Gatehouse.Server.Accounts;
using Gatehouse.Server.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Accounts;

/// <summary>The password rules Identity runs whenever a password is set.</summary>
public sealed class PasswordRulesTests(ServerPool servers)
{
    private static readonly User Person = new(Guid.CreateVersion7(), "grace.hopper@example.com", "Grace", "Hopper", DateTimeOffset.UtcNow);

    [Theory]
    [InlineData("qwerty123456")]
    [InlineData("QWERTY123456")]
    [InlineData("password")]
    [InlineData("sunshine2024!!")]
    [InlineData("iloveyou12345")]
    public void CommonPassword_IsRefused_WithASentence(string password)
    {
        var error = PasswordRules.Check(Person, password);

        Assert.Equal("PasswordCommon", error?.Code);
        Assert.Equal("This password is on a list of common passwords; choose another.", error?.Description);
    }

    [Fact]
    public void LongRandomPassword_Passes()
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));

        Assert.Null(PasswordRules.Check(Person, password));
        Assert.Null(PasswordRules.Check(Person, "correct horse battery staple"));
    }

    [Fact]
    public void PasswordOverTwoHundredCharacters_IsRefused()
    {
        Assert.Equal("PasswordTooLong", PasswordRules.Check(Person, new string('k', 201) + "x")?.Code);
        Assert.Null(PasswordRules.Check(Person, string.Concat(Enumerable.Repeat("kx7-", 50))));
    }

    [Theory]
    [InlineData("grace.hopper")]
    [InlineData("my Grace.Hopper account")]
    public void PasswordWithTheEmailName_IsRefused(string password) =>
        Assert.Equal("PasswordContainsEmail", PasswordRules.Check(Person, password)?.Code);

    [Theory]
    [InlineData("hopper rides the bus")]
    [InlineData("AMAZING GRACE 1906")]
    [InlineData("gracehopper-navy")]
    public void PasswordWithThePersonsName_IsRefused(string password) =>
        Assert.Equal("PasswordContainsName", PasswordRules.Check(Person, password)?.Code);

    [Fact]
    public void ShortNames_AreNotSearchedFor()
    {
        var al = new User(Guid.CreateVersion7(), "al@example.com", "Al", "Li", DateTimeOffset.UtcNow);

        Assert.Null(PasswordRules.Check(al, "a tall lighthouse by the sea"));
    }

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task TheServersIdentity_RunsTheRules_WithItsMinimumLength(string store)
    {
        var app = await servers.GetAsync(store);
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();

        async Task<string[]> ErrorsAsync(string password) =>
            [.. (await Task.WhenAll(users.PasswordValidators.Select(v => v.ValidateAsync(users, Person, password)))).SelectMany(r => r.Errors).Select(e => e.Code)];

        Assert.Contains("PasswordCommon", await ErrorsAsync("qwerty123456"));
        Assert.Equal(["PasswordTooShort"], await ErrorsAsync("monkey"));
        Assert.Empty(await ErrorsAsync("correct horse battery staple"));
    }
}
