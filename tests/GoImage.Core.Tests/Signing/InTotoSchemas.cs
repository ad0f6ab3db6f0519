using System.Collections.Concurrent;
using System.Text.Json;
using Json.Schema;

namespace GoImage.Core.Tests.Signing;

/// <summary>The in-toto Statement v1 and SLSA provenance v1 schemas under Schemas/in-toto (written from the specs), each built once.</summary>
internal static class InTotoSchemas
{
    public const string Statement = "statement-v1.schema.json";
    public const string SlsaProvenance = "slsa-provenance-v1.schema.json";

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();

    public static void AssertValid(string schemaFile, JsonElement json)
    {
        var schema = Schemas.GetOrAdd(schemaFile, file => JsonSchema.FromFile(
            Path.Combine(AppContext.BaseDirectory, "Schemas", "in-toto", file),
            new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        var results = schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.IsTrue(results.IsValid, $"not valid against {schemaFile}: {OciSchemas.Errors(results)}\n{json.GetRawText()}");
    }
}
