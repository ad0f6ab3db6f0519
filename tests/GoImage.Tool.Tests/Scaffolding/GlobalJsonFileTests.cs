using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Tool.Scaffolding;

namespace GoImage.Tool.Tests.Scaffolding;

[TestClass]
public sealed class GlobalJsonFileTests
{
    [TestMethod]
    public void AddSdk_KeepsEveryOtherSetting()
    {
        var text = """
            {
              // the team's SDK
              "sdk": { "version": "10.0.100", "rollForward": "latestFeature" },
              "msbuild-sdks": { "Microsoft.Build.NoTargets": "3.7.56" },
            }
            """;

        using var result = JsonDocument.Parse(GlobalJsonFile.AddSdk("global.json", text, "0.1.0"));

        var root = result.RootElement;
        Assert.AreEqual("10.0.100", root.GetProperty("sdk").GetProperty("version").GetString());
        Assert.AreEqual("latestFeature", root.GetProperty("sdk").GetProperty("rollForward").GetString());
        Assert.AreEqual("3.7.56", root.GetProperty("msbuild-sdks").GetProperty("Microsoft.Build.NoTargets").GetString());
        Assert.AreEqual("0.1.0", root.GetProperty("msbuild-sdks").GetProperty("GoImage.Sdk").GetString());
    }

    [TestMethod]
    public void AddSdk_CreatesTheMsbuildSdksSection()
    {
        using var result = JsonDocument.Parse(GlobalJsonFile.AddSdk("global.json", """{ "sdk": { "version": "10.0.100" } }""", "0.1.0"));

        Assert.AreEqual("0.1.0", result.RootElement.GetProperty("msbuild-sdks").GetProperty("GoImage.Sdk").GetString());
    }

    [TestMethod]
    public void PinnedVersion_ReadsAnExistingEntry() =>
        Assert.AreEqual("0.0.9", GlobalJsonFile.PinnedVersion("global.json", """{ "msbuild-sdks": { "GoImage.Sdk": "0.0.9" } }"""));

    [TestMethod]
    public void PinnedVersion_IsNullWithoutAnEntry() =>
        Assert.IsNull(GlobalJsonFile.PinnedVersion("global.json", """{ "sdk": { "version": "10.0.100" } }"""));

    [TestMethod]
    [DataRow("{ \"sdk\": ")]
    [DataRow("[1, 2]")]
    public void PinnedVersion_RefusesAFileThatIsNoJsonObject(string text) =>
        Assert.AreEqual("GOI4006", Assert.ThrowsExactly<GoImageException>(() => GlobalJsonFile.PinnedVersion("global.json", text)).Diagnostic.Code);

    [TestMethod]
    public void FindNearest_LooksInTheFolderAndAbove()
    {
        using var temp = new TempFolder();
        var globalJson = temp.Write("global.json", "{}");
        Directory.CreateDirectory(temp.PathOf("a/b"));

        Assert.AreEqual(globalJson, GlobalJsonFile.FindNearest(temp.PathOf("a/b")));
    }
}
