using GoImage.Composition;
using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Core.Tests.Composition;

[TestClass]
public sealed class ImageRequestValidatorTests
{
    private const string Created = "org.opencontainers.image.created";

    // What the SDK passes for a project named Hello with no Container* properties set.
    private static ImageRequest Request() => new()
    {
        ProjectName = "Hello",
        AppPath = "/app/hello",
        SourceDateEpoch = "1700000000",
    };

    private static ImageDefinition Valid(ImageRequest request)
    {
        var diagnostics = new List<Diagnostic>();
        var definition = ImageRequestValidator.Validate(request, diagnostics);
        Assert.AreEqual(0, diagnostics.Count, string.Join(Environment.NewLine, diagnostics));
        Assert.IsNotNull(definition);
        return definition;
    }

    private static List<Diagnostic> Invalid(ImageRequest request)
    {
        var diagnostics = new List<Diagnostic>();
        var definition = ImageRequestValidator.Validate(request, diagnostics);
        Assert.IsNull(definition, "a request with problems must give no definition");
        Assert.IsTrue(diagnostics.All(d => !d.IsWarning), "problems are errors");
        return diagnostics;
    }

    private static void AssertOnlyCode(string code, ImageRequest request)
    {
        var diagnostics = Invalid(request);
        CollectionAssert.AreEqual(new[] { code }, diagnostics.Select(d => d.Code).ToArray(), string.Join(Environment.NewLine, diagnostics));
    }

    private static KeyValuePair<string, string> Pair(string key, string value) => new(key, value);

    [TestMethod]
    public void Validate_MinimalRequest_GivesTheDefaults()
    {
        // Act
        var definition = Valid(Request());

        // Assert
        Assert.AreEqual("hello", definition.Repository);
        CollectionAssert.AreEqual(new[] { "latest" }, definition.Tags.ToArray());
        Assert.AreEqual(DateTimeOffset.FromUnixTimeSeconds(1700000000), definition.Created);
        var config = definition.Config;
        Assert.AreEqual("65532:65532", config.User);
        Assert.AreEqual("/", config.WorkingDirectory);
        CollectionAssert.AreEqual(new[] { "/app/hello" }, config.Entrypoint.ToArray());
        Assert.AreEqual(0, config.Cmd.Count);
        Assert.AreEqual(0, config.ExposedPorts.Count);
        Assert.AreEqual(0, config.Environment.Count);
        Assert.IsNull(config.HealthCheck);
        CollectionAssert.AreEquivalent(new[] { Pair(Created, "2023-11-14T22:13:20Z") }, config.Labels.ToArray());
        CollectionAssert.AreEquivalent(new[] { Pair(Created, "2023-11-14T22:13:20Z") }, definition.Annotations.ToArray());
    }

    [TestMethod]
    public void Validate_UnsetSourceDateEpoch_IsCreatedAtTheUnixEpoch()
    {
        // Act
        var definition = Valid(Request() with { SourceDateEpoch = "" });

        // Assert
        Assert.AreEqual(DateTimeOffset.UnixEpoch, definition.Created);
        Assert.AreEqual("1970-01-01T00:00:00Z", definition.Annotations[Created]);
    }

    [TestMethod]
    public void Validate_GeneratedLabels_BecomeAnnotationsAndLabels()
    {
        // Arrange
        var request = Request() with
        {
            GeneratedLabels = new Dictionary<string, string> { ["version"] = " 1.4.2 ", ["source"] = "https://example.com/hello", ["title"] = " " },
        };

        // Act
        var definition = Valid(request);

        // Assert: values trimmed, empty ones skipped.
        var expected = new[]
        {
            Pair(Created, "2023-11-14T22:13:20Z"),
            Pair("org.opencontainers.image.version", "1.4.2"),
            Pair("org.opencontainers.image.source", "https://example.com/hello"),
        };
        CollectionAssert.AreEquivalent(expected, definition.Annotations.ToArray());
        CollectionAssert.AreEquivalent(expected, definition.Config.Labels.ToArray());
    }

    [TestMethod]
    public void Validate_GenerateCreatedLabelOff_LeavesCreatedOut()
    {
        // Act
        var definition = Valid(Request() with { GenerateCreatedLabel = false });

        // Assert
        Assert.AreEqual(0, definition.Annotations.Count);
        Assert.AreEqual(0, definition.Config.Labels.Count);
    }

