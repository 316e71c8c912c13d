using Gatehouse.Core.Audit;
using Gatehouse.Core.Management;
using Gatehouse.Core.Tests.Support;
using static Gatehouse.Core.Tests.Support.Acme;

namespace Gatehouse.Core.Tests.Management;

/// <summary>Which audit events a viewer reads, and which places an event touches (seeds 000/001: workshop managers).</summary>
public class AuditVisibilityTests
{
    [Fact]
    public void AuditorAtAScope_ReadsEventsWhoseEveryPlaceIsThereOrBelow_NothingElse()
    {
        var acme = new Acme();
        var auditors = acme.Org.AddRole("Auditors", "audit.view");
        var auditor = acme.Org.AddMember("Ada Auditor", [At(auditors.Key, acme.Alpha)]);
        var compiled = acme.Org.Compiled;

        var (visibility, _) = AuditVisibility.For(compiled, acme.As(auditor));

        Assert.NotNull(visibility);
        Assert.False(visibility.Everyone);
        Assert.Equal(new[] { acme.Alpha, acme.AlphaLab }.Order(), visibility.Scopes.Order());
        Assert.True(visibility.CanSee([acme.Alpha]));
        Assert.True(visibility.CanSee([acme.Alpha, acme.AlphaLab]));
        Assert.False(visibility.CanSee([acme.Alpha, acme.Beta]));
        Assert.False(visibility.CanSee([acme.Alpha, AuditEventPlace.Organization]));
        Assert.False(visibility.CanSee([]));
    }

    [Fact]
    public void Owner_ReadsEverything_AndSomeoneWithoutAuditViewAnywhere_IsToldWhatTheyLack()
    {
        var acme = new Acme();
        var compiled = acme.Org.Compiled;

        var (owner, _) = AuditVisibility.For(compiled, acme.As(acme.Owner));
        var (member, refusal) = AuditVisibility.For(compiled, acme.As(acme.AlphaMember));

        Assert.True(owner!.Everyone);
        Assert.True(owner.CanSee([]));
        Assert.Null(member);
        Assert.Equal(ManagementCodes.MissingPermission, refusal.Code);
    }

    [Fact]
    public void Places_OfAMember_AreTheirAccessAndTheScopesInTheStates_OrganizationWideAccessIsTheOrganization()
    {
        var acme = new Acme();
        var compiled = acme.Org.Compiled;
        var alpha = acme.Alpha.ToString();

        Assert.Equal([acme.Alpha], AuditPlaces.Of(compiled, "member", acme.AlphaMember.Id.ToString(), """{"status":"active"}""", null));
        Assert.Equal(new[] { acme.Alpha, acme.Beta }.Order(),
            AuditPlaces.Of(compiled, "member", acme.AlphaMember.Id.ToString(), null, $$"""{"grants":[{"roleKey":"member","scopeId":"{{acme.Beta}}"}]}""").Order());
        Assert.Contains(AuditEventPlace.Organization, AuditPlaces.Of(compiled, "member", acme.Admin.Id.ToString(), null, null));
        Assert.Contains(AuditEventPlace.Organization, AuditPlaces.Of(compiled, "member", acme.AlphaMember.Id.ToString(), null, """{"grants":[{"roleKey":"member","scopeId":null}]}"""));
        Assert.Contains(AuditEventPlace.Organization, AuditPlaces.Of(compiled, "member", acme.AlphaMember.Id.ToString(), null, """{"fullAccess":true}"""));
        // Someone not (yet) a member: only what the states say, and the organization when they say nothing.
        Assert.Equal([acme.Alpha], AuditPlaces.Of(compiled, "invitation", Guid.NewGuid().ToString(), null, $$"""{"grants":[{"scopeId":"{{alpha}}"}]}"""));
        Assert.Equal([AuditEventPlace.Organization], AuditPlaces.Of(compiled, "member", Guid.NewGuid().ToString(), null, """{"status":"active"}"""));
    }

    [Fact]
    public void Places_OfAScope_AreItAndItsParent_AndOfAnythingElse_TheOrganization()
    {
        var acme = new Acme();
        var compiled = acme.Org.Compiled;

        Assert.Equal(new[] { acme.AlphaLab, acme.Alpha }.Order(),
            AuditPlaces.Of(compiled, "scope", acme.AlphaLab.ToString(), null, $$"""{"id":"{{acme.AlphaLab}}","name":"Alpha Lab","parentId":"{{acme.Alpha}}"}""").Order());
        Assert.Equal([acme.Beta], AuditPlaces.Of(compiled, "scope", acme.Beta.ToString(), null, $$"""{"id":"{{acme.Beta}}","name":"Beta","parentId":null}"""));
        Assert.Equal([AuditEventPlace.Organization], AuditPlaces.Of(compiled, "role", Guid.NewGuid().ToString(), null, """{"name":"Auditors"}"""));
        Assert.Equal([AuditEventPlace.Organization], AuditPlaces.Of(compiled, "organization", Guid.NewGuid().ToString(), null, "not json"));
    }
}
