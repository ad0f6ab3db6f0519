using GoImage.Diagnostics;
using GoImage.Images;
using GoImage.Kubernetes;

namespace GoImage.Core.Tests.Kubernetes;

[TestClass]
public sealed class KubernetesManifestSetTests
{
    private static readonly string Hex = new('a', 64);

    [TestMethod]
    public void LocateProjects_FindsOtherGoprojUnderTheRoots_SkippingBinAndObj()
    {
        using var temp = new TempDirectory();
        var self = temp.Write("api/api.goproj", "<Project />");
        var worker = temp.Write("worker/worker.goproj", "<Project />");
        temp.Write("api/bin/Release/worker.goproj", "<Project />");
        temp.Write("api/obj/worker.goproj", "<Project />");
        var yaml = temp.Write("api/deploy/all.yaml", "a: goimage://api\nb: goimage://worker\n");
        var diagnostics = new List<Diagnostic>();
        var set = KubernetesManifestSet.Read([yaml], diagnostics);

        // Act
        var projects = set.LocateProjects("api", self, [temp.Path], diagnostics);

        // Assert
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
        Assert.AreEqual(self, projects["api"]);
        Assert.AreEqual(worker, projects["worker"]);
    }

    [TestMethod]
    public void LocateProjects_UnknownName_IsGoi5002_AtEachPlace()
    {
        using var temp = new TempDirectory();
        var self = temp.Write("api/api.goproj", "<Project />");
        var yaml = temp.Write("api/deploy/all.yaml", "a: goimage://api\nb:\n  - goimage://nope\n---\nc: 'goimage://nope'\n");
        var diagnostics = new List<Diagnostic>();
        var set = KubernetesManifestSet.Read([yaml], diagnostics);

        // Act
        set.LocateProjects("api", self, [temp.Path], diagnostics);

        // Assert
        Assert.AreEqual(2, diagnostics.Count);
        Assert.IsTrue(diagnostics.All(d => d.Code == "GOI5002" && d.File == yaml));
        Assert.AreEqual("3:5 5:4", string.Join(" ", diagnostics.Select(d => $"{d.Line}:{d.Column}")));
        StringAssert.Contains(diagnostics[0].ToString(), $"{yaml}(3,5): error GOI5002: 'goimage://nope' names no project");
    }

    [TestMethod]
    public void LocateProjects_TwoProjectsOfOneName_IsGoi5003()
    {
        using var temp = new TempDirectory();
        temp.Write("a/worker/worker.goproj", "<Project />");
        temp.Write("b/worker/worker.goproj", "<Project />");
        var yaml = temp.Write("deploy.yaml", "image: goimage://worker\n");
        var diagnostics = new List<Diagnostic>();
        var set = KubernetesManifestSet.Read([yaml], diagnostics);

        // Act
        set.LocateProjects(null, null, [temp.Path], diagnostics);

        // Assert
        Assert.AreEqual("GOI5003", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, Path.Combine(temp.Path, "a", "worker", "worker.goproj"));
    }

    [TestMethod]
    public void Read_MissingAndInvalidFiles_AreAllReported()
    {
        using var temp = new TempDirectory();
        var bad = temp.Write("bad.yaml", "key: \"open\n");
        var diagnostics = new List<Diagnostic>();

        // Act
        KubernetesManifestSet.Read([temp.Combine("missing.yaml"), bad], diagnostics);

        // Assert
        CollectionAssert.AreEqual(new[] { "GOI5005", "GOI5001" }, diagnostics.Select(d => d.Code).ToArray());
    }

    [TestMethod]
    public void Substitute_ImageNotPushed_IsGoi5004_AndGivesNoText()
    {
        using var temp = new TempDirectory();
        var yaml = temp.Write("d.yaml", "image: goimage://api\n");
        var diagnostics = new List<Diagnostic>();
        var set = KubernetesManifestSet.Read([yaml], diagnostics);

        // Act
        var texts = set.Substitute(new Dictionary<string, PushedImage?> { ["api"] = null }, KubernetesReferenceStyle.Digest, diagnostics);

        // Assert
        Assert.IsNull(texts);
        Assert.AreEqual("GOI5004", diagnostics.Single().Code);
        Assert.AreEqual((1, 8), (diagnostics[0].Line, diagnostics[0].Column));
    }

    [TestMethod]
    public void Substitute_TagStyleWithoutTag_IsGoi5008()
    {
        using var temp = new TempDirectory();
        var yaml = temp.Write("d.yaml", "image: goimage://api\n");
        var diagnostics = new List<Diagnostic>();
        var set = KubernetesManifestSet.Read([yaml], diagnostics);
        Assert.IsTrue(PushedImage.TryCreate($"r.example/api@sha256:{Hex}", null, out var image));

        // Act
        var texts = set.Substitute(new Dictionary<string, PushedImage?> { ["api"] = image }, KubernetesReferenceStyle.Tag, diagnostics);

        // Assert
        Assert.IsNull(texts);
        Assert.AreEqual("GOI5008", diagnostics.Single().Code);
    }

    [TestMethod]
    public void Write_ThenOutputPaths_PutManifestsRelativeToTheProject()
    {
        using var temp = new TempDirectory();
        var project = temp.CreateDirectory("api");
        var inside = temp.Write("api/deploy/app.yaml", "image: goimage://api # keep\n");
        var outside = temp.Write("shared/app.yaml", "image: goimage://api\n");
        var diagnostics = new List<Diagnostic>();
        var set = KubernetesManifestSet.Read([inside, outside], diagnostics);
        var outputs = KubernetesManifestSet.OutputPaths(project, temp.Combine("out"), [(inside, null), (outside, "linked/app.yaml")], diagnostics);
        Assert.IsTrue(PushedImage.TryCreate($"r.example/api@sha256:{Hex}", "1.0.0", out var image));
        var texts = set.Substitute(new Dictionary<string, PushedImage?> { ["api"] = image }, KubernetesReferenceStyle.Tag, diagnostics)!;

        // Act
        set.Write(texts, outputs);

        // Assert
        Assert.AreEqual(0, diagnostics.Count, string.Join("\n", diagnostics));
        Assert.AreEqual($"image: r.example/api:1.0.0@sha256:{Hex} # keep\n", File.ReadAllText(temp.Combine("out/deploy/app.yaml")));
        Assert.AreEqual($"image: r.example/api:1.0.0@sha256:{Hex}\n", File.ReadAllText(temp.Combine("out/linked/app.yaml")));
    }

    [TestMethod]
    public void OutputPaths_TwoOutsideFilesOfOneName_IsGoi5006()
    {
        using var temp = new TempDirectory();
        var project = temp.CreateDirectory("api");
        var diagnostics = new List<Diagnostic>();

        // Act
        KubernetesManifestSet.OutputPaths(project, temp.Combine("out"), [(temp.Combine("a/app.yaml"), null), (temp.Combine("b/app.yaml"), null)], diagnostics);

        // Assert
        Assert.AreEqual("GOI5006", diagnostics.Single().Code);
    }
}
