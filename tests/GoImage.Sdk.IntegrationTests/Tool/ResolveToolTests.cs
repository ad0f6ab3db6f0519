namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary>
/// <c>goimage resolve -f deploy/</c> over two projects (samples/hello and a second project building the same program)
/// pushing to a loopback docker-registry: both names pinned, and a second run builds nothing new and prints the same bytes.
/// </summary>
[TestClass]
public sealed class ResolveToolTests
{
    private static RegistryServer _registry = null!;
    private static GoProject _hello = null!;
    private static string _root = "";

    [ClassInitialize]
    public static async Task CreateProjects(TestContext context)
    {
        _registry = await RegistryServer.StartAsync();
        _root = GoProject.NewTempDirectory();
        _hello = GoProject.FromSample("hello", _root);
        Write("hello/greeter/greeter.goproj", """
            <Project Sdk="GoImage.Sdk">
              <PropertyGroup>
                <GoPackage>..</GoPackage>
                <ContainerRepository>goimage/greeter</ContainerRepository>
                <ContainerImageTag>2.0.0</ContainerImageTag>
              </PropertyGroup>
            </Project>
            """);
        Write("deploy/api.yaml", "# the API\nspec:\n  image: goimage://hello   # pinned by resolve\n");
        Write("deploy/worker.yaml", "spec:\n  containers:\n    - {name: w, image: 'goimage://greeter'}\n    - {name: h, image: \"goimage://hello\"}\n");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _hello.Dispose();
        _registry.Dispose();
    }

    [TestMethod]
    public void Resolve_PinsBothProjects_AndASecondRunBuildsNothingNewAndPrintsTheSameBytes()
    {
        // Act
        var first = Resolve("first.yaml");
        var second = Resolve("second.yaml");

        // Assert
        Assert.AreEqual(0, first.ExitCode, first.ToString());
        var text = File.ReadAllText(Path.Combine(_root, "first.yaml"));
        var match = System.Text.RegularExpressions.Regex.Match(text, $$"""
            ^# the API\nspec:\n  image: (?<hello>{{_registry.Host}}/goimage/hello@sha256:[0-9a-f]{64})   # pinned by resolve\n---\nspec:\n  containers:\n    - \{name: w, image: '(?<greeter>{{_registry.Host}}/goimage/greeter@sha256:[0-9a-f]{64})'\}\n    - \{name: h, image: "\k<hello>"\}\n$
            """.Trim());
        Assert.IsTrue(match.Success, text);
        Assert.AreEqual(match.Groups["hello"].Value[^71..], RegistryPeers.ManifestDigest(_registry, "goimage/hello:1.4.2"));
        Assert.AreEqual(match.Groups["greeter"].Value[^71..], RegistryPeers.ManifestDigest(_registry, "goimage/greeter:2.0.0"));
        CollectionAssert.AreEqual(new[] { match.Groups["hello"].Value, match.Groups["greeter"].Value },
            File.ReadAllLines(Path.Combine(_root, "first.yaml.refs")));

        Assert.AreEqual(0, second.ExitCode, second.ToString());
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(_root, "first.yaml")), File.ReadAllBytes(Path.Combine(_root, "second.yaml")));
        Assert.IsFalse(second.Output.Contains(" uploaded (", StringComparison.Ordinal), "the second run uploads no blob: " + second.Output);
        Assert.AreEqual(2, System.Text.RegularExpressions.Regex.Count(second.Output, @"\(0 uploaded, \d+ already present"), second.Output);
    }

    [TestMethod]
    public void Resolve_UnknownName_IsGoi5002_ExitCode1_NothingWritten()
    {
        Write("bad/app.yaml", "spec:\n  image: goimage://nosuch\n");

        var run = InstalledTool.Run(["resolve", "-f", "bad/", "-o", "bad-out/", "--registry", _registry.Host], _root, _hello.Environment);

        Assert.AreEqual(1, run.ExitCode, run.ToString());
        StringAssert.Contains(run.Output, $"{Path.Combine(_root, "bad", "app.yaml")}(2,10): error GOI5002:");
        Assert.IsFalse(Directory.Exists(Path.Combine(_root, "bad-out")));
    }

    private static CommandResult Resolve(string output) =>
        Command.Run("bash", ["-c", $"'{InstalledTool.Executable}' resolve -f deploy/ --registry {_registry.Host} -p GoTargetPlatforms=linux/amd64 --image-refs {output}.refs > {output}"],
            _root, _hello.Environment, TimeSpan.FromMinutes(15));

    private static void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
