using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>A write swaps only the organization it touches.</summary>
public class AccessEngineTests
{
    [Fact]
    public void Load_OfAnotherOrganization_LeavesThisOneUntouched()
    {
        var first = new OrganizationBuilder();
        var ada = first.Member("Ada");
        first.Grant(ada, "viewer");
        var (engine, _) = Engine(first.Build());
        var compiled = engine.Find(first.OrganizationId);

        var second = new OrganizationBuilder();
        second.Member("Bob", fullAccess: true);
        engine.Load(second.Build());
        engine.Invalidate(second.OrganizationId);

        Assert.Same(compiled, engine.Find(first.OrganizationId));
        Assert.True(engine.Check(first.OrganizationId, ada, Resolve(ViewInvoices)));
    }

    [Fact]
    public void Load_OfChangedSnapshot_ReplacesTheOrganization()
    {
        var org = new OrganizationBuilder();
        var ada = org.Member("Ada");
        var (engine, _) = Engine(org.Build());

        org.Grant(ada, "viewer");
        engine.Load(org.Build());

        Assert.True(engine.Check(org.OrganizationId, ada, Resolve(ViewInvoices)));
    }

    [Fact]
    public void Check_WhenUserIsMemberOfTwoOrganizations_UsesOnlyTheAskedOne()
    {
        var first = new OrganizationBuilder();
        var ada = first.Member("Ada");
        first.Grant(ada, "viewer");
        var second = new OrganizationBuilder();
        var snapshot = second.Build() with
        {
            Members = [new(Guid.NewGuid(), ada, "Ada", Gatehouse.Core.Members.MemberStatus.Active, IsOwner: false, HasFullAccess: false)],
        };
        var (engine, _) = Engine(first.Build(), snapshot);

        Assert.False(engine.Check(second.OrganizationId, ada, Resolve(ViewInvoices)));
    }

    [Fact]
    public void Find_AfterManyLoadsAndInvalidations_ReturnsExactlyTheLoadedOrganizations()
    {
        var (engine, _) = Engine();
        var ids = Enumerable.Range(0, 300).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids)
        {
            engine.Load(Empty(id));
        }
        foreach (var id in ids.Where((_, i) => i % 3 == 0))
        {
            engine.Invalidate(id);
        }
        foreach (var id in ids.Where((_, i) => i % 6 == 0))
        {
            engine.Load(Empty(id));
        }

        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal(x.i % 3 != 0 || x.i % 6 == 0, engine.Find(x.id)?.OrganizationId == x.id));
        Assert.Null(engine.Find(Guid.NewGuid()));
    }

    [Fact]
    public async Task Find_WhileAnotherThreadLoadsAndInvalidates_NeverReturnsAnotherOrganization()
    {
        var (engine, _) = Engine();
        var ids = Enumerable.Range(0, 2_000).Select(_ => Guid.NewGuid()).ToArray();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            for (var round = 0; round < 3; round++)
            {
                foreach (var id in ids)
                {
                    engine.Load(Empty(id));
                }
                foreach (var id in ids.Where((_, i) => i % 2 == round % 2))
                {
                    engine.Invalidate(id);
                }
            }
            stop.Cancel();
        }, TestContext.Current.CancellationToken);

        do
        {
            foreach (var id in ids)
            {
                if (engine.Find(id) is { } found)
                {
                    Assert.Equal(id, found.OrganizationId);
                }
            }
        }
        while (!stop.IsCancellationRequested);
        await writer;

        // The last round invalidated the even positions.
        Assert.All(ids.Select((id, i) => (id, i)), x => Assert.Equal(x.i % 2 == 1, engine.Find(x.id) is not null));
    }

    private static Core.Access.OrganizationSnapshot Empty(Guid id) => new(id, [], [], [], []);
}
