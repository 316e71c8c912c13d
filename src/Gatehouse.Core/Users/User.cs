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
    public User(Guid id, string email, string firstName, string lastName, DateTimeOffset createdAt)
    {
        Id = id;
        Email = email.Trim();
        NormalizedEmail = EmailAddress.Normalize(email);
        FirstName = firstName;
        LastName = lastName;
        CreatedAt = createdAt;
    }

    /// <summary>Identifier.</summary>
    public Guid Id { get; private set; }

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

    /// <summary>When the email address was verified, or null.</summary>
    public DateTimeOffset? EmailVerifiedAt { get; private set; }

    /// <summary>Latest successful sign-in.</summary>
    public DateTimeOffset? LastLoginAt { get; private set; }

    /// <summary>Sign-in is locked until this time (lockout), or null.</summary>
    public DateTimeOffset? LockoutEnd { get; private set; }

    /// <summary>When the account was created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The name to show: "First Last", or the email when no name is known.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(FirstName + LastName) ? Email : $"{FirstName} {LastName}".Trim();

    /// <summary>Changes the person's own details.</summary>
    public void UpdateProfile(string firstName, string lastName, string? phone, string? locale)
    {
        FirstName = firstName;
        LastName = lastName;
        Phone = phone;
        Locale = locale;
    }

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

    /// <summary>True when the account is locked at the given time.</summary>
    public bool IsLockedAt(DateTimeOffset now) => LockoutEnd is { } end && end > now;
}
