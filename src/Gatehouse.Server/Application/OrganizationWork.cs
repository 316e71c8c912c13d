using Gatehouse.Application;
using Gatehouse.Application.Audit;
using Gatehouse.Core.Access;
using Gatehouse.Core.Organizations;
using Gatehouse.Data;
using Gatehouse.Server.Api;
using Gatehouse.Server.Auth;
using Actor = Gatehouse.Core.Management.Actor;
using UseCaseWork = Gatehouse.Application.Work.OrganizationWork;

namespace Gatehouse.Server.Application;

/// <summary>
/// The request-bound form of <see cref="UseCaseWork"/> for the endpoints whose use cases have not moved into
/// Gatehouse.Application yet: the same lock, transaction, audit, outbox and cache handling (it runs inside the
/// application layer's unit of work), committing when the body's answer is a success (2xx). It goes away once every
/// use case has moved.
/// </summary>
public sealed class OrganizationWork(UseCaseWork work, IHttpContextAccessor http)
{
    /// <summary>Runs <paramref name="body"/>; its result is the answer. Changes are kept only when the answer is a success (2xx).</summary>
    public Task<IResult> RunAsync(Guid organizationId, Func<WriteContext, Task<IResult>> body, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("No request.");
        var caller = context.Caller();
        return RunAsync(caller, answer => work.RunAsync(caller.ToActor(), context.Origin(), organizationId, answer, cancellationToken), body);
    }

    /// <summary>
    /// Runs a change that an anonymous request makes on behalf of someone who is not (yet) a member, such as
    /// accepting an invitation with its emailed token (see <see cref="UseCaseWork.RunOnBehalfAsync"/>).
    /// </summary>
    public Task<IResult> RunOnBehalfAsync(Guid organizationId, Caller actingAs, Func<WriteContext, Task<IResult>> body, CancellationToken cancellationToken = default)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("No request.");
        return RunAsync(actingAs, answer => work.RunOnBehalfAsync(actingAs.ToActor(), context.Origin(), organizationId, answer, cancellationToken), body);
    }

    private static async Task<IResult> RunAsync(Caller caller, Func<Func<Gatehouse.Application.Work.WriteContext, Task<Result<IResult>>>, Task<Result<IResult>>> run,
        Func<WriteContext, Task<IResult>> body)
    {
        IResult? refused = null;
        var outcome = await run(async write =>
        {
            var answer = await body(new WriteContext(write, caller));
            if (answer is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 })
            {
                return Result<IResult>.Ok(answer);
            }
            refused = answer;
            return Failure.Of(FailureKind.Conflict, "refused", "The change was refused.");
        });
        return outcome.Succeeded ? outcome.Value : refused ?? outcome.Failure.ToProblem();
    }

    /// <summary>The answer for an organization the caller cannot see: the same as for one that does not exist.</summary>
    public static IResult OrganizationNotFound(Guid organizationId) => UseCaseWork.OrganizationNotFound(organizationId).ToProblem();
}

/// <summary>What a change inside <see cref="OrganizationWork"/> works with (the application layer's write context, as the unmoved endpoints name it).</summary>
public sealed class WriteContext(Gatehouse.Application.Work.WriteContext write, Caller caller)
{
    /// <summary>The database, inside the transaction.</summary>
    public GatehouseDb Db => write.Db;

    /// <summary>The locked organization.</summary>
    public Organization Organization => write.Organization;

    /// <summary>The organization's access data as of this transaction.</summary>
    public CompiledOrganization Compiled => write.Compiled;

    /// <summary>Who acts, as the policy sees them.</summary>
    public Actor Actor => write.Policy;

    /// <summary>Who acts.</summary>
    public Caller Caller => caller;

    /// <summary>The time of the change.</summary>
    public DateTimeOffset Now => write.Now;

    /// <summary>The application layer's context of the same change.</summary>
    public Gatehouse.Application.Work.WriteContext Inner => write;

    /// <summary>Marks that access changed: the organization's version moves on and the cache follows.</summary>
    public void MarkAccessChanged() => write.MarkAccessChanged();

    /// <summary>Records an audit event in the same transaction.</summary>
    public void Audit(string action, string targetType, object targetId, object? before = null, object? after = null) =>
        write.Audit(action, targetType, targetId, before, after);

    /// <summary>Queues an email in the same transaction; with a <paramref name="supersedeKey"/> it replaces pending older emails with that key.</summary>
    public void Email(string kind, string to, string subject, string textBody, string? htmlBody = null, string? supersedeKey = null) =>
        write.Email(kind, to, subject, textBody, htmlBody, supersedeKey);
}
