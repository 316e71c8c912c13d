using Gatehouse.Core.Access;
using Gatehouse.Core.Members;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Tests.Access;

/// <summary>The lookups on an organization large enough that rare holders are kept as lists and common ones as bitmaps.</summary>
public class LookupTests
{
    [Fact]
    public void MembersAllowed_OnFiveHundredMembers_PagesThroughExactlyWhomCheckAllows()
    {
        var random = new Random(5);
        var org = new OrganizationBuilder();
        var regions = Enumerable.Range(0, 4).Select(r => org.Scope($"Region {r}")).ToArray();
        var sites = Enumerable.Range(0, 24).Select(s => org.Scope($"Site {s}", regions[s % 4])).ToArray();
        Guid?[] targets = [null, .. regions.Select(r => (Guid?)r), .. sites.Select(s => (Guid?)s)];
        string[] roles = ["manager", "technician", "viewer", "approver"];
        var approvers = org.CustomRole("Rare", AccessTestModel.ApproveInvoices);
        for (var m = 0; m < 500; m++)
        {
            var user = org.Member($"Member {m}", random.Next(20) == 0 ? MemberStatus.Deactivated : MemberStatus.Active,
                fullAccess: random.Next(50) == 0, lockoutEnd: random.Next(40) == 0 ? AccessTestModel.Now.AddHours(1) : null);
            for (var g = random.Next(1, 4); g > 0; g--)
            {
                org.Grant(user, random.Next(100) == 0 ? approvers : roles[random.Next(1, roles.Length)], targets[1 + random.Next(targets.Length - 1)]);
            }
        }
        var (engine, clock) = AccessTestModel.Engine(org.Build());
        var compiled = engine.Find(org.OrganizationId)!;

        foreach (var target in targets)
        {
            foreach (var permission in AccessTestModel.Definition.Catalog.All.Select(p => AccessTestModel.Resolve(p.Code)))
            {
                var expected = compiled.Members.Where(m => compiled.Check(m.Entry.UserId, permission, target, null, clock))
                    .Select(m => m.Entry.MemberId).Order().ToList();
                var listed = new List<Guid>();
                for (Guid? after = null; ;)
                {
                    var page = compiled.MembersAllowed(permission, target, clock, after, 7);
                    listed.AddRange(page.Members.Select(m => m.Entry.MemberId));
                    if ((after = page.NextAfter) is null)
                    {
                        break;
                    }
                }
                Assert.Equal(expected, listed);
            }
        }
    }
}
