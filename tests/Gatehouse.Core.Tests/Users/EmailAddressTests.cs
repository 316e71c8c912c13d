using Gatehouse.Core.Users;

namespace Gatehouse.Core.Tests.Users;

public class EmailAddressTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("ada.lovelace+invites@mail.example.co.uk")]
    [InlineData("  ada@example.com  ")]
    public void Validate_PlainAddresses_AreAccepted(string email) =>
        Assert.True(EmailAddress.Validate(email).Succeeded);

    [Theory]
    [InlineData("", "email_required")]
    [InlineData("   ", "email_required")]
    [InlineData(null, "email_required")]
    [InlineData("ada", "email_invalid")]
    [InlineData("ada@localhost", "email_invalid")]
    [InlineData("ada@@example.com", "email_invalid")]
    [InlineData("Ada <ada@example.com>", "email_invalid")]
    [InlineData("<script>@example.com", "email_invalid")]
    [InlineData("аda@example.com", "email_invalid")] // Cyrillic 'а' that looks like Latin 'a'
    [InlineData("ada@exаmple.com", "email_invalid")]
    [InlineData("ada@example.com\r\nBcc: eve@example.com", "email_invalid")]
    public void Validate_BadAddresses_AreRefusedWithAStableCode(string? email, string code)
    {
        var result = EmailAddress.Validate(email);

        Assert.Equal(code, result.Error?.Code);
        Assert.Equal("email", result.Error?.Field);
    }

    [Fact]
    public void Validate_OverlongAddress_IsRefused() =>
        Assert.Equal("email_invalid", EmailAddress.Validate(new string('a', 250) + "@example.com").Error?.Code);

    [Fact]
    public void Normalize_TrimsAndLowerCases() =>
        Assert.Equal("ada@example.com", EmailAddress.Normalize("  Ada@Example.COM "));

    [Fact]
    public void ChangeEmail_NeedsANewVerification()
    {
        var user = new User(Guid.NewGuid(), "ada@example.com", "Ada", "Lovelace", DateTimeOffset.UnixEpoch);
        user.VerifyEmail(DateTimeOffset.UnixEpoch.AddDays(1));

        user.ChangeEmail("Ada@New.example.com");

        Assert.Null(user.EmailVerifiedAt);
        Assert.Equal("ada@new.example.com", user.NormalizedEmail);
    }
}
