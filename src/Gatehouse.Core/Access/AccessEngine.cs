using Gatehouse.Core.Model;

namespace Gatehouse.Core.Access;

/// <summary>Answers "may this person do X here?" from compiled organizations held in memory.</summary>
public sealed class AccessEngine(AccessModel model, TimeProvider time)
{
    private readonly OrganizationTable _organizations = new();

    // The model's, held here so a check does not go through the model to reach them.
    private readonly int _permissionCount = model.Catalog.Count;
    private readonly int[] _viewOwn = model.Catalog.ViewOwnIndexes;

    /// <summary>The access model.</summary>
    public AccessModel Model { get; } = model;

    /// <summary>Compiles one organization and swaps it in; no other organization is touched.</summary>
    public CompiledOrganization Load(OrganizationSnapshot snapshot)
    {
        var compiled = new CompiledOrganization(Model, snapshot);
        _organizations.Set(snapshot.OrganizationId, compiled);
        return compiled;
    }

    /// <summary>Swaps in an organization compiled (or patched with <see cref="CompiledOrganization.Apply"/>) against this engine's model.</summary>
    public void Install(CompiledOrganization organization)
    {
        if (!ReferenceEquals(organization.Model, Model))
        {
            throw new ArgumentException("The organization was compiled against another access model.", nameof(organization));
        }
        _organizations.Set(organization.OrganizationId, organization);
    }

    /// <summary>Forgets one organization (deleted, or to be reloaded on next use).</summary>
    public void Invalidate(Guid organizationId) => _organizations.Set(organizationId, null);

    /// <summary>The compiled organization, when loaded.</summary>
    public CompiledOrganization? Find(Guid organizationId) => _organizations.Find(organizationId);

    /// <summary>The access rule: may the user do <paramref name="permission"/> in the organization, at the scope (null = organization)?</summary>
    /// <remarks>
    /// For an organization of one segment (most are) the check reads its tables from the organization's slot in the
    /// engine's table and never loads the organization object: over many small organizations that is one cache miss
    /// less per check.
    /// </remarks>
    public bool Check(Guid organizationId, Guid userId, PermissionId permission, Guid? scopeId = null, Guid? resourceOwnerUserId = null)
    {
        if (_organizations.Find(organizationId, out var tables) is not { } organization)
        {
            return false;
        }
        if (tables.Pairs is not { } pairs)
        {
            return organization.Check(userId, permission, scopeId, resourceOwnerUserId, time);
        }
        var segment = new CheckSegment(pairs, tables.PairCapacity, []);
        var places = new PlaceLookup(tables.Places, tables.PlaceCapacity);
        return (uint)permission.Index < (uint)_permissionCount
            && CompiledOrganization.Check(
                in segment, in places, tables.Pool, _viewOwn, GuidHash.Of(organizationId), organization,
                GuidHash.Of(userId), userId, permission.Index, scopeId, resourceOwnerUserId, time);
    }

    /// <summary>Checks many queries for one user in one organization; writes one answer per query.</summary>
    public void CheckMany(Guid organizationId, Guid userId, ReadOnlySpan<AccessQuery> queries, Span<bool> answers)
    {
        if (answers.Length < queries.Length)
        {
            throw new ArgumentException("There must be an answer slot for every query.", nameof(answers));
        }
        if (_organizations.Find(organizationId, out var tables) is not { } organization)
        {
            answers[..queries.Length].Clear();
        }
        else if (tables.Pairs is not { } pairs)
        {
            organization.CheckMany(userId, queries, answers, time);
        }
        else
        {
            var segment = new CheckSegment(pairs, tables.PairCapacity, []);
            var places = new PlaceLookup(tables.Places, tables.PlaceCapacity);
            CompiledOrganization.CheckMany(
                in segment, in places, tables.Pool, _viewOwn, _permissionCount, GuidHash.Of(organizationId), organization,
                GuidHash.Of(userId), userId, queries, answers, time);
        }
    }

    /// <summary>Why the access rule allows or denies a check.</summary>
    public AccessExplanation Explain(Guid organizationId, Guid userId, string permission, Guid? scopeId = null, Guid? resourceOwnerUserId = null) =>
        _organizations.Find(organizationId) is { } organization
            ? organization.Explain(userId, permission, scopeId, resourceOwnerUserId, time)
            : AccessExplanation.Deny("organization_not_loaded", "The organization is unknown to the access engine.", permission);

    /// <summary>The member's effective permission codenames at a target.</summary>
    public IReadOnlyList<string> EffectivePermissions(Guid organizationId, Guid userId, Guid? scopeId = null)
    {
        if (_organizations.Find(organizationId) is not { } organization || organization.FindMemberByUser(userId) is not { } member)
        {
            return [];
        }
        return [.. Model.Catalog.CodesOf(organization.EffectivePermissions(member.MemberId, scopeId, time))];
    }
}

/// <summary>One question of a batch check.</summary>
/// <param name="Permission">The resolved permission.</param>
/// <param name="ScopeId">The scope, or null for the organization.</param>
/// <param name="ResourceOwnerUserId">The owner of the resource, for view-own permissions.</param>
public readonly record struct AccessQuery(PermissionId Permission, Guid? ScopeId = null, Guid? ResourceOwnerUserId = null);
