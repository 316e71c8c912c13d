namespace Gatehouse.Core.Access;

public sealed partial class CompiledOrganization
{
    /// <summary>
    /// This organization with a change applied, equal to a fresh compile of the organization as it is after the change.
    /// Only what the change touches is compiled again: the changed members, the holders of a role whose permissions
    /// changed, and the members with a grant at or above a scope that was created, moved or deleted; and only their
    /// segments are copied. This instance is left as it was.
    /// </summary>
    public CompiledOrganization Apply(OrganizationChange change)
    {
        var scopes = change.Scopes is { } newScopes ? new ScopeTree(_lineage, newScopes) : _scopes;
        var roles = change.Roles is { } newRoles ? new RoleTable(Model, _compiledModel, _lineage, newRoles) : _roles;
        var changed = ChangedMembers(change);
        var touchedPlaces = change.Scopes is null ? null : PlacesWhoseReachChanged(_scopes, scopes);
        var touchedRoles = change.Roles is null ? null : RolesWhoseSetChanged(_roles, roles);
        if (touchedPlaces is not null || touchedRoles is not null)
        {
            foreach (var member in _members.Values)
            {
                if (!changed.ContainsKey(member.MemberId) && Touches(member, touchedPlaces, touchedRoles))
                {
                    changed[member.MemberId] = (member, member);
                }
            }
        }
        if (NeedsFullCompile(changed.Count))
        {
            return new CompiledOrganization(Model, SnapshotAfter(change), _membersPerSegment);
        }
        return new CompiledOrganization(this, scopes, roles, changed);
    }

    private CompiledOrganization(
        CompiledOrganization basis, ScopeTree scopes, RoleTable roles, Dictionary<Guid, (CompiledMember? Old, CompiledMember? New)> changed)
    {
        Model = basis.Model;
        OrganizationId = basis.OrganizationId;
        _membersPerSegment = basis._membersPerSegment;
        _compiledModel = basis._compiledModel;
        _catalog = basis._catalog;
        _viewOwn = basis._viewOwn;
        _permissionCount = basis._permissionCount;
        _organizationHash = basis._organizationHash;
        _lineage = basis._lineage;
        _scopes = scopes;
        _scopeLookup = scopes.Lookup;
        _roles = roles;
        _segmentMask = basis._segmentMask;
        _segments = (CheckSegment[])basis._segments.Clone();
        Derivation = new Derivation(new WeakReference<CompiledOrganization>(basis), [.. changed.Values]);
        var compiler = new MemberCompiler(scopes, roles, _lineage.Pool);
        var pairs = new List<(int Place, int Set)>();
        var leaving = changed.Values.Where(c => c.Old is not null).Select(c => c.Old!.UserId).ToHashSet();
        var arriving = changed.Values.Select(c => c.New).OfType<CompiledMember>().ToLookup(m => SegmentIndex(m.UserId));
        foreach (var group in leaving.Select(SegmentIndex).Concat(arriving.Select(a => a.Key)).Distinct())
        {
            var builder = Keep(basis._segments[group], leaving, basis._placeIds);
            foreach (var member in arriving[group])
            {
                AddTo(builder, compiler, pairs, member);
            }
            _segments[group] = builder.Build();
        }
        var put = changed.Values.Where(c => !ReferenceEquals(c.Old, c.New)).Select(c => c.New).OfType<CompiledMember>().ToList();
        _onlySegment = _segments[0];
        _members = basis._members.With(put, [.. changed.Where(c => c.Value.New is null).Select(c => c.Key)]);
        _placeIds = _lineage.PlaceIds;
        _pool = _lineage.Pool.Words;
        OwnerCount = basis.OwnerCount
            - changed.Values.Count(c => c.Old is { IsActive: true, IsOwner: true })
            + changed.Values.Count(c => c.New is { IsActive: true, IsOwner: true });
    }

    private int SegmentIndex(Guid userId) => (int)(GuidHash.Of(userId) >> 40) & _segmentMask;

    /// <summary>Each changed member's compiled form before and after (null = not a member).</summary>
    private Dictionary<Guid, (CompiledMember? Old, CompiledMember? New)> ChangedMembers(OrganizationChange change)
    {
        var changed = new Dictionary<Guid, (CompiledMember?, CompiledMember?)>();
        foreach (var member in change.Members)
        {
            if (member.Entry is { } entry && entry.MemberId != member.MemberId)
            {
                throw new ArgumentException($"The change of member {member.MemberId} carries the entry of {entry.MemberId}.", nameof(change));
            }
            var compiled = member.Entry is { } e
                ? new CompiledMember(e, [.. member.Grants.Where(g => g.MemberId == member.MemberId).Select(Compact)], _lineage)
                : null;
            var old = FindMember(member.MemberId);
            if (old is not null && compiled is not null && old.UserId != compiled.UserId)
            {
                throw new ArgumentException($"Member {member.MemberId} belongs to user {old.UserId}; a membership never changes its user.", nameof(change));
            }
            changed[member.MemberId] = (old, compiled);
        }
        foreach (var (id, (_, now)) in changed)
        {
            if (now is not null && FindMemberByUser(now.UserId) is { } holder && holder.MemberId != id
                && !(changed.TryGetValue(holder.MemberId, out var other) && other.Item2?.UserId != now.UserId))
            {
                throw new ArgumentException($"The user {now.UserId} is already member {holder.MemberId}.", nameof(change));
            }
        }
        return changed;
    }

