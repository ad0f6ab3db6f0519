using GoImage.Images;
using GoImage.Sbom;

namespace GoImage.Signing;

/// <summary>The SLSA provenance v1 predicate of a publish, in canonical bytes (so an unchanged build attests identically).</summary>
public static class SlsaProvenance
{
    public const string PredicateType = "https://slsa.dev/provenance/v1";

    /// <summary>What kind of build this is; a URI that documents the parameters below.</summary>
    public const string BuildType = "https://github.com/goimage/goimage-sdk/blob/main/docs/supply-chain.md#build-type-v1";

    /// <param name="byproducts">Artifacts made beside the image (SBOMs), by name and digest.</param>
    public static void Write(CanonicalJsonWriter json, ProvenanceFacts facts, IReadOnlyList<(string Name, Descriptor Blob)> byproducts)
    {
        json.StartObject().Name("buildDefinition").StartObject()
            .Property("buildType", BuildType)
            .Name("externalParameters").StartObject()
                .Property("project", facts.Project)
                .Name("platforms").StringArray(facts.Platforms)
                .Name("tags").StringArray(facts.Tags)
                .Name("buildFlags").StringMap(facts.BuildFlags)
            .EndObject()
            .Name("internalParameters").StartObject()
                .Property("sdkVersion", facts.SdkVersion)
                .Property("goVersion", facts.GoVersion)
            .EndObject()
            .Name("resolvedDependencies").StartArray();
        WriteDependencies(json, facts);
        json.EndArray().EndObject();

        json.Name("runDetails").StartObject()
            .Name("builder").StartObject().Property("id", facts.BuilderId)
                .Name("version").StartObject().Property("goimage", facts.SdkVersion).EndObject()
            .EndObject()
            .Name("metadata").StartObject();
        if (facts.InvocationId.Length > 0)
        {
            json.Property("invocationId", facts.InvocationId);
        }

        json.Property("startedOn", Timestamps.Format(facts.Time)).Property("finishedOn", Timestamps.Format(facts.Time)).EndObject()
            .Name("byproducts").StartArray();
        foreach (var (name, blob) in byproducts)
        {
            json.StartObject().Property("name", name)
                .Name("digest").StartObject().Property("sha256", blob.Digest.Hex).EndObject()
                .Property("mediaType", blob.MediaType)
                .EndObject();
        }

        json.EndArray().EndObject().EndObject();
    }

    private static void WriteDependencies(CanonicalJsonWriter json, ProvenanceFacts facts)
    {
        if (facts.SourceRepository.Length > 0 || facts.SourceRevision.Length > 0)
        {
            json.StartObject();
            if (facts.SourceRepository.Length > 0)
            {
                json.Property("uri", "git+" + facts.SourceRepository + (facts.SourceRevision.Length > 0 ? "@" + facts.SourceRevision : ""));
            }

            if (facts.SourceRevision.Length is 40 or 64 && facts.SourceRevision.All(char.IsAsciiHexDigitLower))
            {
                json.Name("digest").StartObject().Property("gitCommit", facts.SourceRevision).EndObject();
            }

            json.Property("name", "source").EndObject();
        }

        json.StartObject().Property("uri", "pkg:golang/toolchain@" + facts.GoVersion).Property("name", "go").EndObject();

        // Every module any platform's binary was built from, once, in path order; the main module has no sum.
        var modules = facts.BuildInfos.SelectMany(b => b.Dependencies)
            .Select(m => m.Replacement ?? m)
            .DistinctBy(m => (m.Path, m.Version))
            .OrderBy(m => m.Path, StringComparer.Ordinal)
            .ThenBy(m => m.Version, StringComparer.Ordinal);
        foreach (var module in modules)
        {
            WriteModule(json, module);
        }

        if (facts.BaseImage.Length > 0)
        {
            var at = facts.BaseImage.LastIndexOf('@');
            json.StartObject().Property("uri", "oci://" + facts.BaseImage).Property("name", "base-image");
            if (at > 0 && Digest.TryParse(facts.BaseImage[(at + 1)..], out var digest))
            {
                json.Name("digest").StartObject().Property("sha256", digest.Hex).EndObject();
            }

            json.EndObject();
        }
    }

    // A go.sum "h1:<base64>" hash is in-toto's dirHash, in hex; a vendored or local module has none.
    private static void WriteModule(CanonicalJsonWriter json, GoModule module)
    {
        json.StartObject().Property("uri", $"pkg:golang/{module.Path}@{module.Version}");
        if (module.Sum.StartsWith("h1:", StringComparison.Ordinal) && TryBase64(module.Sum[3..]) is { } hash)
        {
            json.Name("digest").StartObject().Property("dirHash", Convert.ToHexString(hash).ToLowerInvariant()).EndObject();
        }

        json.Property("name", module.Path)
            .Name("annotations").StartObject().Property("version", module.Version).Property("sum", module.Sum).EndObject()
            .EndObject();
    }

    private static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
