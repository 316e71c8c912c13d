using Gatehouse.Core.Users;

namespace Gatehouse.Core.Tests.Users;

public class TimeZonesTests
{
    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/Argentina/Buenos_Aires")]
    [InlineData("Etc/GMT+5")]
    [InlineData("UTC")]
    public void Find_AnIanaName_FindsTheZoneUnderThatName(string id) => Assert.Equal(id, TimeZones.Find(id)?.Id);

    [Theory]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("europe/berlin")]
    [InlineData("../../../etc/passwd")]
    [InlineData("Europe/../Europe/Berlin")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_AWindowsNameUnknownNameOrPath_FindsNothing(string? id) => Assert.Null(TimeZones.Find(id));

    [Fact]
    public void Known_ListsIanaNamesInOrder_EachOneFindable()
    {
        var known = TimeZones.Known();

        Assert.Contains("Europe/Berlin", known);
        Assert.Equal(known.Order(StringComparer.Ordinal), known);
        Assert.All(known, id => Assert.NotNull(TimeZones.Find(id)));
    }
}
