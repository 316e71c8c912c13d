using Gatehouse.Core.Access;
using static Gatehouse.Core.Tests.Access.AccessTestModel;

namespace Gatehouse.Core.Tests.Access;

/// <summary>A batch check answers every query exactly as a single check would.</summary>
public class CheckManyTests
{
    private readonly OrganizationBuilder _org = new();

    [Fact]
    public void CheckMany_AnswersEachQueryLikeCheck()
    {
        var north = _org.Scope("North");
        var berlin = _org.Scope("Berlin", north);
        var ada = _org.Member("Ada");
        _org.Grant(ada, "technician", north).Grant(ada, "approver");
        var (engine, _) = Engine(_org.Build());
        AccessQuery[] queries =
        [
            new(Resolve(ApproveInvoices)),
            new(Resolve(CreateWorkOrders)),
            new(Resolve(CreateWorkOrders), berlin),
            new(Resolve(ViewWorkOrders), berlin, ada),
            new(Resolve(ViewWorkOrders), berlin, Guid.NewGuid()),
            new(Resolve(ViewInvoices), Guid.NewGuid()),
        ];
        var answers = new bool[queries.Length];

        engine.CheckMany(_org.OrganizationId, ada, queries, answers);

        Assert.Equal([true, false, true, true, false, false], answers);
        Assert.Equal(queries.Select(q => engine.Check(_org.OrganizationId, ada, q.Permission, q.ScopeId, q.ResourceOwnerUserId)), answers);
    }

    [Fact]
    public void CheckMany_WhenUserIsLockedOut_DeniesEveryQuery()
    {
        var ada = _org.Member("Ada", fullAccess: true, lockoutEnd: Now.AddHours(1));
        var (engine, _) = Engine(_org.Build());
        var answers = new[] { true, true };

        engine.CheckMany(_org.OrganizationId, ada, [new(Resolve(ViewInvoices)), new(Resolve(ApproveInvoices))], answers);

        Assert.Equal([false, false], answers);
    }

    [Fact]
    public void CheckMany_WhenOrganizationIsNotLoaded_DeniesEveryQuery()
    {
        var (engine, _) = Engine();
        var answers = new[] { true, true, true };

        engine.CheckMany(Guid.NewGuid(), Guid.NewGuid(), [new(Resolve(ViewInvoices)), new(Resolve(ApproveInvoices))], answers);

        Assert.Equal([false, false, true], answers);
    }

    [Fact]
    public void CheckMany_WhenThereAreFewerAnswerSlotsThanQueries_Throws()
    {
        var (engine, _) = Engine(_org.Build());

        Assert.Throws<ArgumentException>(() => engine.CheckMany(_org.OrganizationId, Guid.NewGuid(), [new(Resolve(ViewInvoices))], []));
    }
}
