namespace Gatehouse.Core.Audit;

/// <summary>
/// One place an audit event touches: a scope, or the organization itself (<see cref="Organization"/>). A viewer with
/// <c>audit.view</c> only at some scopes sees an event when it touches at least one place and every place is within
/// their reach (<see cref="Gatehouse.Core.Management.AuditVisibility"/>), so no name from elsewhere reaches them.
/// </summary>
/// <param name="EventId">The event.</param>
/// <param name="ScopeId">The scope, or <see cref="Organization"/>.</param>
public sealed record AuditEventPlace(Guid EventId, Guid ScopeId)
{
    /// <summary>The organization as a place: what an organization-wide grant, full access, a role or a setting touches.</summary>
    public static readonly Guid Organization = Guid.Empty;
}
