using System.Text;
using System.Text.Json;
using GoImage.Images;
using GoImage.Sbom;

namespace GoImage.Core.Tests.Sbom;

[TestClass]
public sealed class SpdxDocumentWriterTests
{
    private static readonly Descriptor Manifest = new(MediaTypes.ImageManifest, Digest.Of("manifest"u8), 812);

    internal static SbomSubject Subject(GoBuildInfo? info = null) => new(
        "shop/api",
        new ImagePlatform("linux", "arm64", "v8"),
        Manifest,
        "/app/api",
        Digest.Of("binary"u8),
        info ?? new GoBuildInfo(
            "go1.23.5",
            "example.com/shop/api/cmd/api",
            new GoModule("example.com/shop/api", "(devel)", ""),
            [
                new GoModule("example.com/quote", "v1.2.0", ""),
                new GoModule("golang.org/x/text", "v0.14.0", "h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ="),
                new GoModule("example.com/old", "v1.0.0", "") { Replacement = new GoModule("../fork", "", "") },
            ],
            [new("-trimpath", "true"), new("CGO_ENABLED", "0"), new("GOARCH", "arm64")]),
        DateTimeOffset.FromUnixTimeSeconds(1700000000))
    {
        ImageVersion = "1.4.2",
    };

    [TestMethod]
    public void Write_IsValidSpdx23()
    {
        SpdxSchema.AssertValid(SpdxDocumentWriter.Write(Subject()));
    }

    [TestMethod]
    public void Write_OfTheSameSubjectTwice_GivesTheSameBytes()
    {
        CollectionAssert.AreEqual(SpdxDocumentWriter.Write(Subject()), SpdxDocumentWriter.Write(Subject()));
    }

    [TestMethod]
    public void Write_DescribesTheImageContainingTheMainModuleThatDependsOnStdlibAndEachModule()
    {
        // Act
        using var document = JsonDocument.Parse(SpdxDocumentWriter.Write(Subject()));
        var root = document.RootElement;
        var packages = root.GetProperty("packages").EnumerateArray().ToDictionary(p => p.GetProperty("SPDXID").GetString()!);
        var relationships = root.GetProperty("relationships").EnumerateArray()
            .Select(r => $"{r.GetProperty("spdxElementId").GetString()} {r.GetProperty("relationshipType").GetString()} {r.GetProperty("relatedSpdxElement").GetString()}")
            .ToArray();

        // Assert
        Assert.AreEqual("1970-01-01T00:00:00Z".Length, root.GetProperty("creationInfo").GetProperty("created").GetString()!.Length);
        Assert.AreEqual("2023-11-14T22:13:20Z", root.GetProperty("creationInfo").GetProperty("created").GetString());
        StringAssert.StartsWith(root.GetProperty("documentNamespace").GetString(), "urn:uuid:");
        Assert.AreEqual("CONTAINER", packages["SPDXRef-Image"].GetProperty("primaryPackagePurpose").GetString());
        Assert.AreEqual(Manifest.Digest.ToString(), packages["SPDXRef-Image"].GetProperty("versionInfo").GetString());
        Assert.AreEqual("pkg:oci/api@sha256%3A" + Manifest.Digest.Hex + "?arch=arm64&os=linux&repository_url=shop/api&variant=v8", Purl(packages["SPDXRef-Image"]));

        var main = packages["SPDXRef-Go-Main"];
        Assert.AreEqual("example.com/shop/api", main.GetProperty("name").GetString());
        Assert.AreEqual("1.4.2", main.GetProperty("versionInfo").GetString(), "Go's (devel) gives way to the image version");
        Assert.AreEqual("/app/api", main.GetProperty("packageFileName").GetString());
        Assert.AreEqual(Digest.Of("binary"u8).Hex, main.GetProperty("checksums")[0].GetProperty("checksumValue").GetString());
        StringAssert.Contains(main.GetProperty("comment").GetString(), "CGO_ENABLED=0");

        Assert.AreEqual("go1.23.5", packages["SPDXRef-Go-Stdlib"].GetProperty("versionInfo").GetString());
        Assert.AreEqual("pkg:golang/stdlib@go1.23.5", Purl(packages["SPDXRef-Go-Stdlib"]));

        Assert.AreEqual("example.com/quote", packages["SPDXRef-Go-Module-1"].GetProperty("name").GetString());
        Assert.AreEqual("v1.2.0", packages["SPDXRef-Go-Module-1"].GetProperty("versionInfo").GetString());
        Assert.AreEqual("pkg:golang/example.com/quote@v1.2.0", Purl(packages["SPDXRef-Go-Module-1"]));
        StringAssert.Contains(packages["SPDXRef-Go-Module-2"].GetProperty("comment").GetString(), "go.sum h1:ScX5w1eTa3QqT8oi6+ziP7dTV1S2+ALU0bI+0zXKWiQ=");
        StringAssert.Contains(packages["SPDXRef-Go-Module-3"].GetProperty("comment").GetString(), "replaced by ../fork");

        CollectionAssert.AreEqual(
            new[]
            {
                "SPDXRef-DOCUMENT DESCRIBES SPDXRef-Image",
                "SPDXRef-Image CONTAINS SPDXRef-Go-Main",
                "SPDXRef-Go-Main DEPENDS_ON SPDXRef-Go-Stdlib",
                "SPDXRef-Go-Main DEPENDS_ON SPDXRef-Go-Module-1",
                "SPDXRef-Go-Main DEPENDS_ON SPDXRef-Go-Module-2",
                "SPDXRef-Go-Main DEPENDS_ON SPDXRef-Go-Module-3",
            },
            relationships);
    }

    [TestMethod]
    public void Write_ForAnotherManifest_HasAnotherNamespace()
    {
        var other = Subject() with { Manifest = Manifest with { Digest = Digest.Of("other"u8) } };

        Assert.AreNotEqual(Namespace(SpdxDocumentWriter.Write(Subject())), Namespace(SpdxDocumentWriter.Write(other)));
    }

    [TestMethod]
    public void GoPurl_PercentEncodesWhatIsNotUnreserved()
    {
        Assert.AreEqual("pkg:golang/github.com/A%2BB/c@v0.0.0-20240101000000-abcdef123456%2Bincompatible", SpdxDocumentWriter.GoPurl("github.com/A+B/c", "v0.0.0-20240101000000-abcdef123456+incompatible"));
    }

    [TestMethod]
    public void Write_MatchesTheGoldenDocument()
    {
        // The exact bytes: a change here changes every SBOM digest, so it must be deliberate.
        var expected = GoldenFile.Read("sbom-linux-arm64.spdx.json");

        var actual = SpdxDocumentWriter.Write(Subject());

        Assert.AreEqual(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
    }

    private static string Purl(JsonElement package) => package.GetProperty("externalRefs")[0].GetProperty("referenceLocator").GetString()!;

    private static string Namespace(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("documentNamespace").GetString()!;
    }
}
