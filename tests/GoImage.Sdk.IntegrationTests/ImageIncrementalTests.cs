using System.Text.RegularExpressions;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>Publishing again costs nothing when nothing changed, and a change touches only what it must.</summary>
[TestClass]
public sealed partial class ImageIncrementalTests
{
    [TestMethod]
    public void PublishTwice_NothingChanged_NoLayerWrittenAndSameDigest()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["GOIMAGE_CACHE"] = Path.Combine(project.Root, "goimage-cache");

        var first = project.Publish();
        var digest = new OciLayout(project.LayoutPath).ImageIndexDigest;
        var second = project.Publish();

        Assert.IsTrue(first.Succeeded, first.ToString());
        Assert.IsTrue(second.Succeeded, second.ToString());
        Assert.AreEqual((3, 0), LayerCounts(first), first.Output);
        Assert.AreEqual((0, 3), LayerCounts(second), second.Output);
        StringAssert.Contains(second.Output, "(unchanged)");
        Assert.AreEqual(digest, new OciLayout(project.LayoutPath).ImageIndexDigest);
    }

    [TestMethod]
    public void EditAnAmd64OnlyFile_OnlyTheAmd64AppLayerAndTheManifestsChange()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["GOIMAGE_CACHE"] = Path.Combine(project.Root, "goimage-cache");
        File.WriteAllText(project.PathOf("note.go"), "package main\n\nvar notes []string\n\nfunc note(s string) { notes = append(notes, s) }\n");
        File.WriteAllText(project.PathOf("note_amd64.go"), "package main\n\nfunc init() { note(\"first\") }\n");
        var first = project.Publish();
        Assert.IsTrue(first.Succeeded, first.ToString());
        var before = new OciLayout(project.LayoutPath);
        var (indexBefore, amd64Before, arm64Before) = (before.ImageIndexDigest, before.ManifestDigest("amd64"), before.ManifestDigest("arm64"));
        var (amd64LayersBefore, arm64LayersBefore) = (before.LayerDigests("amd64"), before.LayerDigests("arm64"));

        File.WriteAllText(project.PathOf("note_amd64.go"), "package main\n\nfunc init() { note(\"second\") }\n");
        var second = project.Publish();

        Assert.IsTrue(second.Succeeded, second.ToString());
        Assert.AreEqual((1, 2), LayerCounts(second), second.Output);
        var after = new OciLayout(project.LayoutPath);
        Assert.AreNotEqual(indexBefore, after.ImageIndexDigest);
        Assert.AreNotEqual(amd64Before, after.ManifestDigest("amd64"));
        Assert.AreEqual(arm64Before, after.ManifestDigest("arm64"));
        CollectionAssert.AreEqual(arm64LayersBefore.ToArray(), after.LayerDigests("arm64").ToArray());
        Assert.AreEqual(amd64LayersBefore[0], after.LayerDigests("amd64")[0], "the base layer is shared and unchanged");
        Assert.AreNotEqual(amd64LayersBefore[1], after.LayerDigests("amd64")[1]);
    }

    // "ImageLayer: 3 layers (1 written, 2 reused)"
    private static (int Written, int Reused) LayerCounts(CommandResult publish)
    {
        var match = LayerLine().Match(publish.Output);
        Assert.IsTrue(match.Success, publish.Output);
        return (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"ImageLayer: \d+ layers \((\d+) written, (\d+) reused\)")]
    private static partial Regex LayerLine();
}
