namespace Gatehouse.Core.Users;

/// <summary>One person's identity, global to the deployment.</summary>
public sealed class User
{
    private User()
    {
        Email = string.Empty;
        NormalizedEmail = string.Empty;
        FirstName = string.Empty;
        LastName = string.Empty;
    }

    /// <summary>Creates a user; the email must already be validated.</summary>
    public User(Guid id, string email, string firstName, string lastName, DateTimeOffset createdAt, UserKind kind = UserKind.Person)
    {
        Id = id;
        Kind = kind;
        Email = email.Trim();
        NormalizedEmail = EmailAddress.Normalize(email);
        FirstName = firstName;
        LastName = lastName;
        CreatedAt = createdAt;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

    /// <summary>A person, or a service account that a product's backend uses.</summary>
    public UserKind Kind { get; private set; }

    /// <summary>The password hash (ASP.NET Core Identity's format), or null when no password is set.</summary>
    public string? PasswordHash { get; private set; }

    /// <summary>Changes whenever credentials or access change, so that sessions issued before end.</summary>
    public string SecurityStamp { get; private set; } = Guid.NewGuid().ToString("N");

    /// <summary>When the account was erased (personal data removed), or null.</summary>
    public DateTimeOffset? ErasedAt { get; private set; }

    /// <summary>Email as the person typed it.</summary>
    public string Email { get; private set; }

    /// <summary>Email normalized for uniqueness (see <see cref="EmailAddress.Normalize"/>).</summary>
    public string NormalizedEmail { get; private set; }

    /// <summary>First name.</summary>
    public string FirstName { get; private set; }

    /// <summary>Last name.</summary>
    public string LastName { get; private set; }

    /// <summary>Contact phone number.</summary>
    public string? Phone { get; private set; }

    /// <summary>Preferred locale (BCP 47), or null for the deployment default.</summary>
    public string? Locale { get; private set; }

    /// <summary>The IANA time zone the console shows this person's times in ("Europe/Berlin"), or null for UTC.</summary>
    public string? TimeZone { get; private set; }

    /// <summary>When the email address was verified, or null.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    /// <summary>Latest successful sign-in.</summary>
    public DateTimeOffset? LastLoginAt { get; private set; }

    /// <summary>Sign-in is locked until this time (lockout), or null.</summary>
    public DateTimeOffset? LockoutEnd { get; private set; }

    /// <summary>Failed sign-in attempts since the last success or lockout.</summary>
    public int AccessFailedCount { get; private set; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The name to show: "First Last", or the email when no name is known.</summary>
    public string DisplayName => DisplayNameOf(FirstName, LastName, Email);

    /// <summary>The name to show for these details, for callers that read them without loading a user.</summary>
    public static string DisplayNameOf(string firstName, string lastName, string email) =>
        string.IsNullOrWhiteSpace(firstName + lastName) ? email : $"{firstName} {lastName}".Trim();

    /// <summary>Changes the person's own details.</summary>
    public void UpdateProfile(string firstName, string lastName, string? phone, string? locale)
    {
        FirstName = firstName;
        LastName = lastName;
        Phone = phone;
        Locale = locale;
    }

    /// <summary>Sets the time zone the console shows times in; it must be a name <see cref="TimeZones.Find"/> knows, or null for UTC.</summary>
    public void ChooseTimeZone(string? timeZone) => TimeZone = timeZone;

    /// <summary>Marks the email verified (accepting an emailed invitation proves it).</summary>
    public void VerifyEmail(DateTimeOffset at) => EmailVerifiedAt ??= at;

    /// <summary>Changes the email; the new address must be verified again.</summary>
    public void ChangeEmail(string email)
    {
        Email = email.Trim();
        NormalizedEmail = EmailAddress.Normalize(email);
        EmailVerifiedAt = null;
    }

    /// <summary>Records a successful sign-in.</summary>
    public void RecordSignIn(DateTimeOffset at) => LastLoginAt = at;

    /// <summary>Locks sign-in until a time, or unlocks with null.</summary>
    public void LockUntil(DateTimeOffset? until) => LockoutEnd = until;

    /// <summary>Counts one more failed sign-in attempt; returns the new count.</summary>
    public int CountFailedSignIn() => ++AccessFailedCount;

    /// <summary>Forgets failed sign-in attempts (after a success, or when a lockout starts).</summary>
    public void ResetFailedSignIns() => AccessFailedCount = 0;

    /// <summary>Replaces the security stamp with a given value (ASP.NET Core Identity chooses it).</summary>
    public void SetSecurityStamp(string stamp) => SecurityStamp = stamp;

    /// <summary>Stores a new password hash and ends earlier sessions.</summary>
    public void SetPasswordHash(string passwordHash)
    {
        PasswordHash = passwordHash;
        RenewSecurityStamp();
    }

    /// <summary>Ends every session and token issued before now.</summary>
    public void RenewSecurityStamp() => SecurityStamp = Guid.NewGuid().ToString("N");

    /// <summary>Removes the personal data for good; the row stays only as a pseudonym that audit events point at.</summary>
    public void Erase(DateTimeOffset at)
    {
        var pseudonym = PseudonymFor(Id);
        Email = $"{pseudonym}@erased.invalid";
        NormalizedEmail = Email;
        FirstName = string.Empty;
        LastName = string.Empty;
        Phone = null;
        Locale = null;
        TimeZone = null;
        PasswordHash = null;
        EmailVerifiedAt = null;
        LastLoginAt = null;
        ErasedAt = at;
        RenewSecurityStamp();
    }

    /// <summary>The stable pseudonym that replaces an erased user's name in audit events.</summary>
    public static string PseudonymFor(Guid userId) => "erased-user-" + userId.ToString("N")[..12];

    /// <summary>True when the account is locked at the given time.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}

/// <summary>What kind of account a user is.</summary>
public enum UserKind
{
    /// <summary>A person who signs in.</summary>
    Person,

    /// <summary>A product's backend, acting through API keys with the grants of its membership.</summary>
    ServiceAccount,
}
