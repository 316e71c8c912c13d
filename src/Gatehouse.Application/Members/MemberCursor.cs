namespace Gatehouse.Application.Members;

/// <summary>
/// The position after the last row of a page: the sort it belongs to, the row's sort key (text for name
/// and email, UTC ticks of the latest sign-in, null for "never") and its id.
/// </summary>
public sealed record MemberCursor(MemberSort Sort, string? Text, long? Ticks, Guid Id);
