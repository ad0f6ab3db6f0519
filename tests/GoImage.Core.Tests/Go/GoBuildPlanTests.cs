using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class GoBuildPlanTests
{
    private static readonly GoPlatform LinuxArm64 = new("linux", "arm64", null);

    private static readonly CCompiler Arm64Gcc = new(LinuxArm64, ["/usr/bin/aarch64-linux-gnu-gcc"], ["/usr/bin/aarch64-linux-gnu-g++"], "test");

    // No file is read: ModMode is explicit, so EffectiveModMode never looks for vendor/modules.txt.
    private static GoBuildSettings Settings(GoModMode modMode = GoModMode.Vendor) => new()
    {
        ModuleDirectory = "/src/app",
        Package = "./cmd/api",
        BinaryName = "api",
        TrimPath = true,
        StripSymbols = true,
        Tags = ["a", "b"],
        LinkerVariables = [new("main.version", "1.2.3")],
        ModMode = modMode,
    };

    private static GoImageException ValidateFails(GoBuildSettings settings, string? inheritedGoFlags = null) =>
        Assert.ThrowsExactly<GoImageException>(() => GoBuildPlan.Validate(settings, inheritedGoFlags));

    [TestMethod]
    public void Create_BuildArgumentsMatchSnapshot()
    {
        // Act
        var plan = GoBuildPlan.Create(Settings(), LinuxArm64, "/out/linux_arm64/api");

        // Assert
        CollectionAssert.AreEqual(
            new[]
            {
                "build", "-o", "/out/linux_arm64/api",
                "-trimpath",
                "-buildvcs=false",
                "-mod=vendor",
                "-tags=a,b",
                "-ldflags=-s -w -X main.version=1.2.3",
                "./cmd/api",
            },
            plan.BuildArguments.ToArray(),
            string.Join(" ", plan.BuildArguments));
    }

    [TestMethod]
    public void Create_ListArgumentsShareTheBuildFlags()
    {
        // Act
        var plan = GoBuildPlan.Create(Settings(), LinuxArm64, "/out/api");

        // Assert
        CollectionAssert.AreEqual(
            new[]
            {
                "list", "-deps", "-e=false", "-json=Dir,Standard,GoFiles,CgoFiles,IgnoredGoFiles,EmbedFiles,CFiles,CXXFiles,HFiles,SFiles,MFiles,FFiles,SwigFiles,SwigCXXFiles,SysoFiles,Module",
                "-trimpath", "-buildvcs=false", "-mod=vendor", "-tags=a,b",
                "./cmd/api",
            },
            plan.ListArguments.ToArray(),
            string.Join(" ", plan.ListArguments));
    }

    [TestMethod]
    public void Create_OmitsOptionalFlagsWhenTurnedOff()
    {
        // Arrange
        var settings = Settings(GoModMode.Mod) with { TrimPath = false, StripSymbols = false, Tags = [], LinkerVariables = [] };

        // Act
        var plan = GoBuildPlan.Create(settings, LinuxArm64, "/out/api");

        // Assert
        CollectionAssert.AreEqual(
            new[] { "build", "-o", "/out/api", "-buildvcs=false", "-mod=mod", "./cmd/api" },
            plan.BuildArguments.ToArray(),
            string.Join(" ", plan.BuildArguments));
    }

    [TestMethod]
    public void Create_EnvironmentPinsToolchainAndPlatform()
    {
        // Act
        var env = GoBuildPlan.Create(Settings(), LinuxArm64, "/out/api").Environment;

        // Assert
        Assert.AreEqual("local", env["GOTOOLCHAIN"]);
        Assert.AreEqual("0", env["CGO_ENABLED"]);
        Assert.AreEqual("linux", env["GOOS"]);
        Assert.AreEqual("arm64", env["GOARCH"]);
    }

    [TestMethod]
    public void Create_EnvironmentRemovesInheritedGoroot()
    {
        // Act
        var env = GoBuildPlan.Create(Settings(), LinuxArm64, "/out/api").Environment;

        // Assert
        Assert.IsTrue(env.ContainsKey("GOROOT"), "GOROOT must be listed so that it is removed");
        Assert.IsNull(env["GOROOT"]);
    }

    [TestMethod]
    public void Create_EnvironmentSetsVariantVariable()
    {
        // Act
        var env = GoBuildPlan.Create(Settings(), new GoPlatform("linux", "arm", "v7"), "/out/api").Environment;

        // Assert
        Assert.AreEqual("7", env["GOARM"]);
        Assert.IsNull(env["GOAMD64"], "a variant variable of another architecture must not leak in");
    }

    [TestMethod]
    public void Create_EnvironmentEnablesCgoWhenAsked()
    {
        // Act
        var env = GoBuildPlan.Create(Settings() with { CgoEnabled = true }, LinuxArm64, "/out/api", Arm64Gcc).Environment;

        // Assert
        Assert.AreEqual("1", env["CGO_ENABLED"]);
    }

    [TestMethod]
    public void Create_CgoLinksStaticallyByDefault_WithTheExternalLinkerAndPureGoResolvers()
    {
        // Act
        var plan = GoBuildPlan.Create(Settings() with { CgoEnabled = true, ExtLdFlags = "-lm" }, LinuxArm64, "/out/api", Arm64Gcc);

        // Assert
        var args = plan.BuildArguments.ToArray();
        CollectionAssert.Contains(args, "-tags=a,b,netgo,osusergo", string.Join(" ", args));
        CollectionAssert.Contains(args, "-ldflags=-s -w -X main.version=1.2.3 -linkmode external -extldflags '-static -lm'", string.Join(" ", args));
        Assert.AreEqual("/usr/bin/aarch64-linux-gnu-gcc", plan.Environment["CC"]);
        Assert.AreEqual("/usr/bin/aarch64-linux-gnu-g++", plan.Environment["CXX"]);
    }

    [TestMethod]
    public void Create_DynamicCgo_AddsNoStaticFlagsOrTags()
    {
        // Act
        var plan = GoBuildPlan.Create(Settings() with { CgoEnabled = true, CgoLinkMode = GoCgoLinkMode.Dynamic }, LinuxArm64, "/out/api", Arm64Gcc);

        // Assert
        var args = plan.BuildArguments.ToArray();
        CollectionAssert.Contains(args, "-tags=a,b", string.Join(" ", args));
        CollectionAssert.Contains(args, "-ldflags=-s -w -X main.version=1.2.3 -linkmode external", string.Join(" ", args));
    }

    [TestMethod]
    public void Create_PieWithoutCgo_IsStaticPieThroughTheExternalLinker()
    {
        // Act
        var plan = GoBuildPlan.Create(Settings() with { BuildMode = GoBuildMode.Pie, LinkerVariables = [] }, LinuxArm64, "/out/api", Arm64Gcc);

        // Assert
        var args = plan.BuildArguments.ToArray();
        CollectionAssert.Contains(args, "-buildmode=pie", string.Join(" ", args));
        CollectionAssert.Contains(args, "-ldflags=-s -w -linkmode external -extldflags -static-pie", string.Join(" ", args));
        Assert.AreEqual("1", plan.Environment["CGO_ENABLED"], "Go's external linker needs runtime/cgo");
    }

    [TestMethod]
    public void Create_ExternalLinkerWithoutCompiler_IsAProgrammingError()
    {
        // Act + Assert
        Assert.ThrowsExactly<ArgumentException>(() => GoBuildPlan.Create(Settings() with { BuildMode = GoBuildMode.Pie }, LinuxArm64, "/out/api"));
    }

    [TestMethod]
    public void Validate_RefusesCCAsEnvironmentItem()
    {
        // Act
        var e = ValidateFails(Settings() with { Environment = [new("CC", "gcc")] });

        // Assert
        Assert.AreEqual("GOI1014", e.Diagnostic.Code);
        StringAssert.Contains(e.Diagnostic.Message, "GoCCompiler");
    }

    [TestMethod]
    public void Create_QuotesLinkerValueWithSpace()
    {
        // Arrange
        var settings = Settings() with { StripSymbols = false, LinkerVariables = [new("main.name", "my app")] };

        // Act
        var plan = GoBuildPlan.Create(settings, LinuxArm64, "/out/api");

        // Assert
        CollectionAssert.Contains(plan.BuildArguments.ToArray(), "-ldflags=-X 'main.name=my app'", string.Join(" ", plan.BuildArguments));
    }

    [TestMethod]
    public void Create_QuotedLinkerValueSplitsBackAsGoWould()
    {
        // Arrange
        var settings = Settings() with { StripSymbols = false, LinkerVariables = [new("main.name", "my app")] };

        // Act
        var ldflags = GoBuildPlan.Create(settings, LinuxArm64, "/out/api").BuildArguments
            .Single(a => a.StartsWith("-ldflags=", StringComparison.Ordinal))["-ldflags=".Length..];

        // Assert
        CollectionAssert.AreEqual(new[] { "-X", "main.name=my app" }, GoCommandLine.Split(ldflags));
    }

    [TestMethod]
    public void Validate_AcceptsOrdinarySettings()
    {
        // Act and Assert: no exception.
        GoBuildPlan.Validate(Settings() with { ExtraFlags = ["-v"], Environment = [new("GOFLAGS", "-mod=mod")] }, "-count=1");
    }

    [TestMethod]
    public void Validate_RefusesToolexecInInheritedGoflags()
    {
        // Act
        var error = ValidateFails(Settings(), "-toolexec=/bin/true");

        // Assert
        Assert.AreEqual("GOI1005", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "GOFLAGS environment variable");
    }

    [TestMethod]
    public void Validate_RefusesDoubleDashToolexecInExtraFlags()
    {
        // Act
        var error = ValidateFails(Settings() with { ExtraFlags = ["--toolexec", "x"] });

        // Assert
        Assert.AreEqual("GOI1005", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "GoBuildFlags");
    }

    [TestMethod]
    public void Validate_RefusesToolexecInGoEnvironmentVariableGoflags()
    {
        // Act
        var error = ValidateFails(Settings() with { Environment = [new("GOFLAGS", "-mod=mod -toolexec=/bin/true")] });

        // Assert
        Assert.AreEqual("GOI1005", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "GoEnvironmentVariable GOFLAGS");
    }

    [TestMethod]
    public void Validate_RefusesReservedGoEnvironmentVariable()
    {
        // Act
        var error = ValidateFails(Settings() with { Environment = [new("GOOS", "windows")] });

        // Assert
        Assert.AreEqual("GOI1014", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "'GOOS'");
    }

    [TestMethod]
    public void Validate_RefusesLinkerVariableWithoutPackage()
    {
        // Act
        var error = ValidateFails(Settings() with { LinkerVariables = [new("version", "1.0.0")] });

        // Assert
        Assert.AreEqual("GOI1012", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, "'version'");
    }

    [TestMethod]
    public void Validate_ExceptionMessageCarriesTheCode()
    {
        // Act
        var error = ValidateFails(Settings(), "-toolexec=/bin/true");

        // Assert
        StringAssert.StartsWith(error.Message, "error GOI1005: ");
    }
}
