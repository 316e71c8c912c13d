using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Gatehouse.Data;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>), compiled once for each model it is used with: for queries
/// asked on every sign-in, token or request with a session, which EF Core would otherwise build, funcletize and hash anew on
/// each call. A compiled query belongs to the model it was compiled against, and each store (SQLite, PostgreSQL) has its own
/// model; tests run both in one process.
/// </summary>
public sealed class PerModelQuery<TQuery>
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback _compile;

    /// <param name="compile">Compiles the query (called once per model).</param>
    public PerModelQuery(Func<TQuery> compile) => _compile = _ => compile();

    /// <summary>The query compiled for this context's model.</summary>
    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _compile);
}
