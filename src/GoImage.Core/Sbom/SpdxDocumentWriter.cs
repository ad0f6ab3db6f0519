using System.Globalization;
using System.Text;
using GoImage.Images;

namespace GoImage.Sbom;

/// <summary>
/// Writes an SPDX 2.3 JSON document for one platform image from its binary's Go build information:
/// the image, the main module (the binary, by SHA-256), the standard library and every dependency
/// module, with purls. Bytes are canonical and hold no clock or random value, so the same image
/// always gets the same document.
/// </summary>
public static class SpdxDocumentWriter
{
    private const string ImageId = "SPDXRef-Image";
    private const string MainId = "SPDXRef-Go-Main";
    private const string StdlibId = "SPDXRef-Go-Stdlib";

    public static byte[] Write(SbomSubject subject)
    {
        var info = subject.BuildInfo;
        var platform = subject.Platform;
        var json = new CanonicalJsonWriter().StartObject()
            .Property("spdxVersion", "SPDX-2.3")
            .Property("dataLicense", "CC0-1.0")
            .Property("SPDXID", "SPDXRef-DOCUMENT")
            .Property("name", $"{subject.Repository}@{subject.Manifest.Digest} ({platform})")
            // Unique per image manifest and still reproducible: derived from the digest, not a random UUID.
            .Property("documentNamespace", $"urn:uuid:{NamespaceUuid(subject.Manifest.Digest)}")
            .Name("creationInfo").StartObject()
                .Property("created", Timestamps.Format(subject.Created))
                .Name("creators").StringArray([$"Tool: GoImage.Sdk-{ToolVersion}"])
            .EndObject()
            .Name("packages").StartArray();

        Package(json, ImageId, subject.Repository, subject.Manifest.Digest.ToString(), "CONTAINER", OciPurl(subject))
            .Name("checksums").StartArray().StartObject()
                .Property("algorithm", "SHA256").Property("checksumValue", subject.Manifest.Digest.Hex)
            .EndObject().EndArray()
            .EndObject();

        var main = info.MainModule;
        var mainVersion = main is null || main.Version == "(devel)" ? subject.ImageVersion : main.Version;
        // The purl names a module version only when Go recorded one: the image version is not a module version.
        Package(json, MainId, main?.Path ?? info.MainPackage, mainVersion, "APPLICATION", main is null ? null : GoPurl(main.Path, main.Version == "(devel)" ? "" : main.Version))
            .Property("packageFileName", subject.AppPath)
            .Name("checksums").StartArray().StartObject()
                .Property("algorithm", "SHA256").Property("checksumValue", subject.Binary.Hex)
            .EndObject().EndArray()
            .Property("comment", $"Go program {info.MainPackage}, built with {info.GoVersion}; build settings: {string.Join(' ', info.Settings.Select(s => $"{s.Key}={s.Value}"))}")
            .EndObject();

        Package(json, StdlibId, "stdlib", info.GoVersion, "LIBRARY", GoPurl("stdlib", info.GoVersion))
            .Property("comment", "The Go standard library and runtime linked into the program.")
            .EndObject();

        for (var i = 0; i < info.Dependencies.Count; i++)
        {
            var module = info.Dependencies[i];
            var used = module.Replacement ?? module;
            Package(json, ModuleId(i), module.Path, used.Version, "LIBRARY", GoPurl(used.Path, used.Version));
            var comment = new List<string>();
            if (module.Replacement is { } replacement)
            {
                comment.Add($"replaced by {replacement.Path}{(replacement.Version.Length > 0 ? " " + replacement.Version : "")}");
            }

            if (used.Sum.Length > 0)
            {
                comment.Add($"go.sum {used.Sum}");
            }

            if (comment.Count > 0)
            {
                json.Property("comment", string.Join("; ", comment));
            }

            json.EndObject();
        }

        json.EndArray().Name("relationships").StartArray();
        Relationship(json, "SPDXRef-DOCUMENT", "DESCRIBES", ImageId);
        Relationship(json, ImageId, "CONTAINS", MainId);
        Relationship(json, MainId, "DEPENDS_ON", StdlibId);
        for (var i = 0; i < info.Dependencies.Count; i++)
        {
            Relationship(json, MainId, "DEPENDS_ON", ModuleId(i));
        }

        return json.EndArray().EndObject().ToBytes();
    }

    /// <summary>The tool in creationInfo: the release version only, so a rebuild from another commit of the same release matches.</summary>
    internal static string ToolVersion { get; } = typeof(SpdxDocumentWriter).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0";

    private static string ModuleId(int index) => $"SPDXRef-Go-Module-{index + 1}";

    // Leaves the package object open for the caller's extra properties.
    private static CanonicalJsonWriter Package(CanonicalJsonWriter json, string id, string name, string version, string purpose, string? purl)
    {
        json.StartObject()
            .Property("SPDXID", id)
            .Property("name", name);
        if (version.Length > 0)
        {
            json.Property("versionInfo", version);
        }

        json.Property("downloadLocation", "NOASSERTION")
            .Name("filesAnalyzed").Boolean(false)
            .Property("primaryPackagePurpose", purpose);
        if (purl is not null)
        {
            json.Name("externalRefs").StartArray().StartObject()
                .Property("referenceCategory", "PACKAGE-MANAGER")
                .Property("referenceType", "purl")
                .Property("referenceLocator", purl)
                .EndObject().EndArray();
        }

        return json;
    }

    private static void Relationship(CanonicalJsonWriter json, string from, string type, string to) =>
        json.StartObject()
            .Property("spdxElementId", from)
            .Property("relationshipType", type)
            .Property("relatedSpdxElement", to)
            .EndObject();

    /// <summary>pkg:golang/&lt;module path&gt;@&lt;version&gt;, each path segment percent-encoded.</summary>
    internal static string GoPurl(string path, string version)
    {
        var purl = "pkg:golang/" + string.Join('/', path.Split('/').Select(Encode));
        return version.Length > 0 ? $"{purl}@{Encode(version)}" : purl;
    }

    /// <summary>pkg:oci/&lt;name&gt;@&lt;manifest digest&gt; with the platform and repository as qualifiers (sorted, as purl requires).</summary>
    internal static string OciPurl(SbomSubject subject)
    {
        var name = subject.Repository.Split('/')[^1];
        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["arch"] = subject.Platform.Architecture,
            ["os"] = subject.Platform.Os,
            ["repository_url"] = subject.Repository,
        };
        if (subject.Platform.Variant is { } variant)
        {
            qualifiers["variant"] = variant;
        }

        return $"pkg:oci/{Encode(name)}@{Encode(subject.Manifest.Digest.ToString())}?{string.Join('&', qualifiers.Select(q => $"{q.Key}={Encode(q.Value)}"))}";
    }

    // purl percent-encodes everything but unreserved characters; '/' stays in repository_url.
    private static string Encode(string text)
    {
        var result = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' or '/')
            {
                result.Append(c);
            }
            else
            {
                result.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return result.ToString();
    }

    private static string NamespaceUuid(Digest manifest)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("goimage-spdx:" + manifest));
        hash[6] = (byte)((hash[6] & 0x0f) | 0x80); // version 8: a custom, name-derived UUID (RFC 9562)
        hash[8] = (byte)((hash[8] & 0x3f) | 0x80);
        var hex = Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
