using Gatehouse.Application.Access;
using Gatehouse.Application.Checks;
using Gatehouse.Application.Work;
using Gatehouse.Core.Model;
using Gatehouse.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gatehouse.Server.Tests.Application.Checks;

/// <summary>
/// The check is the product's hot path: once the organization is compiled, answering it through the use case must
/// not wait on anything (no database, no await that suspends) and allocate no more than the engine's own steps do
/// when called directly (the policy's view of the asker, the membership test, the check).
/// </summary>
public sealed class CheckHotPathTests
{
    private const int Calls = 10_000;

    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task Check_OfACompiledOrganization_CompletesWithoutWaiting_AndAllocatesNoMoreThanTheEnginesOwnSteps(string store)
    {
        await using var host = await UseCaseHost.StartAsync(store);
        var viewer = host.Viewer;
        var organizationId = host.OrganizationId;
        var (completed, handlerBytes, stepBytes) = await host.RunAsync<IServiceProvider, (bool, long, long)>(async services =>
        {
            var handler = services.GetRequiredService<CheckAccessHandler>();
            Assert.Same(handler, services.GetRequiredService<CheckAccessHandler>());
            var query = new CheckAccessQuery(organizationId, viewer.UserId!.Value, "projects.view");
            Assert.True((await handler.HandleAsync(viewer, query)).Value.Allowed);
            var organization = (await services.GetRequiredService<AccessCache>().GetAsync(organizationId))!;
            Assert.True(organization.Model.Catalog.TryGetIndex("projects.view", out var bit));

            var completed = true;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                // A new query each time, as the endpoint makes one per request.
                var answer = handler.HandleAsync(viewer, new CheckAccessQuery(organizationId, viewer.UserId!.Value, "projects.view"));
                completed &= answer.IsCompletedSuccessfully && answer.Result.Succeeded;
            }
            var handlerBytes = (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;

            // The same steps as the endpoint took before the use case existed, called directly.
            var allowed = true;
            before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < Calls; i++)
            {
                var policy = viewer.PolicyIn(organizationId)!;
                allowed &= OrganizationReads.RefusalFor(organization, policy, organizationId) is null
                    && organization.Check(viewer.UserId!.Value, new PermissionId(bit), null, null, TimeProvider.System);
            }
            var stepBytes = (GC.GetAllocatedBytesForCurrentThread() - before) / Calls;
            Assert.True(allowed);
            return (completed, handlerBytes, stepBytes);
        });

        Assert.True(completed, "A check of a compiled organization waited on something.");
        Assert.True(handlerBytes <= stepBytes, $"A check through the use case allocated {handlerBytes} bytes, its steps called directly {stepBytes}.");
    }
}
