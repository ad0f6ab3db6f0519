using System.Text;
using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Kubernetes;

namespace GoImage.Core.Tests.Kubernetes;

[TestClass]
public sealed class KubernetesManifestTests
{
    private const string Pinned = "127.0.0.1:5000/hello@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    private static readonly Dictionary<string, string> References = new(StringComparer.Ordinal) { ["hello"] = Pinned, ["worker"] = Pinned.Replace("hello", "worker", StringComparison.Ordinal) };

    [TestMethod]
    public void Substitute_ChangesOnlyTheSchemeScalars_KeepingCommentsQuotesAndOtherImages()
    {
        const string text = """
            # the service: goimage://hello in a comment stays
            apiVersion: apps/v1   # trailing comment
            kind: Deployment
            metadata: {name: hello, labels: {app: hello}}
            spec:
              template:
                spec:
                  containers:
                    - name: app
                      image: goimage://hello
                    - {name: side, image: "goimage://worker"}
                    - name: proxy
                      image: 'docker.io/library/nginx:1.27'
                    - name: single
                      image: 'goimage://hello'
            ---
            apiVersion: v1
            kind: ConfigMap
            data:
              note: "built from goimage://hello by the SDK"
              block: |
                goimage://hello
            """;
        var manifest = KubernetesManifest.Parse("deploy.yaml", text);

        // Act
        var resolved = manifest.Substitute(References);

        // Assert: exactly three tokens replaced, each in its own quoting; everything else identical.
        var expected = text
            .Replace("image: goimage://hello", "image: " + Pinned, StringComparison.Ordinal)
            .Replace("\"goimage://worker\"", "\"" + References["worker"] + "\"", StringComparison.Ordinal)
            .Replace("'goimage://hello'", "'" + Pinned + "'", StringComparison.Ordinal);
        Assert.AreEqual(expected, resolved);
        Assert.AreEqual(3, manifest.Images.Count);
        CollectionAssert.AreEqual(new[] { 10, 11, 15 }, manifest.Images.Select(i => i.Line).ToArray());
        Assert.AreEqual(18, manifest.Images[0].Column);
    }

    [TestMethod]
    public void Substitute_KeepsCrLfLineEndings_AndJsonQuoting()
    {
        const string text = "{\r\n  \"kind\": \"Pod\",\r\n  \"spec\": {\"containers\": [{\"name\": \"a\", \"image\": \"goimage://hello\"}]}\r\n}\r\n";
        var manifest = KubernetesManifest.Parse("pod.json", text);

        // Act
        var resolved = manifest.Substitute(References);

        // Assert
        Assert.AreEqual(text.Replace("goimage://hello", Pinned, StringComparison.Ordinal), resolved);
    }

    [TestMethod]
    public void Read_KeepsAByteOrderMark_OnEncode()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("a.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("image: goimage://hello\n")]);
        var manifest = KubernetesManifest.Read(path);

        // Act
        var bytes = manifest.Encode(manifest.Substitute(References));

        // Assert
        byte[] expected = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes($"image: {Pinned}\n")];
        CollectionAssert.AreEqual(expected, bytes);
    }

    [TestMethod]
    public void Parse_InvalidYaml_IsGoi5001_AtTheParsersPlace()
    {
        // Act
        var e = Assert.ThrowsExactly<GoImageException>(() => KubernetesManifest.Parse("bad.yaml", "a: b\n c: d\n"));

        // Assert
        Assert.AreEqual("GOI5001", e.Diagnostic.Code);
        Assert.AreEqual("bad.yaml", e.Diagnostic.File);
        Assert.AreEqual(2, e.Diagnostic.Line);
        Assert.AreEqual(3, e.Diagnostic.Column);
        Assert.IsFalse(e.Diagnostic.Message.Contains("Idx:", StringComparison.Ordinal), e.Diagnostic.Message);
    }

    [TestMethod]
    public void Parse_BrokenFlowSequence_IsGoi5001_NotACrash()
    {
        // Act: YamlDotNet's scanner throws InvalidOperationException here.
        var e = Assert.ThrowsExactly<GoImageException>(() => KubernetesManifest.Parse("bad.yaml", "a: [1\nb: c\n"));

        // Assert
        Assert.AreEqual("GOI5001", e.Diagnostic.Code);
        Assert.IsTrue(e.Diagnostic.Line >= 1);
    }

    [TestMethod]
    public void Read_NotUtf8_IsGoi5001()
    {
        using var temp = new TempDirectory();
        var path = temp.Combine("latin1.yaml");
        File.WriteAllBytes(path, [(byte)'a', (byte)':', (byte)' ', 0xE9, (byte)'\n']);

        // Act
        var e = Assert.ThrowsExactly<GoImageException>(() => KubernetesManifest.Read(path));

        // Assert
        Assert.AreEqual("GOI5001", e.Diagnostic.Code);
        Assert.AreEqual(path, e.Diagnostic.File);
    }

    [TestMethod]
    public void PushedImage_FormatsDigestAndTagStyles()
    {
        Assert.IsTrue(PushedImage.TryCreate(Pinned, "1.4.2", out var image));

        // Act + Assert
        Assert.AreEqual(Pinned, image.Format(KubernetesReferenceStyle.Digest));
        Assert.AreEqual(Pinned.Replace("hello@", "hello:1.4.2@", StringComparison.Ordinal), image.Format(KubernetesReferenceStyle.Tag));
        Assert.IsTrue(PushedImage.TryCreate(Pinned, null, out var untagged));
        Assert.IsNull(untagged.Format(KubernetesReferenceStyle.Tag));
        Assert.IsFalse(PushedImage.TryCreate("127.0.0.1:5000/hello:1.4.2", null, out _), "a reference without a digest is not a pushed image");
    }

    [TestMethod]
    public void ParseStyle_UnknownValue_IsGoi5007()
    {
        var diagnostics = new List<Diagnostic>();

        // Act
        PushedImage.ParseStyle("sha", diagnostics);

        // Assert
        Assert.AreEqual("GOI5007", diagnostics.Single().Code);
        Assert.AreEqual(KubernetesReferenceStyle.Tag, PushedImage.ParseStyle("Tag", diagnostics));
        Assert.AreEqual(1, diagnostics.Count);
    }

    [TestMethod]
    public void ImageReference_Digest_IsWhatThePinnedTextCarries()
    {
        // The substituted reference is one ImageReference can read back: registry, repository and digest intact.
        Assert.IsTrue(ImageReference.TryParse(Pinned, out var reference, out _));
        Assert.AreEqual("127.0.0.1:5000", reference.Registry);
        Assert.AreEqual("hello", reference.Repository);
    }
}