    [TestMethod]
    public void Validate_UserLabel_OverridesGeneratedLabelButNotAnnotation()
    {
        // Arrange
        var request = Request() with
        {
            GeneratedLabels = new Dictionary<string, string> { ["version"] = "1.4.2" },
            Labels = [Pair("org.opencontainers.image.version", "custom"), Pair("com.example.team", "shop")],
        };

        // Act
        var definition = Valid(request);

        // Assert
        Assert.AreEqual("custom", definition.Config.Labels["org.opencontainers.image.version"]);
        Assert.AreEqual("shop", definition.Config.Labels["com.example.team"]);
        Assert.AreEqual("1.4.2", definition.Annotations["org.opencontainers.image.version"]);
        Assert.IsFalse(definition.Annotations.ContainsKey("com.example.team"), "user labels are labels, not annotations");
    }

    [TestMethod]
    public void Validate_Ports_DefaultToTcpAndTakeTypeFromMetadataOrSuffix()
    {
        // Arrange
        var request = Request() with { Ports = [Pair("8080", ""), Pair("53", "UDP"), Pair("9090/udp", ""), Pair(" 443 ", "tcp"), Pair("5000/tcp", "TCP")] };

        // Act
        var definition = Valid(request);

        // Assert
        CollectionAssert.AreEqual(new[] { "8080/tcp", "53/udp", "9090/udp", "443/tcp", "5000/tcp" }, definition.Config.ExposedPorts.ToArray());
    }

    [TestMethod]
    public void Validate_EnvironmentVariables_LaterValueReplacesEarlierInPlace()
    {
        // Arrange
        var request = Request() with { EnvironmentVariables = [Pair("A", "1"), Pair("B", "x=y"), Pair("A", "2")] };

        // Act
        var definition = Valid(request);

        // Assert
        CollectionAssert.AreEqual(new[] { "A=2", "B=x=y" }, definition.Config.Environment.ToArray());
    }

    [TestMethod]
    public void Validate_AppCommandAndArgs_FormEntrypointAndCmd()
    {
        // Arrange
        var request = Request() with { AppCommand = ["/app/hello", "serve"], AppCommandArgs = ["--verbose"], DefaultArgs = ["--port", "8080"] };

        // Act
        var definition = Valid(request);

        // Assert
        CollectionAssert.AreEqual(new[] { "/app/hello", "serve", "--verbose" }, definition.Config.Entrypoint.ToArray());
        CollectionAssert.AreEqual(new[] { "--port", "8080" }, definition.Config.Cmd.ToArray());
    }

    [TestMethod]
    public void Validate_UserAndWorkingDirectory_AreKept()
    {
        // Act
        var definition = Valid(Request() with { User = " nonroot ", WorkingDirectory = "/app" });

        // Assert
        Assert.AreEqual("nonroot", definition.Config.User);
        Assert.AreEqual("/app", definition.Config.WorkingDirectory);
    }

    [TestMethod]
    public void Validate_HealthCheck_ReadsDurationsAndRetries()
    {
        // Arrange
        var request = Request() with
        {
            HealthCheckCommand = ["/app/hello", "health"],
            HealthCheckInterval = "30s",
            HealthCheckTimeout = "1m30s",
            HealthCheckRetries = "3",
        };

        // Act
        var check = Valid(request).Config.HealthCheck;

        // Assert
        Assert.IsNotNull(check);
        CollectionAssert.AreEqual(new[] { "/app/hello", "health" }, check.Command.ToArray());
        Assert.AreEqual(TimeSpan.FromSeconds(30), check.Interval);
        Assert.AreEqual(TimeSpan.FromSeconds(90), check.Timeout);
        Assert.AreEqual(TimeSpan.Zero, check.StartPeriod);
        Assert.AreEqual(3, check.Retries);
    }

    [TestMethod]
    public void Validate_SemVerTags_FollowTheListedTags()
    {
        // Arrange
        var request = Request() with { Tags = ["edge", " "], ImageVersion = "1.4.2", GenerateSemVerTags = true };

        // Act
        var definition = Valid(request);

        // Assert
        CollectionAssert.AreEqual(new[] { "edge", "1.4.2", "1.4", "1", "latest" }, definition.Tags.ToArray());
    }

    [TestMethod]
    public void Validate_SemVerTagsOff_IgnoresImageVersion()
    {
        // Act
        var definition = Valid(Request() with { Tag = "dev", ImageVersion = "1.4.2" });

        // Assert
        CollectionAssert.AreEqual(new[] { "dev" }, definition.Tags.ToArray());
    }

    [TestMethod]
    public void Validate_InvalidRepository_ReportsGoi2001()
    {
        AssertOnlyCode("GOI2001", Request() with { Repository = "Shop/API" });
    }

