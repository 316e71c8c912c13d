using System.Globalization;
using BenchmarkDotNet.Running;
using Gatehouse.Benchmarks;
using Gatehouse.Benchmarks.Cold;

// "--oidc-sign-ins" (optionally with warm-up seconds and the server's pid, for CPU per sign-in), "--oidc-redemptions" (codes
// collected, then redeemed alone) and "--oidc-refresh-tokens":
// full OpenID Connect sign-ins for bench/load/oidc.sh;
// "--cold [even|long-tail]": checks on a cache-cold stream against the memory floor (docs/benchmarks.md);
// "--lookups": the engine's lookup pages; "--memory": the dataset's managed memory; "--heap even|long-tail": what the
// engine keeps, by type; "--write-load", "--hash-rate" and "--open-load": clients of the load scripts in bench/load;
// "--product": a minimal product on Gatehouse.AspNetCore for bench/load/product.sh;
// anything else goes to BenchmarkDotNet.
switch (args)
{
    case ["--cold", .. var shapes]:
        return ColdReport.Run(Console.Out, shapes.Length == 0 ? ["even", "long-tail"] : shapes);
    case ["--write-load", var url, var key, var organization, var members, var scopes, var tokens, var seconds, var rate, var writers]:
        return await WriteLoad.RunAsync(Console.Out, new Uri(url), key, Guid.Parse(organization), int.Parse(members, CultureInfo.InvariantCulture),
            int.Parse(scopes, CultureInfo.InvariantCulture), tokens, OpenLoad.Number(seconds), OpenLoad.Number(rate), int.Parse(writers, CultureInfo.InvariantCulture));
    case ["--lookups"]:
        return LookupReport.Run(Console.Out);
    case ["--steps", var stepShape]:
        return StepProbe.Run(Console.Out, stepShape);
    case ["--heap", var h]:
        HeapCensus.Run(Console.Out, h);
        return 0;
    case ["--memory"]:
        MemoryReport.Run(Console.Out);
        return 0;
    case ["--hash-rate", var seconds, var password, var hash]:
        return HashRate.Run(Console.Out, OpenLoad.Number(seconds), password, hash);
    case ["--open-load", var url, var rate, var seconds, var warmup, var requests]:
        return await OpenLoad.RunAsync(Console.Out, new Uri(url), OpenLoad.Number(rate), OpenLoad.Number(seconds), OpenLoad.Number(warmup), requests);
    case ["--oidc-sign-ins", var server, var people, var clientId, var secret, var redirect, var seconds, var workers]:
        return await OidcSignIns.RunAsync(Console.Out, OidcSignIns.Client(server, people, clientId, secret, redirect), OpenLoad.Number(seconds), OidcSignIns.Count(workers));
    case ["--oidc-sign-ins", var server, var people, var clientId, var secret, var redirect, var seconds, var workers, var warmUp, var serverPid]:
        return await OidcSignIns.RunAsync(Console.Out, OidcSignIns.Client(server, people, clientId, secret, redirect), OpenLoad.Number(seconds), OidcSignIns.Count(workers),
            OpenLoad.Number(warmUp), OidcSignIns.Count(serverPid));
    case ["--oidc-redemptions", var server, var people, var clientId, var secret, var redirect, var count, var workers, var serverPid]:
        return await OidcSignIns.RedemptionsAsync(Console.Out, OidcSignIns.Client(server, people, clientId, secret, redirect), OidcSignIns.Count(count),
            OidcSignIns.Count(workers), OidcSignIns.Count(serverPid));
    case ["--oidc-refresh-tokens", var server, var people, var clientId, var secret, var redirect, var count]:
        return await OidcSignIns.RefreshTokensAsync(Console.Out, OidcSignIns.Client(server, people, clientId, secret, redirect), OidcSignIns.Count(count));
    case ["--product", var gatehouse, var clientId, var secret, var port, var sessionCheckSeconds, var permission]:
        return await ProductApp.RunAsync(new Uri(gatehouse), clientId, secret, int.Parse(port, CultureInfo.InvariantCulture), sessionCheckSeconds, permission);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(MemoryReport).Assembly).Run(args);
        return 0;
}
