using Policy = Gatehouse.Core.Management;
using Gatehouse.Core.Errors;
using Gatehouse.Core.Grants;
using Gatehouse.Core.Invitations;
using Gatehouse.Core.Management;
using Gatehouse.Core.Roles;

namespace Gatehouse.Core.Tests.Support;

/// <summary>Each operation as its handler would run it: ask the policy, check seats where they matter, then change the entities.</summary>
internal sealed partial class OrganizationFixture
{
    public Decision Invite(Actor actor, InviteRequest request)
    {
        var decision = Policy.Invite.Evaluate(Compiled, actor, request).Then(() => SeatCheck(Seats.SeatsForSendingInvitation));
        if (decision.IsAllowed)
        {
            var inviter = actor.Kind == ActorKind.Member ? Compiled.FindMemberByUser(actor.UserId)!.Entry.MemberId : Guid.Empty;
            var (invitation, token) = Invitation.Create(Guid.NewGuid(), Id, request.Email, request.Grants, request.FullAccess, inviter, Deployment.Now, Model.Policies.InvitationLifetime);
            Deployment.Invitations.Add(invitation);
            _tokens[invitation.Id] = token;
            Deployment.StoreInlineRole(Id, request.InlineRole, request.Grants, memberId: null);
        }
        return decision;
    }

    /// <summary>The invitee accepts: a new account when the email has none, then a membership with the offered access.</summary>
    public Result Accept(Invitation invitation, string name = "New Person")
    {
        if (SeatCheck(Seats.SeatsForAcceptingInvitation).Error is { } seats)
        {
            return seats;
        }
        var user = Deployment.FindUserByEmail(invitation.Email) ?? Deployment.AddUser(name, invitation.Email);
        var accepted = invitation.Accept(_tokens.GetValueOrDefault(invitation.Id, "unknown"), user.Id, Deployment.Now);
        if (accepted.Succeeded)
        {
            var member = Join(user, invitation.Grants, fullAccess: invitation.FullAccess);
            foreach (var inline in Deployment.Roles.Where(r => r.Kind == RoleKind.Inline && invitation.Grants.Any(g => g.RoleKey == r.Key)).ToList())
            {
                Deployment.Roles.Remove(inline);
                Deployment.Roles.Add(new Role(inline.Id, Id, RoleKind.Inline, inline.Name, inline.Permissions, member.Id));
            }
        }
        return accepted;
    }

    public Decision Resend(Actor actor, Invitation invitation) =>
        Apply(ResendInvitation.Evaluate(Compiled, actor, invitation), () => _tokens[invitation.Id] = invitation.Resend(Guid.Empty, Deployment.Now, Model.Policies.InvitationLifetime).Value!);

    public Decision Revoke(Actor actor, Invitation invitation) =>
        Apply(RevokeInvitation.Evaluate(Compiled, actor, invitation), () => invitation.Revoke(Deployment.Now));

    public Decision Assign(Actor actor, AssignGrantRequest request) =>
        Apply(AssignGrant.Evaluate(Compiled, actor, request), () => AddGrants(request.MemberId, [request.Grant], request.InlineRole));

    public Decision AddToScope(Actor actor, string email, GrantSpec grant) =>
        AddToScope(actor, new AddMemberToScopeRequest(email, Deployment.FindUserByEmail(email)?.Id, grant));

    public Decision AddToScope(Actor actor, AddMemberToScopeRequest request) =>
        Apply(AddMemberToScope.Evaluate(Compiled, actor, request), () =>
            AddGrants(Members.Single(m => m.UserId == request.UserId).Id, [request.Grant], request.InlineRole));

    public Decision Change(Actor actor, ChangeGrantRequest request) =>
        Apply(ChangeGrant.Evaluate(Compiled, actor, request), () =>
        {
            RemoveGrants(request.MemberId, g => g.Spec == request.From);
            AddGrants(request.MemberId, [request.To], request.InlineRole);
        });

    public Decision Remove(Actor actor, RemoveGrantRequest request) =>
        Apply(RemoveGrant.Evaluate(Compiled, actor, request), () => RemoveGrants(request.MemberId, g => g.Spec == request.Grant));

    public Decision RemoveFromScope(Actor actor, Guid memberId, Guid scopeId) =>
        Apply(Policy.RemoveFromScope.Evaluate(Compiled, actor, new RemoveFromScopeRequest(memberId, scopeId)), () => RemoveGrants(memberId, g => g.ScopeId == scopeId));

    public Decision Replace(Actor actor, ReplaceAccessRequest request) =>
        Apply(ReplaceAccess.Evaluate(Compiled, actor, request), () =>
        {
            RemoveGrants(request.MemberId, _ => true);
            AddGrants(request.MemberId, request.Grants, request.InlineRole);
            var member = Deployment.Members.Single(m => m.Id == request.MemberId);
            if (member.HasFullAccess != request.FullAccess)
            {
                member.SetFullAccess(request.FullAccess);
            }
        });

    /// <summary>The tokens the invitation emails would carry.</summary>
    private readonly Dictionary<Guid, string> _tokens = [];

    private Decision SeatCheck(int seats) =>
        Seats.CanTake(seats).Error is { } error ? Decision.Refuse(Refusal.Conflict, error) : Decision.Allowed;

    private static Decision Apply(Decision decision, Action change)
    {
        if (decision.IsAllowed)
        {
            change();
        }
        return decision;
    }

    private void AddGrants(Guid memberId, IEnumerable<GrantSpec> grants, InlineRole? inline)
    {
        var list = grants.ToList();
        Deployment.StoreInlineRole(Id, inline, list, memberId);
        Deployment.AddGrants(Id, memberId, list.Where(g => !Deployment.Grants.Any(x => x.MemberId == memberId && x.Spec == g)));
        Deployment.Members.Single(m => m.Id == memberId).TouchAccess();
    }

    private void RemoveGrants(Guid memberId, Func<Grant, bool> which) =>
        Deployment.Grants.RemoveAll(g => g.MemberId == memberId && which(g));
}
