namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>
    /// How many members hold each role somewhere (a member with several grants of a role counts once), by role key;
    /// roles nobody holds are left out. Every grant as loaded counts, also one that gives nothing (scope gone).
    /// </summary>
    /// <remarks>
    /// Read from the grants as numbers in one pass: spelling out every member's <see cref="CompiledMember.Grants"/>
    /// would allocate each grant of the organization again on every call.
    /// </remarks>
    public IReadOnlyDictionary<string, int> HoldersByRole()
    {
        var roleCount = _lineage.RoleCount;
        var counts = new int[roleCount];
        var lastHolder = new int[roleCount];
        var holder = 0;
        foreach (var member in _members.Values)
        {
            holder++;
            foreach (var grant in member.Compact)
            {
                if (lastHolder[grant.Role] != holder)
                {
                    lastHolder[grant.Role] = holder;
                    counts[grant.Role]++;
                }
            }
        }
        var holders = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var role = 0; role < roleCount; role++)
        {
            if (counts[role] > 0)
            {
                holders[_lineage.RoleKey(role)] = counts[role];
            }
        }
        return holders;
    }
}
