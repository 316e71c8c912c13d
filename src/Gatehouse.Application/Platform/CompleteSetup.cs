using Gatehouse.Application.ApiKeys;
using Gatehouse.Application.Audit;
using Gatehouse.Application.Input;
using Gatehouse.Core.Audit;
using Gatehouse.Core.Secrets;
using Gatehouse.Core.Users;
using Gatehouse.Data;
using Gatehouse.Data.Records;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Application.Platform;

/// <summary>What the setup link's form and API take.</summary>
/// <param name="Token">The one-time setup token printed at start-up.</param>
/// <param name="Email">The first platform operator's email.</param>
/// <param name="FirstName">Their first name.</param>
/// <param name="LastName">Their last name.</param>
/// <param name="Password">Their password (12 to 200 characters).</param>
public sealed record CompleteSetupCommand(string? Token, string? Email, string? FirstName, string? LastName, string? Password);

/// <summary>The first platform operator and the API key to use now (shown once).</summary>
public sealed record SetupResult(Guid UserId, string ApiKey);

/// <summary>
/// Uses the one-time setup token: creates the first platform operator (or makes the account with that email one)
/// and their first API key, audited as the new operator. Anyone holding the token may do it: the token was printed
/// only to whoever started the server.
/// </summary>
public sealed class CompleteSetupHandler(GatehouseDb db, TimeProvider time, IPasswordHasher<User> hasher)
{
    /// <summary>The sentence when the token is not (or no longer) valid.</summary>
    public const string TokenNotValid = "The setup token is not valid: it was used already, or a newer link replaced it. Restart the server while no platform operator exists to get a new one.";

    /// <summary>The operator and their key; invalid input (one field) or a token that is not valid (forbidden) otherwise.</summary>
    public async Task<Result<SetupResult>> HandleAsync(Origin origin, CompleteSetupCommand command, CancellationToken cancellationToken = default)
    {
        if (Validate(command) is { } invalid)
        {
            return invalid;
        }
        var now = time.ChangeTime();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var hash = SecretToken.Hash(command.Token!);
        // Claimed in one statement: of two requests racing with the same token, exactly one updates the row.
        var claimed = await db.SetupTokens.Where(t => t.TokenHash == hash && t.UsedAt == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.UsedAt, now), cancellationToken);
        if (claimed != 1 || await db.PlatformOperators.AnyAsync(cancellationToken))
        {
            return Failure.Forbidden(PlatformCodes.InvalidSetupToken, TokenNotValid);
        }
        var normalized = EmailAddress.Normalize(command.Email!);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalized, cancellationToken);
        if (user is null)
        {
            user = new User(Guid.CreateVersion7(now), command.Email!, command.FirstName!, command.LastName!, now);
            db.Users.Add(user);
        }
        user.SetPasswordHash(hasher.HashPassword(user, command.Password!));
        user.VerifyEmail(now);
        db.PlatformOperators.Add(new PlatformOperator { UserId = user.Id, CreatedAt = now });
        var (_, apiKey) = ApiKeyIssuer.Issue(db, user.Id, null, "Created at setup", user.Id, now);
        AuditLog.Record(db, null, new AuditLog.Actor(user.Id, user.DisplayName), AuditActions.PlatformOperatorAdded, "user", user.Id, null, null, now, origin.ClientAddress);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SetupResult(user.Id, apiKey);
    }

    /// <summary>The first problem with the input, about its field, or null.</summary>
    private static Failure? Validate(CompleteSetupCommand command)
    {
        if (string.IsNullOrWhiteSpace(command.Token) || command.Token.Length > 200)
        {
            return Invalid("token", "The setup token is required: copy it from the setup link printed at start-up (the part after 'token=').");
        }
        if (EmailAddress.Validate(command.Email) is { Succeeded: false } email)
        {
            return Invalid("email", email.Error!.Message);
        }
        if (!InputRules.IsPersonName(command.FirstName) || !InputRules.IsPersonName(command.LastName))
        {
            return Invalid("firstName", "First name and last name are required, at most 100 characters each, without control characters, '<' or '>'.");
        }
        return command.Password is not { Length: >= 12 and <= 200 } ? Invalid("password", "The password must be 12 to 200 characters long.") : null;
    }

    private static Failure Invalid(string field, string sentence) => Failure.Invalid(field, PlatformCodes.ValidationFailed, sentence);
}
