using System.Text.Json;
using Json.Schema;

namespace GoImage.Core.Tests.Sbom;

/// <summary>The official SPDX 2.3 JSON schema (Schemas/spdx-2.3, verbatim with its licence).</summary>
internal static class SpdxSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "spdx-2.3", "spdx-schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));

    /// <summary>Fails with every schema error and the document itself unless it is valid, formats (date-time, uri) included.</summary>
    public static void AssertValid(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.IsTrue(results.IsValid, $"not valid SPDX 2.3: {OciSchemas.Errors(results)}\n{System.Text.Encoding.UTF8.GetString(json)}");
    }
}
