using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace Gatehouse.AspNetCore.Authorization;

/// <summary>Answers every <see cref="PermissionRequirement"/> of a policy with one batch through <see cref="IGatehouseAccess"/>.</summary>
internal sealed class PermissionHandler(IHttpContextAccessor accessor) : AuthorizationHandler<PermissionRequirement>
{
    public override async Task HandleAsync(AuthorizationHandlerContext context)
    {
        var http = context.Resource as HttpContext ?? accessor.HttpContext;
        var requirements = context.PendingRequirements.OfType<PermissionRequirement>().ToList();
        if (http is null || requirements.Count == 0)
        {
            return;
        }
        var access = (IGatehouseAccess)http.RequestServices.GetService(typeof(IGatehouseAccess))!;
        var questions = new List<(PermissionRequirement Requirement, PermissionQuestion Question)>();
        foreach (var requirement in requirements)
        {
            var question = new PermissionQuestion(requirement.Permission);
            if (!requirement.Scope.TryRead(http, out var scopeId))
            {
                // Not an id: no such place, refused without asking Gatehouse.
                context.Fail(new PermissionRefusal(this, AccessDecision.Refused(question, AccessOutcome.UnknownPlace)));
                continue;
            }
            questions.Add((requirement, question with { ScopeId = scopeId }));
        }
        if (questions.Count == 0)
        {
            return;
        }
        var answers = await access.CheckAsync(questions.Select(q => q.Question), http.RequestAborted);
        for (var i = 0; i < questions.Count; i++)
        {
            if (answers[i].Allowed)
            {
                context.Succeed(questions[i].Requirement);
            }
            else
            {
                context.Fail(new PermissionRefusal(this, answers[i]));
            }
        }
    }

    // HandleAsync answers all pending requirements at once.
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement) => Task.CompletedTask;
}
