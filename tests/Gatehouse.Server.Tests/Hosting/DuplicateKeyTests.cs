using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gatehouse.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Gatehouse.Server.Tests.Hosting;

/// <summary>
/// A JSON body that names a property twice is malformed: "the last one wins" would let a proxy or a log read one
/// value while Gatehouse acts on the other.
/// </summary>
public sealed class DuplicateKeyTests(ServerPool servers)
{
    [Theory, MemberData(nameof(Stores.All), MemberType = typeof(Stores))]
    public async Task ABodyWithADuplicateKey_IsAMalformedRequest_AndNothingIsStored(string store)
    {
        var app = await servers.GetAsync(store);
        var organization = await app.CreateOrganizationAsync("Duplicates");

        foreach (var (path, body) in new[]
        {
            ("/api/v1/organizations", """{"name":"Dup A","name":"Dup B"}"""),
            ("/api/v1/organizations", """{"name":"Dup C","seatLimit":5,"seatLimit":500}"""),
            ($"/api/v1/organizations/{organization}/invitations",
                """{"emails":["dup@example.com"],"grants":[{"roleKey":"viewer","roleKey":"admin","scopeId":null}]}"""),
        })
        {
            using var content = new StringContent(body, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

            await (await app.Operator.PostAsync(path, content)).ExpectProblemAsync(HttpStatusCode.BadRequest, "malformed_request");
        }
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Organizations.CountAsync(o => o.Name.StartsWith("Dup "))));
        Assert.Equal(0, await app.InDatabaseAsync(db => db.Invitations.CountAsync(i => i.OrganizationId == organization)));
    }
}
