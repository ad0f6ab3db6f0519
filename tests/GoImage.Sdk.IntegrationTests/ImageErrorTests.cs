namespace GoImage.Sdk.IntegrationTests;

/// <summary>Bad image settings fail the publish with their GOI code and leave no image behind, and never damage an earlier one.</summary>
[TestClass]
public sealed class ImageErrorTests
{
    private static GoProject _project = null!;

    [ClassInitialize]
    public static void Create(TestContext context)
    {
        _project = GoProject.FromSample("hello");
        var build = _project.Build("-c", "Release");
        Assert.IsTrue(build.Succeeded, build.ToString());
    }

    [ClassCleanup]
    public static void Cleanup() => _project.Dispose();

    [TestMethod]
    [DataRow("GOI2001", "-p:ContainerRepository=Shop/API", "")]
    [DataRow("GOI2002", "-p:ContainerImageTag=-bad", "")]
    [DataRow("GOI2003", "-p:ContainerImageTag=a", "-p:ContainerImageTags=b")]
    [DataRow("GOI2004", "-p:ContainerPortsFile=70000", "")]
    [DataRow("GOI2004", "-p:ContainerPortsFile=abc/tcp", "")]
    [DataRow("GOI2005", "-p:ContainerEnvFile=A=B", "")]
    [DataRow("GOI2006", "-p:ContainerLabelFile=%20", "")]
    [DataRow("GOI2007", "-p:ContainerFileFile=missing.yaml", "")]
    [DataRow("GOI2009", "-p:SOURCE_DATE_EPOCH=yesterday", "")]
    [DataRow("GOI3001", "-p:ContainerBaseImage=docker.io/Library/Alpine:3.20", "")]
    [DataRow("GOI3001", "-p:ContainerBaseImage=127.0.0.1:5000/app@sha256:beef", "")]
    public void BadInput_FailsWithItsCode_AndWritesNoLayout(string code, string setting, string other)
    {
        var layout = Path.Combine(Directory.CreateDirectory(Path.Combine(_project.Root, "layouts", Guid.NewGuid().ToString("N"))).FullName, "image");
        var publish = _project.Publish([$"-p:ContainerImageLayoutPath={layout}/", $"-p:CustomAfterGoImageSdkTargets={ItemsFile(setting)}", setting, .. other.Length > 0 ? new[] { other } : []]);

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, $"error {code}:");
        Assert.IsFalse(Directory.Exists(layout), "no partial output");
        Assert.IsFalse(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(layout)!).Any(), "no temp folder left behind");
    }

    [TestMethod]
    public void BadInput_AfterAGoodPublish_LeavesThePreviousLayoutAsItWas()
    {
        var good = _project.Publish();
        Assert.IsTrue(good.Succeeded, good.ToString());
        var before = new OciLayout(_project.LayoutPath).Files();

        var bad = _project.Publish("-p:ContainerImageTag=no:colons");

        Assert.IsFalse(bad.Succeeded, bad.ToString());
        StringAssert.Contains(bad.Output, "error GOI2002:");
        var after = new OciLayout(_project.LayoutPath).Files();
        CollectionAssert.AreEqual(before.Keys.ToArray(), after.Keys.ToArray());
        foreach (var (path, bytes) in before)
        {
            CollectionAssert.AreEqual(bytes, after[path], path);
        }
    }

    // Items cannot be given on the command line: a bad item comes from a targets file the SDK imports (CustomAfterGoImageSdkTargets).
    private static string ItemsFile(string setting)
    {
        var (kind, value) = setting.Split('=', 2) switch
        {
            [var p, var v] => (p["-p:".Length..], v),
            _ => ("", ""),
        };
        var item = kind switch
        {
            "ContainerPortsFile" => $"<ContainerPort Include=\"{value}\" />",
            "ContainerEnvFile" => $"<ContainerEnvironmentVariable Include=\"{value}\" Value=\"x\" />",
            "ContainerLabelFile" => $"<ContainerLabel Include=\"{value}\" Value=\"x\" />",
            "ContainerFileFile" => $"<ContainerFile Include=\"{value}\" TargetPath=\"/etc/app.yaml\" />",
            _ => "",
        };
        var file = Path.Combine(_project.Root, Guid.NewGuid().ToString("N") + ".targets");
        File.WriteAllText(file, $"<Project><ItemGroup>{item}</ItemGroup></Project>");
        return file;
    }
}
