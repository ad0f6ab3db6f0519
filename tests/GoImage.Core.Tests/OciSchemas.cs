using System.Text.Json;
using Json.Schema;

namespace GoImage.Core.Tests;

/// <summary>
/// The official OCI image-spec JSON schemas (Schemas/oci-image-spec, copied verbatim with their
/// licence), built once with every file registered so their cross-file <c>$ref</c>s resolve.
/// </summary>
internal static class OciSchemas
{
    public const string Config = "config-schema.json";
    public const string Manifest = "image-manifest-schema.json";
    public const string Index = "image-index-schema.json";
    public const string Layout = "image-layout-schema.json";

    // Dependencies first: a schema's references are resolved while it is built.
    private static readonly string[] Files =
    [
        "defs.json", "defs-descriptor.json", "content-descriptor.json", Config, Manifest, Index, Layout,
    ];

    // The files are the spec's, not ours: keep them verbatim and resolve references by file name,
    // as the spec's own Go validator does (their draft-04 "id"s point at unrelated folders).
    private static readonly Uri BaseUri = new("https://goimage.invalid/oci-image-spec/");

    private static readonly Lazy<Dictionary<string, JsonSchema>> Schemas = new(Build);

    /// <summary>Evaluates <paramref name="json"/> against <paramref name="schemaFile"/>, checking formats such as date-time too.</summary>
    public static EvaluationResults Evaluate(string schemaFile, byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return Schemas.Value[schemaFile].Evaluate(
            document.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    /// <summary>Fails with every schema error and the document itself unless it is valid.</summary>
    public static void AssertValid(string schemaFile, byte[] json)
    {
        var results = Evaluate(schemaFile, json);
        Assert.IsTrue(results.IsValid, $"not valid against {schemaFile}: {Errors(results)}\n{System.Text.Encoding.UTF8.GetString(json)}");
    }

    public static string Errors(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")));

    private static Dictionary<string, JsonSchema> Build()
    {
        // JsonSchema.Net reads draft 6 and later. Draft 4's keywords as these schemas use them
        // (no boolean exclusiveMinimum/Maximum) mean the same in draft 6, so draft 6 is registered
        // under draft 4's URI and the files load unchanged; "id" stays an ignored keyword.
        var draft04 = Dialect.Draft06.With([], new Uri("http://json-schema.org/draft-04/schema#"));
        var dialects = new DialectRegistry();
        dialects.Register(draft04);
        var options = new BuildOptions { Dialect = draft04, DialectRegistry = dialects, SchemaRegistry = new SchemaRegistry() };

        var directory = Path.Combine(AppContext.BaseDirectory, "Schemas", "oci-image-spec");
        return Files.ToDictionary(
            file => file,
            file => JsonSchema.FromText(File.ReadAllText(Path.Combine(directory, file)), options, new Uri(BaseUri, file)));
    }
}