    [TestMethod]
    public void Validate_ProjectNameWithoutUsableCharacters_ReportsGoi2001()
    {
        AssertOnlyCode("GOI2001", Request() with { ProjectName = "!!!" });
    }

    [TestMethod]
    public void Validate_InvalidTag_ReportsGoi2002()
    {
        AssertOnlyCode("GOI2002", Request() with { Tag = "-bad" });
    }

    [TestMethod]
    public void Validate_InvalidTagInList_ReportsGoi2002NamingTheList()
    {
        // Act
        var diagnostics = Invalid(Request() with { Tags = ["ok", "bad tag"] });

        // Assert
        Assert.AreEqual("GOI2002", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, "'bad tag' in ContainerImageTags");
    }

    [TestMethod]
    public void Validate_BothTagProperties_ReportsGoi2003()
    {
        AssertOnlyCode("GOI2003", Request() with { Tag = "a", Tags = ["b"] });
    }

    [TestMethod]
    [DataRow("70000", "", DisplayName = "port too large")]
    [DataRow("0", "", DisplayName = "port zero")]
    [DataRow("abc/tcp", "", DisplayName = "not a number")]
    [DataRow("-1", "", DisplayName = "negative")]
    public void Validate_InvalidPort_ReportsGoi2004(string port, string type)
    {
        AssertOnlyCode("GOI2004", Request() with { Ports = [Pair(port, type)] });
    }

    [TestMethod]
    public void Validate_PortWithUnknownProtocol_ReportsGoi2060()
    {
        AssertOnlyCode("GOI2060", Request() with { Ports = [Pair("8080", "sctp")] });
    }

    [TestMethod]
    public void Validate_PortWhoseSuffixAndTypeDisagree_ReportsGoi2061()
    {
        AssertOnlyCode("GOI2061", Request() with { Ports = [Pair("8080/udp", "tcp")] });
    }

    [TestMethod]
    [DataRow("A=B", DisplayName = "equals sign")]
    [DataRow("", DisplayName = "empty")]
    [DataRow("MY VAR", DisplayName = "space")]
    public void Validate_InvalidEnvironmentVariableName_ReportsGoi2005(string name)
    {
        AssertOnlyCode("GOI2005", Request() with { EnvironmentVariables = [Pair(name, "v")] });
    }

    [TestMethod]
    public void Validate_LabelWithEmptyOrBlankKey_ReportsGoi2006ForEach()
    {
        // Act
        var diagnostics = Invalid(Request() with { Labels = [Pair("", "a"), Pair("  ", "b"), Pair("ok", "c")] });

        // Assert
        CollectionAssert.AreEqual(new[] { "GOI2006", "GOI2006" }, diagnostics.Select(d => d.Code).ToArray());
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("-1")]
    [DataRow("1.5")]
    public void Validate_MalformedSourceDateEpoch_ReportsGoi2009(string epoch)
    {
        AssertOnlyCode("GOI2009", Request() with { SourceDateEpoch = epoch });
    }

    [TestMethod]
    [DataRow("soon", "", DisplayName = "interval not a duration")]
    [DataRow("0s", "", DisplayName = "interval zero")]
    public void Validate_BadHealthCheckDuration_ReportsGoi2011(string interval, string retries)
    {
        AssertOnlyCode("GOI2011", Request() with { HealthCheckCommand = ["/app/hello", "health"], HealthCheckInterval = interval, HealthCheckRetries = retries });
    }

    [TestMethod]
    [DataRow("three", DisplayName = "retries not a number")]
    [DataRow("-1", DisplayName = "retries negative")]
    public void Validate_BadHealthCheckRetries_ReportsGoi2062(string retries)
    {
        AssertOnlyCode("GOI2062", Request() with { HealthCheckCommand = ["/app/hello", "health"], HealthCheckRetries = retries });
    }

    [TestMethod]
    [DataRow("app user", DisplayName = "space")]
    [DataRow("1:2:3", DisplayName = "three parts")]
    [DataRow(":1000", DisplayName = "empty user")]
    [DataRow("1000:", DisplayName = "empty group")]
    public void Validate_BadUser_ReportsGoi2012(string user)
    {
        AssertOnlyCode("GOI2012", Request() with { User = user });
    }

    [TestMethod]
    public void Validate_RelativeWorkingDirectory_ReportsGoi2013()
    {
        AssertOnlyCode("GOI2013", Request() with { WorkingDirectory = "app" });
    }

