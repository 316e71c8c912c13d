using System.Diagnostics;
using Gatehouse.Benchmarks.Cold;
using Gatehouse.Core.Access;
using Gatehouse.Core.Model;

namespace Gatehouse.Benchmarks;

/// <summary>
/// The <c>--lookups</c> mode: pages of 50 of "the places where a member may do P" and "the members who may do P at a
/// place" on one organization of 10,000 members (the compile benchmark's: 100,000 grants, 1,110 scopes), each page
/// timed alone, every listed answer confirmed with <see cref="CompiledOrganization.Check"/>.
/// </summary>
public static class LookupReport
{
    private const int PageSize = 50;

    public static int Run(TextWriter output)
    {
        var model = SyntheticModel.Create();
        var snapshot = SyntheticDeployment.Large(members: 10_000, seed: 7);
        var organization = new CompiledOrganization(model, snapshot);
        var time = TimeProvider.System;
        var random = new Random(3);
        var overhead = Latency.ClockOverhead();
        var wrong = 0;
        output.WriteLine($"load average {ColdReport.LoadAverage()}; one organization: {snapshot.Members.Count:N0} members, {snapshot.Grants.Count:N0} grants, {snapshot.Scopes.Count:N0} scopes");

        var start = Stopwatch.GetTimestamp();
        organization.MembersAllowed(new PermissionId(0), null, time, limit: 1);
        output.WriteLine($"index of grants by (role, target), built by the first lookup of a version: {Stopwatch.GetElapsedTime(start).TotalMilliseconds:F1} ms");

        var (memberPages, memberTicks, listedMembers) = (0, new List<long>(), 0L);
        for (var query = 0; query < 2_000; query++)
        {
            var permission = new PermissionId(random.Next(model.Catalog.Count));
            Guid? place = random.Next(10) == 0 ? null : snapshot.Scopes[random.Next(snapshot.Scopes.Count)].Id;
            Guid? after = null;
            for (var page = 0; page < 5; page++)
            {
                var begin = Stopwatch.GetTimestamp();
                var result = organization.MembersAllowed(permission, place, time, after, PageSize);
                memberTicks.Add(Stopwatch.GetTimestamp() - begin);
                memberPages++;
                listedMembers += result.Members.Count;
                wrong += result.Members.Count(m => !organization.Check(m.Entry.UserId, permission, place, null, time));
                if ((after = result.NextAfter) is null)
                {
                    break;
                }
            }
        }
        var members = Latency.Of([.. memberTicks], overhead);
        output.WriteLine($"members who may do P at a place: {memberPages:N0} pages of up to {PageSize} ({listedMembers / (double)memberPages:F1} listed a page): median {members.Median / 1000:F2} µs, p99 {members.P99 / 1000:F2} µs");

        var (placePages, placeTicks, listedPlaces) = (0, new List<long>(), 0L);
        for (var query = 0; query < 2_000; query++)
        {
            var user = snapshot.Members[random.Next(snapshot.Members.Count)].UserId;
            var permission = new PermissionId(random.Next(model.Catalog.Count));
            Guid? after = null;
            for (var page = 0; page < 5; page++)
            {
                var begin = Stopwatch.GetTimestamp();
                var result = organization.PlacesAllowed(user, permission, time, after, PageSize);
                placeTicks.Add(Stopwatch.GetTimestamp() - begin);
                placePages++;
                listedPlaces += result.ScopeIds.Count;
                wrong += result.ScopeIds.Count(s => !organization.Check(user, permission, s, null, time));
                if ((after = result.NextAfter) is null)
                {
                    break;
                }
            }
        }
        var places = Latency.Of([.. placeTicks], overhead);
        output.WriteLine($"places where a member may do P: {placePages:N0} pages of up to {PageSize} ({listedPlaces / (double)placePages:F1} listed a page): median {places.Median / 1000:F2} µs, p99 {places.P99 / 1000:F2} µs");
        output.WriteLine($"listed answers that Check denies: {wrong}; load average {ColdReport.LoadAverage()}");
        return wrong == 0 ? 0 : 1;
    }
}