    /// <summary>The places whose reach (where a grant on them applies) differs between two versions of the scopes.</summary>
    /// <remarks>
    /// A place is in a scope's reach when it is on the scope's chain; chains change only above a scope whose parent
    /// or existence changed, so the reaches that change are those of the places on its chain before or after.
    /// </remarks>
    private static HashSet<int> PlacesWhoseReachChanged(ScopeTree before, ScopeTree after)
    {
        var touched = new HashSet<int>();
        var places = Math.Max(before.PlaceCount, after.PlaceCount);
        for (var place = 1; place < places; place++)
        {
            if (before.IsLive(place) != after.IsLive(place) || before.ParentOf(place) != after.ParentOf(place))
            {
                touched.UnionWith(before.ChainOf(place));
                touched.UnionWith(after.ChainOf(place));
            }
        }
        return touched;
    }

    private HashSet<int> RolesWhoseSetChanged(RoleTable before, RoleTable after)
    {
        var touched = new HashSet<int>();
        for (var role = 0; role < _lineage.RoleCount; role++)
        {
            var hadWords = before.TryGetWords(role, out var old);
            var hasWords = after.TryGetWords(role, out var now);
            if (hadWords != hasWords || (hadWords && !old.AsSpan().SequenceEqual(now)))
            {
                touched.Add(role);
            }
        }
        return touched;
    }

    private static bool Touches(CompiledMember member, HashSet<int>? places, HashSet<int>? roles) =>
        member.Compact.Any(g => (places?.Contains(g.Place) ?? false) || (roles?.Contains(g.Role) ?? false));

    /// <summary>
    /// A full compile instead of a patch when patches have left the pool with many sets no member holds any more, or
    /// the organization has grown so that its segments are several times their size; both reset on a full compile.
    /// </summary>
    private bool NeedsFullCompile(int changedMembers) =>
        _lineage.Pool.Used > (2 * _lineage.PoolWordsAtCompile) + (4_096 * _compiledModel.Stride)
        || _members.Count + changedMembers > 4 * _membersPerSegment * _segments.Length;

    /// <summary>A segment's slots other than those of <paramref name="leaving"/>, ready for more.</summary>
    private SegmentBuilder Keep(CheckSegment segment, HashSet<Guid> leaving, Guid[] placeIds)
    {
        var builder = new SegmentBuilder();
        foreach (var member in segment.Members)
        {
            if (!leaving.Contains(member.UserId))
            {
                builder.AddMember(member);
            }
        }
        foreach (var slot in segment.Pairs)
        {
            if (!slot.IsOccupied || leaving.Contains(slot.UserId))
            {
                continue;
            }
            var user = GuidHash.Of(slot.UserId);
            if (slot.Place == 0)
            {
                builder.AddHome(GuidHash.Pair(user, _organizationHash), slot.UserId, slot.Flags, slot.Set);
            }
            else
            {
                builder.Add(GuidHash.Pair(user, GuidHash.Of(placeIds[slot.Place])), slot.UserId, slot.Place, slot.Flags, slot.Set);
            }
        }
        return builder;
    }

    /// <summary>The organization as it is after the change, as a snapshot (for a full compile).</summary>
    private OrganizationSnapshot SnapshotAfter(OrganizationChange change)
    {
        var changed = change.Members.ToDictionary(m => m.MemberId);
        var members = _members.Values.Where(m => !changed.ContainsKey(m.MemberId)).Select(m => (m.Entry, m.Grants))
            .Concat(change.Members.Where(m => m.Entry is not null).Select(m => (m.Entry!, m.Grants)))
            .ToList();
        return new OrganizationSnapshot(
            OrganizationId,
            change.Scopes ?? Scopes,
            [.. members.Select(m => m.Item1)],
            change.Roles ?? _roles.Entries(_catalog),
            [.. members.SelectMany(m => m.Item2)]);
    }
}

/// <summary>
/// How a patched organization was made: the one it was made from (held weakly, so a chain of patches keeps no old
/// organization alive) and each member that changed, as it was there and as it is here (null where absent).
/// </summary>
public sealed record Derivation(WeakReference<CompiledOrganization> Basis, IReadOnlyList<(CompiledMember? Old, CompiledMember? New)> Members);
