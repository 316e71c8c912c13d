using Gatehouse.Data;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Gatehouse.Server.Oidc;

/// <summary>
/// One database transaction for everything a sign-in writes: the code or refresh token it redeems and the entries of the
/// tokens it issues (a refresh writes three rows, a code two or three). OpenIddict's stores save each on its own, so without
/// this a refresh commits three times; on SQLite, whose single writer serializes every commit, that made a refresh cost
/// eight times the peer's (docs/benchmarks.md, OpenID Connect). It also makes a rotation whole: the old refresh token is
/// redeemed only if its successor is stored, so a failure half way leaves the old token usable, not a redeemed token
/// whose next use would look like reuse and revoke the chain.
/// <para>A rejected sign-in never reaches <see cref="Commit"/>; the transaction is rolled back when the request's context is
/// disposed. Client credentials write nothing (<see cref="UnstoredTokens"/>), so they take no transaction, which on SQLite
/// would take the write lock.</para>
/// </summary>
public static class SignInTransaction
{
    private const string Key = "gatehouse:sign-in-transaction";

    /// <summary>First in the sign-in: opens the transaction (on SQLite, <c>BEGIN IMMEDIATE</c>: it holds the write lock).</summary>
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

    /// <summary>Opens the transaction on the request's context, the one OpenIddict's stores write through.</summary>
    public sealed class Begin(GatehouseDb db) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        /// <inheritdoc/>
        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            if (context.Request?.IsClientCredentialsGrantType() == true || db.Database.CurrentTransaction is not null)
            {
                return;
            }
            // Each save inside the transaction would otherwise add a savepoint and its release: two more statements a row.
            db.Database.AutoSavepointsEnabled = false;
            context.Transaction.Properties[Key] = await db.Database.BeginTransactionAsync(context.CancellationToken);
        }
    }

    /// <summary>Commits what the sign-in wrote.</summary>
    public sealed class Commit(GatehouseDb db) : IOpenIddictServerHandler<ProcessSignInContext>
    {
        /// <inheritdoc/>
        public async ValueTask HandleAsync(ProcessSignInContext context)
        {
            // Only the transaction Begin opened: a caller's own transaction is the caller's to commit.
            if (context.Transaction.Properties.Remove(Key, out var opened) && opened is Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
            {
                await transaction.CommitAsync(context.CancellationToken);
                await transaction.DisposeAsync();
                db.Database.AutoSavepointsEnabled = true;
            }
        }
    }
}
