using Gatehouse.Core.Grants;
using Gatehouse.Core.Management;
using Gatehouse.Core.Members;
using Gatehouse.Core.Users;

namespace Gatehouse.Application.Members;

/// <summary>One member as the API shows it.</summary>
public sealed record MemberRow(Member Member, User User, IReadOnlyList<Grant> Grants, MemberCapabilities Capabilities);
