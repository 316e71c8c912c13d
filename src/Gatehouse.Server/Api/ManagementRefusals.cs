namespace Gatehouse.Server.Api;

/// <summary>The answers a change inside an organization may get from the management policy, declared per endpoint.</summary>
public static class ManagementRefusals
{
    /// <summary>
    /// Declares that the management policy may refuse this change: 403 (the caller may not), 404 (the organization or
    /// something in it is unknown to the caller), 409 (it clashes with the current state: seats, last owner, version) and
    /// 422 (the access model does not allow it).
    /// </summary>
    public static RouteHandlerBuilder ProducesManagementRefusals(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
