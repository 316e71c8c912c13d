using Gatehouse.ClientGenerator;

// gatehouse-client-generator <document URL or file> <output file>
if (args.Length != 2)
{
    Console.Error.WriteLine("Usage: Gatehouse.ClientGenerator <openapi document URL or file> <output .cs file>");
    return 2;
}
var (source, output) = (args[0], args[1]);
string json;
if (Uri.TryCreate(source, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
{
    using var http = new HttpClient();
    json = await http.GetStringAsync(url);
}
else
{
    json = await File.ReadAllTextAsync(source);
}
var code = await ClientCode.GenerateAsync(json);
Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
await File.WriteAllTextAsync(output, code);
Console.WriteLine($"Wrote {output} ({code.Length} characters).");
return 0;
