using Gatehouse.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// Everything a sign-in writes (the code or refresh token it redeems, the entries of the tokens it issues: a refresh writes
/// three rows, a code two or three) is written at its end, as one batch in one transaction. OpenIddict's stores save each row
/// on its own, and the tokens are signed in between: written as they come, a refresh held SQLite's single write lock from its
/// first row to its commit, across two RSA signatures, and eight concurrent refreshes spent most of their time waiting for it
/// (docs/benchmarks.md, OpenID Connect). Held to the end, the lock covers the batch and the commit only. It also makes a
/// rotation whole: the old refresh token is redeemed only if its successor is stored.
/// <para>The authorization endpoint starts holding a little earlier, before it stores the ad-hoc authorization the code hangs on, so
/// that the authorization and the code are one batch too. A rejected sign-in never reaches <see cref="Commit"/>: what it held is
/// discarded (<see cref="Discard"/>), so it is not written by a later save of the same request either. A code or refresh token that
/// another request redeemed between this one's check and its commit fails the batch on its concurrency token: that is a token
/// used twice at once, treated as a reuse (every token of its authorization is revoked) and refused with <c>invalid_grant</c>.
/// Client credentials write nothing (<see cref="UnstoredTokens"/>).</para>
/// </summary>
public static class SignInTransaction
{
    /// <summary>First in the sign-in: from here the request's saves are held (<see cref="GatehouseDb.HoldSaves"/>).</summary>
    public static OpenIddictServerHandlerDescriptor BeginDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseScopedHandler<Begin>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>
    /// After the last token is generated and the custom parameters attached (order 100,000), before the endpoint's response
    /// is applied (order 500,000), which ends the sign-in's pipeline.
    /// </summary>
    public static OpenIddictServerHandlerDescriptor CommitDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
        .UseScopedHandler<Commit>()
        .SetOrder(OpenIddictServerHandlers.AttachCustomSignInParameters.Descriptor.Order + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>When a refused sign-in is answered: drops what it held.</summary>
    public static OpenIddictServerHandlerDescriptor DiscardDescriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessErrorContext>()
        .UseScopedHandler<Discard>()
        .SetOrder(int.MinValue + 100_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>
    /// Holds the request's saves from here to the sign-in's <see cref="Commit"/>, unless the request is for client credentials
    /// (which write nothing) or a caller's own transaction is open (its saves are the caller's and go through as they come).
    /// </summary>
    public static void Hold(GatehouseDb db, OpenIddictRequest? request)
    {
        if (request?.IsClientCredentialsGrantType() != true && db.Database.CurrentTransaction is null)
        {
            db.HoldSaves = true;
        }
    }

    /// <summary>Holds the saves of the request's context, the one OpenIddict's stores write through.</summary>
    public sealed class Begin(GatehouseDb db) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        /// <inheritdoc/>
        public ValueTask HandleAsync(ProcessSignInContext context)
        {
            Hold(db, context.Request);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Drops what a refused sign-in held, so that nothing of it is ever written.</summary>
    public sealed class Discard(GatehouseDb db) : IOpenIddictServerHandler<ProcessErrorContext>
    {
        /// <inheritdoc/>
        public ValueTask HandleAsync(ProcessErrorContext context)
        {
            if (db.HoldSaves)
            {
                db.DiscardHeldSaves();
            }
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Writes what the sign-in held: one save, which EF Core makes one transaction.</summary>
    public sealed class Commit(GatehouseDb db, IOpenIddictTokenManager tokens) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        /// <inheritdoc/>
        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            if (!db.HoldSaves)
            {
                return;
            }
            db.HoldSaves = false;
            try
            {
                await db.SaveChangesAsync(context.CancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.DiscardHeldSaves();
                var redeemed = context.Request?.IsRefreshTokenGrantType() == true ? context.RefreshTokenPrincipal : context.AuthorizationCodePrincipal;
                if (redeemed?.GetAuthorizationId() is { Length: > 0 } authorization)
                {
                    await tokens.RevokeByAuthorizationIdAsync(authorization, context.CancellationToken);
                }
                context.Reject(Errors.InvalidGrant,
                    "This token was used by another request at the same moment, which is treated as a reuse: every token of this sign-in is revoked. Sign in again, and make one request at a time with a refresh token.");
            }
        }
    }
}
