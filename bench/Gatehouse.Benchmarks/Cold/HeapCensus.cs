using System.Reflection;
using System.Runtime.CompilerServices;
using Gatehouse.Core.Access;

namespace Gatehouse.Benchmarks.Cold;

/// <summary>Dev tool: walks the object graph the engine keeps and sums approximate sizes by type.</summary>
public static class HeapCensus
{
    public static void Run(TextWriter output, string name)
    {
        var shape = name == "even" ? DeploymentShape.Even : new DeploymentShape();
        var model = SyntheticModel.Create();
        var engine = new AccessEngine(model, TimeProvider.System);
        foreach (var s in SyntheticDeployment.Generate(shape)) engine.Load(s);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { model };
        var sizes = new Dictionary<string, (long Bytes, long Count)>();
        var stack = new Stack<object>();
        stack.Push(engine);
        while (stack.Count > 0)
        {
            var o = stack.Pop();
            var t = o.GetType();
            long size;
            if (o is Array a)
            {
                var et = t.GetElementType()!;
                var es = et.IsValueType ? SizeOf(et) : 8;
                size = 24 + (long)a.Length * es;
                if (!et.IsPrimitive)
                {
                    foreach (var e in a) { if (e is not null) Visit(e, et, seen, stack); }
                }
            }
            else if (o is string str) size = 22 + 2L * str.Length;
            else
            {
                size = 16 + Fields(t).Sum(f => f.FieldType.IsValueType ? SizeOf(f.FieldType) : 8);
                foreach (var f in Fields(t)) { var v = f.GetValue(o); if (v is not null) Visit(v, f.FieldType, seen, stack); }
            }
            size = (size + 7) & ~7;
            var key = t.IsArray ? t.GetElementType()!.Name + "[]" : t.Name;
            var (b, c) = sizes.GetValueOrDefault(key);
            sizes[key] = (b + size, c + 1);
        }
        foreach (var (k, (b, c)) in sizes.OrderByDescending(x => x.Value.Bytes).Take(30))
            output.WriteLine($"{k,-50} {b / 1048576.0,8:F2} MiB {c,10:N0}");
        output.WriteLine($"total {sizes.Values.Sum(v => v.Bytes) / 1048576.0:F1} MiB");
    }

    private static void Visit(object v, Type declared, HashSet<object> seen, Stack<object> stack)
    {
        if (!v.GetType().IsValueType) { if (seen.Add(v)) stack.Push(v); return; }
        // boxed struct from reflection: walk its reference fields
        foreach (var f in Fields(v.GetType())) { var x = f.GetValue(v); if (x is not null && !f.FieldType.IsPrimitive) Visit(x, f.FieldType, seen, stack); }
    }

    private static IEnumerable<FieldInfo> Fields(Type t)
    {
        for (var x = t; x is not null; x = x.BaseType)
            foreach (var f in x.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.DeclaredOnly)) yield return f;
    }

    private static int SizeOf(Type t) => (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(t).Invoke(null, null)!;
}
