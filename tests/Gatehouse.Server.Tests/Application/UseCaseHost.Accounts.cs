using Gatehouse.Application;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Gatehouse.Server.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Application;

/// <summary>What the account and platform use cases need beyond the rest: Identity's core over the users table, and a platform operator.</summary>
internal sealed partial class UseCaseHost
{
    /// <summary>Identity's user manager, password rules and token providers, as the server registers them (no cookies: no web host).</summary>
    private static void AddAccountServices(IServiceCollection services)
    {
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("gatehouse-tests");
        services.AddSingleton<ILookupNormalizer, EmailLookupNormalizer>();
        services.AddIdentityCore<User>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Password.RequiredLength = 12;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Password.RequiredUniqueChars = 4;
            })
            .AddUserStore<GatehouseUserStore>()
            .AddPasswordValidator<PasswordRules>()
            .AddDefaultTokenProviders();
    }

    /// <summary>A platform operator (product support) with an account, made on first use.</summary>
    public async Task<Actor> PlatformOperatorAsync()
    {
        await using var db = Db();
        var now = TimeProvider.System.GetUtcNow();
        var user = new User(Guid.CreateVersion7(now), $"support{Guid.NewGuid():N}@gatehouse.test", "Pat", "Support", now);
        db.Users.Add(user);
        db.PlatformOperators.Add(new PlatformOperator { UserId = user.Id, CreatedAt = now });
        await db.SaveChangesAsync();
        return new Actor(ActorType.Person, user.Id, user.DisplayName, IsPlatformOperator: true);
    }
}
