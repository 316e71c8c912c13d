using System.Net.Http.Json;
using System.Text.Json;
using Gatehouse.Core.Tests.Support.Properties;
using Gatehouse.Server.Tests.Support;

namespace Gatehouse.Server.Tests.Security;

/// <summary>One management request by one actor, chosen from the genes, with a description for failure messages.</summary>
internal sealed record RandomRequest(string Description, SecurityActor Actor, Func<Task<HttpResponseMessage>> Send, bool InvitesSomeone = false, bool ActsOnRoles = false)
{
    public const int Kinds = 17;

    public static RandomRequest Next(SecurityWorld world, StoredAccess stored, Genes genes, IReadOnlyList<(Guid Id, string Email)> pending)
    {
        // Mostly someone who manages part of the organization without holding everything: the case the rules are for.
        var actor = genes.OneIn(3) ? genes.Pick(world.Actors) : genes.Pick(world.Actors.Where(a => a.Partial).ToList());
        var client = actor.Member.Client;
        var members = stored.Members.Values.OrderBy(m => m.Id).ToList();
        var member = genes.Pick(members);
        var scopes = stored.Scopes.Keys.Order().ToList();
        Guid? AnyTarget() => scopes.Count == 0 || genes.OneIn(4) ? null : genes.Pick(scopes);
        object AnyGrant() => new { roleKey = genes.Pick(world.RoleKeys), scopeId = AnyTarget() };
        string Who(Guid memberId) => world.Actors.FirstOrDefault(a => a.Member.MemberId == memberId)?.Name ?? $"member {memberId.ToString()[..8]}";
        RandomRequest Of(string what, Func<Task<HttpResponseMessage>> send, bool invites = false) => new($"{actor.Name}: {what}", actor, send, invites);

        switch (genes.Next(Kinds))
        {
            case 0:
            case 1:
                var grants = Enumerable.Range(0, genes.Next(3)).Select(_ => AnyGrant()).ToArray();
                var full = genes.OneIn(6);
                return Of($"replace {Who(member.Id)}'s access with {JsonSerializer.Serialize(grants)} full={full}",
                    () => client.PutAsJsonAsync(world.Path($"/members/{member.Id}/access"), new { version = member.Version, grants, fullAccess = full }));
            case 2:
                var addAt = scopes.Count == 0 ? (Guid?)null : genes.Pick(scopes);
                var addRole = genes.Pick(world.RoleKeys);
                return Of($"add {Who(member.Id)} to {addAt} as {addRole}",
                    () => client.PostAsJsonAsync(world.Path($"/members/{member.Id}/scopes"), new { scopeId = addAt, roleKey = addRole }));
            case 3:
                var removeAt = scopes.Count == 0 ? Guid.NewGuid() : genes.Pick(scopes);
                return Of($"remove {Who(member.Id)} from {removeAt}", () => client.DeleteAsync(world.Path($"/members/{member.Id}/scopes/{removeAt}")));
            case 4:
                return Of($"deactivate {Who(member.Id)}", () => client.PostAsync(world.Path($"/members/{member.Id}/deactivate"), null));
            case 5:
                return Of($"reactivate {Who(member.Id)}", () => client.PostAsync(world.Path($"/members/{member.Id}/reactivate"), null));
            case 6:
                return Of($"remove {Who(member.Id)} from the organization", () => client.DeleteAsync(world.Path($"/members/{member.Id}")));
            case 7:
                var email = $"newcomer{++world.Serial}.{Guid.NewGuid():N}@example.com";
                var offered = new[] { AnyGrant() };
                var invitedFull = genes.OneIn(8);
                return Of($"invite {email} with {JsonSerializer.Serialize(offered)} full={invitedFull}",
                    () => client.PostAsJsonAsync(world.Path("/invitations"), new { emails = new[] { email }, grants = offered, fullAccess = invitedFull }), invites: true);
            case 8:
            case 9:
                if (pending.Count == 0)
                {
                    goto case 7;
                }
                var invitation = genes.Pick(pending);
                var resend = genes.OneIn(2);
                return Of($"{(resend ? "resend" : "revoke")} the invitation to {invitation.Email}",
                    () => client.PostAsync(world.Path($"/invitations/{invitation.Id}/{(resend ? "resend" : "revoke")}"), null), invites: resend);
            case 10:
            case 14:
            case 15:
                if (scopes.Count == 0)
                {
                    goto case 12;
                }
                var moved = genes.Pick(scopes);
                var parent = genes.OneIn(4) ? (Guid?)null : genes.Pick(scopes);
                return Of($"move scope {moved} under {parent?.ToString() ?? "the organization"}",
                    () => client.PatchAsJsonAsync(world.Path($"/scopes/{moved}"), parent is null ? new { moveToRoot = (bool?)true, parentId = (Guid?)null } : new { moveToRoot = (bool?)null, parentId = parent }));
            case 11:
            case 16:
                if (scopes.Count == 0)
                {
                    goto case 12;
                }
                var deleted = genes.Pick(scopes);
                return Of($"delete scope {deleted}", () => client.DeleteAsync(world.Path($"/scopes/{deleted}")));
            case 12:
                var under = AnyTarget();
                return Of($"create a scope under {under?.ToString() ?? "the organization"}",
                    () => client.PostAsJsonAsync(world.Path("/scopes"), new { name = $"S{++world.Serial}", parentId = under }));
            default:
                var role = genes.Pick(world.CustomRoleKeys);
                var catalog = world.Model.Catalog.All;
                var permissions = catalog.Where(_ => genes.OneIn(3)).Select(p => p.Code).Take(8).DefaultIfEmpty(catalog[0].Code).ToArray();
                return new($"{actor.Name}: edit role {role} to [{string.Join(", ", permissions)}]", actor,
                    () => client.PatchAsJsonAsync(world.Path($"/roles/{role}"), new { permissions }), ActsOnRoles: true);
        }
    }
}