    [TestMethod]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        // Arrange
        var request = Request() with
        {
            Repository = "Bad Repo",
            Tag = "-x",
            SourceDateEpoch = "yesterday",
            User = "a:b:c",
            WorkingDirectory = "relative",
            Ports = [Pair("70000", "")],
            EnvironmentVariables = [Pair("A=B", "")],
            Labels = [Pair("", "x")],
            HealthCheckCommand = ["/app/hello"],
            HealthCheckTimeout = "forever",
        };

        // Act
        var diagnostics = Invalid(request);

        // Assert: one publish shows the user everything there is to fix.
        CollectionAssert.AreEquivalent(
            new[] { "GOI2001", "GOI2002", "GOI2004", "GOI2005", "GOI2006", "GOI2009", "GOI2011", "GOI2012", "GOI2013" },
            diagnostics.Select(d => d.Code).ToArray());
    }

    [TestMethod]
    public void Validate_ProblemsAreAddedToExistingDiagnostics()
    {
        // Arrange: an earlier stage's diagnostic is already in the list.
        var diagnostics = new List<Diagnostic> { Diagnostic.GoToolchainPreferred("go.mod", "go1.24.0", "go1.23.5") };

        // Act
        var definition = ImageRequestValidator.Validate(Request(), diagnostics);

        // Assert: the earlier warning does not count as a problem of this request.
        Assert.IsNotNull(definition);
        Assert.AreEqual(1, diagnostics.Count);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("static")]
    [DataRow(" Static ", DisplayName = "case and spaces")]
    public void BaseImage_EmptyOrStatic_IsTheEmbeddedBase(string baseImage)
    {
        // Arrange
        var diagnostics = new List<Diagnostic>();

        // Act
        var kind = ImageRequestValidator.BaseImage(baseImage, diagnostics);

        // Assert
        Assert.AreEqual(BaseImageKind.Static, kind);
        Assert.AreEqual(0, diagnostics.Count);
    }

    [TestMethod]
    public void BaseImage_Scratch_IsNoBase()
    {
        // Arrange
        var diagnostics = new List<Diagnostic>();

        // Act
        var kind = ImageRequestValidator.BaseImage("scratch", diagnostics);

        // Assert
        Assert.AreEqual(BaseImageKind.Scratch, kind);
        Assert.AreEqual(0, diagnostics.Count);
    }

    [TestMethod]
    [DataRow("docker.io/library/alpine")]
    [DataRow("gcr.io/distroless/static:nonroot")]
    [DataRow("127.0.0.1:5000/shop/base@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void BaseImage_RegistryImage_IsARegistryBase(string baseImage)
    {
        // Arrange
        var diagnostics = new List<Diagnostic>();

        // Act
        var kind = ImageRequestValidator.BaseImage(baseImage, diagnostics);

        // Assert
        Assert.AreEqual(BaseImageKind.Registry, kind);
        Assert.AreEqual(0, diagnostics.Count);
    }

    [TestMethod]
    [DataRow("docker.io/Library/Alpine")]
    [DataRow("gcr.io/distroless/static:no/tag")]
    [DataRow("host:5000/app@sha256:beef")]
    public void BaseImage_MalformedReference_ReportsGoi3001(string baseImage)
    {
        // Arrange
        var diagnostics = new List<Diagnostic>();

        // Act
        var kind = ImageRequestValidator.BaseImage(baseImage, diagnostics);

        // Assert
        Assert.IsNull(kind);
        Assert.AreEqual("GOI3001", diagnostics.Single().Code);
        StringAssert.Contains(diagnostics[0].Message, baseImage);
    }

    [TestMethod]
    [DataRow("", BaseImageKind.Static)]
    [DataRow("static", BaseImageKind.Static)]
    [DataRow("scratch", BaseImageKind.Scratch)]
    [DataRow("registry.example.com/base/debian:12", BaseImageKind.Registry)]
    public void Validate_CarriesTheBaseImageKind(string baseImage, BaseImageKind expected) =>
        Assert.AreEqual(expected, Valid(Request() with { BaseImage = baseImage }).BaseKind);

    [TestMethod]
    public void Validate_AnUnreadableBaseImage_IsReported()
    {
        var diagnostics = new List<Diagnostic>();

        Assert.IsNull(ImageRequestValidator.Validate(Request() with { BaseImage = "Not A Reference!" }, diagnostics));
        Assert.IsTrue(diagnostics.Any(d => d.Message.Contains("ContainerBaseImage", StringComparison.Ordinal)), string.Join("\n", diagnostics));
    }
}
