using Gatehouse.Core.Management;

namespace Gatehouse.Application;

/// <summary>The kinds of party that act through a use case.</summary>
public enum ActorType
{
    /// <summary>A person, acting through their memberships (or as product support when they are a platform operator).</summary>
    Person,

    /// <summary>A service account: a non-person user of exactly one organization, acting through its API key.</summary>
    ServiceAccount,

    /// <summary>The <c>gatehouse</c> command on the server's machine: acts as product support, named as the CLI in the audit log.</summary>
    OperatorCli,
}

/// <summary>
/// Who acts in a use case: the party the audit log names and the management policy judges. Surfaces build it from
/// what authenticated the request (an API key, a session, the command line); handlers never see the request.
/// </summary>
/// <param name="Type">Person, service account or the operator CLI.</param>
/// <param name="UserId">The acting user; null for the operator CLI, which is nobody's account.</param>
/// <param name="Name">The name audit events record.</param>
/// <param name="IsPlatformOperator">The person is one of the product's support staff (always true for the CLI).</param>
/// <param name="ServiceOrganizationId">For a service account, the only organization it may touch.</param>
/// <param name="ApiKeyId">The API key used, when one was.</param>
/// <param name="TokenOrganizationId">
/// For a person acting through a product's access token, the organization the token is for (<c>org_id</c>): the token acts
/// only there, as the person, and never as product support (docs/oidc.md, "The REST API with an access token").
/// </param>
public sealed record Actor(ActorType Type, Guid? UserId, string Name, bool IsPlatformOperator, Guid? ServiceOrganizationId = null, Guid? ApiKeyId = null,
    Guid? TokenOrganizationId = null)
{
    /// <summary>The name the audit log gives the operator CLI.</summary>
    public const string OperatorCliName = "gatehouse command";

    /// <summary>The operator CLI on the server's machine.</summary>
    public static Actor OperatorCli { get; } = new(ActorType.OperatorCli, null, OperatorCliName, IsPlatformOperator: true);

    /// <summary>The one organization this actor may touch (a service account's, or an access token's), or null for any.</summary>
    public Guid? OnlyOrganizationId => ServiceOrganizationId ?? TokenOrganizationId;

    /// <summary>How the management policy sees this actor in an organization; null when the actor may not see it at all.</summary>
    public PolicyActor? PolicyIn(Guid organizationId) =>
        OnlyOrganizationId is { } own && own != organizationId ? null
        : IsPlatformOperator ? PolicyActor.PlatformOperator(UserId ?? Guid.Empty)
        : UserId is { } user ? PolicyActor.Member(user)
        : null;
}
