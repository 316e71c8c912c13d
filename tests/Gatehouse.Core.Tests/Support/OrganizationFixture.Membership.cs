using Policy = Gatehouse.Core.Management;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Tests.Support;

/// <summary>Operations on memberships, ownership and roles, applied as their handlers would.</summary>
internal sealed partial class OrganizationFixture
{
    public Decision Deactivate(Actor actor, Member member) =>
        Apply(Policy.Deactivate.Evaluate(Compiled, actor, new DeactivateRequest(member.Id)), () => Find(member.Id).Deactivate(Deployment.Now));

    public Decision Reactivate(Actor actor, Member member) =>
        Apply(Policy.Reactivate.Evaluate(Compiled, actor, new ReactivateRequest(member.Id)).Then(() => SeatCheck(1)), () => Find(member.Id).Reactivate());

    /// <summary>Removes the membership and its grants; the account stays.</summary>
    public Decision RemoveMember(Actor actor, Member member) =>
        Apply(Policy.RemoveMember.Evaluate(Compiled, actor, new RemoveMemberRequest(member.Id)), () =>
        {
            RemoveGrants(member.Id, _ => true);
            Deployment.Members.RemoveAll(m => m.Id == member.Id);
        });

    public Decision DeleteAccount(Actor actor, Guid userId) =>
        Apply(Policy.DeleteAccount.Evaluate(Compiled, actor, new DeleteAccountRequest(userId, Deployment.MembershipsOf(userId))), () => Deployment.Erase(userId));

    public Decision ChangeFullAccess(Actor actor, Member member, bool fullAccess) =>
        Apply(Policy.ChangeFullAccess.Evaluate(Compiled, actor, new ChangeFullAccessRequest(member.Id, fullAccess)), () =>
        {
            if (Find(member.Id).HasFullAccess != fullAccess)
            {
                Find(member.Id).SetFullAccess(fullAccess);
            }
        });

    public Decision ChangeOwner(Actor actor, Member member, bool owner) =>
        Apply(Policy.ChangeOwner.Evaluate(Compiled, actor, new ChangeOwnerRequest(member.Id, owner)), () => Find(member.Id).SetOwner(owner));

    public Decision TransferOwnership(Actor actor, Member to) =>
        Apply(Policy.TransferOwnership.Evaluate(Compiled, actor, new TransferOwnershipRequest(to.Id)), () =>
        {
            Find(to.Id).SetOwner(true);
            Members.Single(m => m.UserId == actor.UserId).SetOwner(false);
        });

    public Decision CreateRole(Actor actor, CreateRoleRequest request) =>
        Apply(Policy.CreateRole.Evaluate(Compiled, actor, request), () =>
            Deployment.Roles.Add(new Role(Guid.NewGuid(), Id, RoleKind.Custom, request.Name.Trim(), request.Permissions)));

    public Decision EditRole(Actor actor, EditRoleRequest request) =>
        Apply(Policy.EditRole.Evaluate(Compiled, actor, request), () =>
        {
            var role = Deployment.Roles.Single(r => r.Key == request.RoleKey);
            role.Rename(request.Name.Trim());
            role.ReplacePermissions(request.Permissions);
        });

    /// <summary>Deletes the role and its grants.</summary>
    public Decision DeleteRole(Actor actor, DeleteRoleRequest request) =>
        Apply(Policy.DeleteRole.Evaluate(Compiled, actor, request), () =>
        {
            Deployment.Roles.RemoveAll(r => r.Key == request.RoleKey);
            Deployment.Grants.RemoveAll(g => g.RoleKey == request.RoleKey);
        });

    private Member Find(Guid memberId) => Deployment.Members.Single(m => m.Id == memberId);
}
