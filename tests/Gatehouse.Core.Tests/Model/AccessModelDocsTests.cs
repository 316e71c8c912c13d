using Gatehouse.Core.Model;
using Gatehouse.Core.Model.Loading;

namespace Gatehouse.Core.Tests.Model;

public class AccessModelDocsTests
{
    [Fact]
    public void Load_TheAnnotatedExampleInTheDocs_Succeeds()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "access-models.md"));
        var start = docs.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var example = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)];

        var result = AccessModelLoader.LoadText(example, "access-models.md");

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["appointments.edit", "appointments.view", "appointments.view_own"], result.Model.InlineRolePermissions.Order(StringComparer.Ordinal));
        Assert.Equal(["members.view", "audit.view", "appointments.view", "appointments.edit"], result.Model.FindRole("receptionist")!.Permissions);
        Assert.Equal("Invite staff", result.Model.LabelOf(ManagementPermissions.Invite));
        Assert.Equal(("Team", "Add staff", "Add staff", "Staff profiles", "Create staff profile"),
            (result.Model.Words.UsersSection, result.Model.Words.InviteAction, result.Model.Words.SendInvitation, result.Model.Words.RolesSection, result.Model.Words.CreateRoleAction));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gatehouse.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The test runs outside the repository.");
    }
}
