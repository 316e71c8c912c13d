namespace Gatehouse.Benchmarks.Cold;

public static class Census
{
    public static void Run(TextWriter output, string name)
    {
        var shape = name == "even" ? DeploymentShape.Even : new DeploymentShape();
        var model = SyntheticModel.Create();
        long dense = 0, sparse = 0, members = 0, orgSets = 0;
        var globalSets = new HashSet<string>();
        var systemKeys = model.Roles.Select(r => r.Key).ToHashSet();
        foreach (var snapshot in SyntheticDeployment.Generate(shape))
        {
            var r = new OrganizationReference(model, snapshot);
            var sets = new HashSet<string>();
            for (var m = 0; m < snapshot.Members.Count; m++)
            {
                members++;
                var o = r.HeldAt(m, -1);
                var ok = string.Join(",", o);
                sets.Add(ok);
                for (var s = 0; s < snapshot.Scopes.Count; s++)
                {
                    dense++;
                    var h = r.HeldAt(m, s);
                    var k = string.Join(",", h);
                    if (k != ok) { sparse++; sets.Add(k); }
                }
            }
            orgSets += sets.Count;
            foreach (var k in sets) globalSets.Add(k);
        }
        output.WriteLine($"{name}: members {members}, dense scope pairs {dense}, sparse scope pairs {sparse}, distinct sets per org summed {orgSets}, distinct globally {globalSets.Count}");
    }
}
