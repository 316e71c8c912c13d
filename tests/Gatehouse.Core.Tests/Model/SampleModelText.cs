namespace Gatehouse.Core.Tests.Model;

/// <summary>A small valid model file whose line numbers the bad-file tests rely on; edit with care.</summary>
internal static class SampleModelText
{
    public const string Source = "sample.yaml";

    public const string Valid = """
        name: sample
        description: A small model for tests.
        organizationLabel: organisation
        scopes:
          singular: workshop
          plural: workshops
        categories:
          - label: Team
            permissions:
              - { code: members.view, label: View users }
              - { code: members.invite, label: Invite users }
              - { code: members.assign, label: Change access }
              - { code: members.deactivate, label: Deactivate users }
              - { code: members.delete, label: Remove users }
              - { code: roles.manage, label: Manage roles }
              - { code: audit.view, label: View the audit log }
              - { code: organization.manage, label: Manage the organisation }
          - label: Vehicles
            permissions:
              - { code: vehicles.view, label: View vehicles }
              - { code: vehicles.diagnose, label: Run diagnostics }
        roles:
          manager:
            name: Manager rights
            grantableAt: anywhere
            permissions: ["*"]
          basic:
            name: Basic rights
            description: Works on vehicles.
            grantableAt: scope
            permissions:
              - members.view
              - vehicles.view
              - vehicles.diagnose
        policies:
          invitationLifetime: 7d
          seatCounting: activeMembers
          customRoles: false
        """;

    /// <summary>The valid text with one exact piece replaced; fails loudly when the piece is not there exactly once.</summary>
    public static string With(string find, string replacement)
    {
        var at = Valid.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0 && Valid.IndexOf(find, at + 1, StringComparison.Ordinal) < 0, $"'{find}' must occur exactly once in the sample.");
        return string.Concat(Valid.AsSpan(0, at), replacement, Valid.AsSpan(at + find.Length));
    }
}
