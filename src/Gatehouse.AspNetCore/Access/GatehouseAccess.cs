using Gatehouse.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gatehouse.AspNetCore.Access;

/// <summary>
/// Answers a request's questions: first from what this request already asked, then from the shared cache, and the rest in
/// one batch call (<c>POST /api/v1/organizations/{org}/check/batch</c>, as the person about themself, with their access token).
/// </summary>
internal sealed partial class GatehouseAccess(IGatehouseSession session, AnswerCache cache, IHttpClientFactory clients, IOptions<GatehouseOptions> options,
    TimeProvider time, ILogger<GatehouseAccess> logger) : IGatehouseAccess
{
    // Gatehouse's limit for one batch (CheckAccessBatchHandler.MaxBatch).
    private const int MaxBatch = 1000;

    // Failures are remembered for the rest of this request only, so a page asking twice waits for a silent Gatehouse once.
    private readonly Dictionary<PermissionQuestion, AccessDecision> _asked = [];

    public async Task<AccessDecision> CheckAsync(string permission, Guid? scopeId = null, CancellationToken cancellationToken = default) =>
        (await CheckAsync([new PermissionQuestion(permission, scopeId)], cancellationToken))[0];

    public async Task<AccessDecisions> CheckAsync(IEnumerable<PermissionQuestion> questions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(questions);
        var asked = questions.ToList();
        var identity = session.Identity;
        var toAsk = new List<PermissionQuestion>();
        foreach (var question in asked.Distinct().Where(q => !_asked.ContainsKey(q)))
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(question.Permission);
            if (identity is null)
            {
                _asked[question] = AccessDecision.Refused(question, AccessOutcome.NotSignedIn);
            }
            else if (cache.TryGet(Key(identity, question), out var allowed))
            {
                _asked[question] = AccessDecision.Of(question, allowed);
            }
            else
            {
                toAsk.Add(question);
            }
        }
        if (toAsk.Count > 0)
        {
            await AskAsync(identity!, toAsk, cancellationToken);
        }
        return new AccessDecisions([.. asked.Select(q => _asked[q])]);
    }

    private async Task AskAsync(GatehouseIdentity identity, List<PermissionQuestion> questions, CancellationToken cancellationToken)
    {
        if (await session.GetAccessTokenAsync() is not { } token)
        {
            Answer(questions, AccessOutcome.NotSignedIn);
            return;
        }
        using var timeout = new CancellationTokenSource(options.Value.CheckTimeout, time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var client = new GatehouseClient(clients.CreateClient(GatehouseDefaults.ApiHttpClient), options.Value.Api, token);
        foreach (var chunk in questions.Chunk(MaxBatch))
        {
            try
            {
                var answer = await client.CheckAccessBatchAsync(identity.OrganizationId, new BatchCheckRequest
                {
                    UserId = identity.UserId,
                    Checks = [.. chunk.Select(q => new BatchItem { Permission = q.Permission, ScopeId = q.ScopeId })],
                }, bounded.Token);
                for (var i = 0; i < chunk.Length; i++)
                {
                    var allowed = answer.Results.Count == chunk.Length && answer.Results[i];
                    _asked[chunk[i]] = AccessDecision.Of(chunk[i], allowed);
                    cache.Set(Key(identity, chunk[i]), allowed);
                }
            }
            catch (GatehouseApiException refused) when (refused.Status == 401)
            {
                // The token is no longer accepted (deactivated, removed, expired): nobody this check can speak for.
                Answer(chunk, AccessOutcome.NotSignedIn);
            }
            catch (GatehouseApiException refused) when (refused.Status is 400 or 403 or 404 or 422)
            {
                Answer(chunk, AccessOutcome.Rejected, refused.Detail ?? refused.Message);
            }
            catch (Exception e) when (e is GatehouseApiException or HttpRequestException or OperationCanceledException)
            {
                LogUnavailable(logger, e.GetType().Name, e.Message);
                Answer(chunk, AccessOutcome.Unavailable);
            }
        }
    }

    private void Answer(IEnumerable<PermissionQuestion> questions, AccessOutcome outcome, string? detail = null)
    {
        foreach (var question in questions)
        {
            _asked[question] = AccessDecision.Refused(question, outcome, detail);
        }
    }

    private static AnswerKey Key(GatehouseIdentity identity, PermissionQuestion question) =>
        new(identity.UserId, identity.OrganizationId, question.Permission, question.ScopeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gatehouse could not answer a permission check ({Kind}: {Message}); refused.")]
    private static partial void LogUnavailable(ILogger logger, string kind, string message);
}
