namespace Gatehouse.Application.Invitations;

/// <summary>
/// The access model's <c>inviteeNameRequired</c> policy (seed 004): every invitation names the person, first and last
/// name, so the list shows who was invited before they accept.
/// </summary>
public static class InviteeNames
{
    /// <summary>
    /// A refusal with a field error on each missing name (<c>invitees[i].firstName</c>, <c>.lastName</c>; <c>emails</c>
    /// for a list of bare emails, which cannot carry names), or null when every invitee is named.
    /// </summary>
    public static Failure? Missing(IEnumerable<(string Field, string? FirstName, string? LastName)> invitees, string organizationLabel)
    {
        var why = $"this {organizationLabel} needs the first and last name of everyone invited";
        var errors = new Dictionary<string, string[]>();
        foreach (var (field, first, last) in invitees)
        {
            if (!field.StartsWith("invitees", StringComparison.Ordinal))
            {
                errors["emails"] = [$"Send 'invitees' with a first and last name for each person: {why}."];
                break;
            }
            if (string.IsNullOrWhiteSpace(first))
            {
                errors[$"{field}.firstName"] = [$"Enter the first name: {why}."];
            }
            if (string.IsNullOrWhiteSpace(last))
            {
                errors[$"{field}.lastName"] = [$"Enter the last name: {why}."];
            }
        }
        if (errors.Count == 0)
        {
            return null;
        }
        var detail = errors.Count == 1 ? errors.Values.First()[0] : $"Enter the missing names ({errors.Count}): {why}.";
        return new Failure(FailureKind.Rejected, InvitationCodes.InviteeNameRequired, detail, errors);
    }
}
