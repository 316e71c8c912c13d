namespace Gatehouse.Core.Model.Loading;

/// <summary>Reads <c>policies</c>; every key is optional and falls back to <see cref="AccessPolicies.Default"/>.</summary>
internal static class PolicySection
{
    private static readonly string[] PolicyKeys =
        ["invitationLifetime", "seatCounting", "oneRolePerMember", "customRoles", "inlineRoles", "accountDeletion", "emailVerificationRequired", "memberNotifications", "inviteeNameRequired"];

    private static readonly Dictionary<string, SeatCounting> SeatCountings = new(StringComparer.Ordinal)
    {
        ["activeMembers"] = SeatCounting.ActiveMembers,
        ["activeMembersAndPendingInvitations"] = SeatCounting.ActiveMembersAndPendingInvitations,
    };

    private static readonly Dictionary<string, AccountDeletion> AccountDeletions = new(StringComparer.Ordinal)
    {
        ["platformOperatorsOnly"] = AccountDeletion.PlatformOperatorsOnly,
        ["organizationWhenSoleMembership"] = AccountDeletion.OrganizationWhenSoleMembership,
    };

    private static readonly Dictionary<string, MemberNotifications> Notifications = new(StringComparer.Ordinal)
    {
        ["access_changed"] = MemberNotifications.AccessChanged,
        ["deactivated"] = MemberNotifications.Deactivated,
        ["removed"] = MemberNotifications.Removed,
    };

    /// <summary>The policies, and where <c>inlineRoles</c> is written (to point at it when categories disagree).</summary>
    public static (AccessPolicies Policies, Location? InlineRoles) Read(ModelReader reader, MappingFields root)
    {
        var defaults = AccessPolicies.Default;
        if (root.Optional("policies") is not { } node || reader.Mapping(node, "policies", PolicyKeys, "'policies'") is not { } fields)
        {
            return (defaults, null);
        }
        var policies = new AccessPolicies(
            ReadLifetime(reader, fields) ?? defaults.InvitationLifetime,
            OneOf(reader, fields, "seatCounting", SeatCountings, defaults.SeatCounting),
            fields.OptionalBool("oneRolePerMember", defaults.OneRolePerMember),
            fields.OptionalBool("customRoles", defaults.CustomRoles),
            fields.OptionalBool("inlineRoles", defaults.InlineRoles),
            OneOf(reader, fields, "accountDeletion", AccountDeletions, defaults.AccountDeletion),
            fields.OptionalBool("emailVerificationRequired", defaults.EmailVerificationRequired),
            ReadNotifications(reader, fields) ?? defaults.MemberNotifications)
        {
            InviteeNameRequired = fields.OptionalBool("inviteeNameRequired", defaults.InviteeNameRequired),
        };
        var inlineRoles = fields.Optional("inlineRoles") is { } inline ? Location.Of(inline, fields.PathOf("inlineRoles")) : (Location?)null;
        return (policies, inlineRoles);
    }

    private static TimeSpan? ReadLifetime(ModelReader reader, MappingFields fields)
    {
        if (fields.Optional("invitationLifetime") is not { } node || reader.Text(node, fields.PathOf("invitationLifetime"), "'invitationLifetime'") is not { } text)
        {
            return null;
        }
        if (Lifetime.TryParse(text, out var lifetime, out var problem))
        {
            return lifetime;
        }
        reader.Report(node, fields.PathOf("invitationLifetime"), ModelErrorCodes.InvalidLifetime, $"invitationLifetime '{text}' {problem}");
        return null;
    }

    /// <summary><c>memberNotifications</c>: a list of access_changed, deactivated, removed (each at most once); an empty list is none.</summary>
    private static MemberNotifications? ReadNotifications(ModelReader reader, MappingFields fields)
    {
        const string key = "memberNotifications";
        if (fields.Optional(key) is not { } node || reader.Sequence(node, fields.PathOf(key), $"'{key}'") is not { } list)
        {
            return null;
        }
        var result = MemberNotifications.None;
        var index = 0;
        foreach (var item in list.Children)
        {
            var path = Location.Item(fields.PathOf(key), index++);
            if (reader.Text(item, path, $"'{key}' entries") is not { } text)
            {
                continue;
            }
            if (!Notifications.TryGetValue(text, out var value))
            {
                reader.Report(item, path, ModelErrorCodes.InvalidValue, $"{key} '{text}' is not one of {string.Join(", ", Notifications.Keys)}.");
            }
            else if (result.HasFlag(value))
            {
                reader.Report(item, path, ModelErrorCodes.InvalidValue, $"{key} lists '{text}' twice; name each notification once.");
            }
            else
            {
                result |= value;
            }
        }
        return result;
    }

    private static T OneOf<T>(ModelReader reader, MappingFields fields, string key, Dictionary<string, T> allowed, T fallback)
    {
        if (fields.Optional(key) is not { } node || reader.Text(node, fields.PathOf(key), $"'{key}'") is not { } text)
        {
            return fallback;
        }
        if (allowed.TryGetValue(text, out var value))
        {
            return value;
        }
        reader.Report(node, fields.PathOf(key), ModelErrorCodes.InvalidValue, $"{key} '{text}' is not one of {string.Join(", ", allowed.Keys)}.");
        return fallback;
    }
}
