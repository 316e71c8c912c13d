using System.Numerics;
using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

/// <summary>One organization's access data compiled for checks: every member's effective set at every place, scope ancestry, roles as bitsets.</summary>
/// <remarks>
/// Immutable once built: readers need no lock, and a change swaps in a new instance for this organization only
/// (<see cref="Apply"/> builds it from this one, copying only what the change touches).
/// </remarks>
public sealed partial class CompiledOrganization
{
    // Members per segment: a change to one member copies one segment of about this many members and their pairs.
    private const int DefaultMembersPerSegment = 64;

    private readonly int _membersPerSegment;
    private readonly CompiledModel _compiledModel;
    private readonly PermissionCatalog _catalog;
    private readonly int _permissionCount;
    private readonly OrganizationLineage _lineage;
    private readonly ScopeTree _scopes;
    private readonly RoleTable _roles;
    private readonly MemberMap _members;
    private ScopeEntry[]? _scopeList;

    // What a check reads: the segment of the user, its slots and member keys, the place ids that confirm a slot's
    // scope, the pool of sets, and the live scopes (for a check at a scope where the home set applies).
    private readonly CheckSegment[] _segments;
    private readonly CheckSegment _onlySegment;
    private readonly int _segmentMask;
    private readonly int[] _viewOwn;
    private readonly ulong _organizationHash;
    private readonly Guid[] _placeIds;
    private readonly ulong[] _pool;
    private readonly PlaceLookup _scopeLookup;

    /// <summary>Compiles a snapshot against the access model.</summary>
    public CompiledOrganization(AccessModel model, OrganizationSnapshot snapshot)
        : this(model, snapshot, DefaultMembersPerSegment)
    {
    }

    /// <summary>Compiles with segments of about <paramref name="membersPerSegment"/> members (tests use small ones to have many).</summary>
    internal CompiledOrganization(AccessModel model, OrganizationSnapshot snapshot, int membersPerSegment)
    {
        _membersPerSegment = membersPerSegment;
        Model = model;
        OrganizationId = snapshot.OrganizationId;
        _compiledModel = CompiledModel.For(model);
        _catalog = model.Catalog;
        _viewOwn = model.Catalog.ViewOwnIndexes;
        _permissionCount = model.Catalog.Count;
        _organizationHash = GuidHash.Of(OrganizationId);
        _lineage = new OrganizationLineage(_compiledModel, OrganizationId, snapshot.Scopes.Count, snapshot.Members.Count + 16);
        _scopes = new ScopeTree(_lineage, snapshot.Scopes);
        _scopeLookup = _scopes.Lookup;
        _roles = new RoleTable(model, _compiledModel, _lineage, snapshot.Roles);
        var members = CompileMembers(snapshot.Members, snapshot.Grants);
        var segmentCount = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, members.Length / membersPerSegment));
        _segmentMask = segmentCount - 1;
        _members = new MemberMap(segmentCount, members);
        _segments = new CheckSegment[segmentCount];
        var builders = Enumerable.Range(0, segmentCount).Select(_ => new SegmentBuilder()).ToArray();
        var compiler = new MemberCompiler(_scopes, _roles, _lineage.Pool);
        var pairs = new List<(int Place, int Set)>();
        foreach (var member in members)
        {
            AddTo(builders[(int)(GuidHash.Of(member.UserId) >> 40) & _segmentMask], compiler, pairs, member);
        }
        for (var s = 0; s < segmentCount; s++)
        {
            _segments[s] = builders[s].Build();
        }
        _onlySegment = _segments[0];
        OwnerCount = members.Count(m => m.IsOwner && m.IsActive);
        _lineage.Seal();
        _placeIds = _lineage.PlaceIds;
        _pool = _lineage.Pool.Words;
    }

    /// <summary>The access model the organization was compiled against.</summary>
    public AccessModel Model { get; }

    /// <summary>The organization.</summary>
    public Guid OrganizationId { get; }

    /// <summary>Number of active owners.</summary>
    public int OwnerCount { get; }

    /// <summary>Every member.</summary>
    public IEnumerable<CompiledMember> Members => _members.Values;

    /// <summary>For an organization made by <see cref="Apply"/> without a full compile: what it was made from; otherwise null.</summary>
    public Derivation? Derivation { get; }

    /// <summary>How many members the organization has, active or not.</summary>
    public int MemberCount => _members.Count;

    /// <summary>Every scope (made on first use: most organizations are only ever checked against).</summary>
    public IReadOnlyList<ScopeEntry> Scopes => _scopeList ??= [.. _scopes.Live];

    /// <summary>Every role usable in the organization: the model's system roles and the organization's own.</summary>
    public IEnumerable<CompiledRole> Roles => _roles.All;

    /// <summary>Finds a member by user.</summary>
    public CompiledMember? FindMemberByUser(Guid userId) => SegmentOf(GuidHash.Of(userId)).FindMember(userId);

    /// <summary>Finds a member by membership id.</summary>
    public CompiledMember? FindMember(Guid memberId) => _members.Find(memberId);

    /// <summary>Finds a role by key.</summary>
    public CompiledRole? FindRole(string key) => _roles.Find(key);

    /// <summary>Compiles the snapshot's members with their grants, numbered; grants of someone who is not a member are dropped.</summary>
    private CompiledMember[] CompileMembers(IReadOnlyList<MemberEntry> entries, IReadOnlyList<GrantEntry> grants)
    {
        var index = new Dictionary<Guid, int>(entries.Count);
        var users = new HashSet<Guid>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            if (!index.TryAdd(entries[i].MemberId, i) || !users.Add(entries[i].UserId))
            {
                throw new ArgumentException($"The member {entries[i].MemberId} (user {entries[i].UserId}) appears twice.", nameof(entries));
            }
        }
        // Two passes over the grants (count, then fill) so each member gets one exact array and nothing else.
        var owners = new int[grants.Count];
        var counts = new int[entries.Count];
        for (var g = 0; g < grants.Count; g++)
        {
            owners[g] = index.TryGetValue(grants[g].MemberId, out var i) ? i : -1;
            if (owners[g] >= 0)
            {
                counts[owners[g]]++;
            }
        }
        var grouped = counts.Select(c => c == 0 ? [] : new CompactGrant[c]).ToArray();
        Array.Clear(counts);
        for (var g = 0; g < grants.Count; g++)
        {
            if (owners[g] is var i and >= 0)
            {
                grouped[i][counts[i]++] = Compact(grants[g]);
            }
        }
        return [.. entries.Select((e, i) => new CompiledMember(e, grouped[i], _lineage))];
    }

    private CompactGrant Compact(GrantEntry grant) =>
        new(_lineage.RoleOf(grant.RoleKey), grant.ScopeId is { } scope ? _lineage.PlaceOf(scope) : 0);

    /// <summary>Compiles one member into the builder of its segment: its key, its home slot and its pairs.</summary>
    private void AddTo(SegmentBuilder builder, MemberCompiler compiler, List<(int Place, int Set)> pairs, CompiledMember member)
    {
        var userId = member.UserId;
        var user = GuidHash.Of(userId);
        pairs.Clear();
        builder.AddMember(member);
        var home = compiler.Compile(member, pairs);
        builder.AddHome(GuidHash.Pair(user, _organizationHash), userId, member.Flags, home);
        var placeIds = _lineage.PlaceIds;
        foreach (var (place, set) in pairs)
        {
            builder.Add(GuidHash.Pair(user, GuidHash.Of(placeIds[place])), userId, place, member.Flags, set);
        }
    }
}
