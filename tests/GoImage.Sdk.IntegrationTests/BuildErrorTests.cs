namespace GoImage.Sdk.IntegrationTests;

/// <summary>Bad input fails with a coded, located error and leaves no binary behind.</summary>
[TestClass]
public sealed class BuildErrorTests
{
    [TestMethod]
    public void GoSyntaxError_IsReportedAtFileLineColumn_AndRemovesThePreviousBinary()
    {
        using var project = GoProject.FromSample("hello");
        Assert.IsTrue(project.Build("-p:GoTargetPlatforms=linux/amd64").Succeeded);
        var greeting = project.PathOf("internal/greeting/greeting.go");
        File.WriteAllText(greeting, File.ReadAllText(greeting).Replace("return \"Hello, \" + name + \"!\"", "return \"Hello, \" + name +", StringComparison.Ordinal));

        var build = project.Build("-p:GoTargetPlatforms=linux/amd64");

        Assert.IsFalse(build.Succeeded);
        StringAssert.Matches(build.Output, new System.Text.RegularExpressions.Regex(
            System.Text.RegularExpressions.Regex.Escape(greeting) + @"\(\d+,\d+\): error GOI1010: syntax error"), build.ToString());
        AssertNoBinary(project);
    }

    [TestMethod]
    public void InvalidPlatform_IsACodedError()
    {
        using var project = GoProject.FromSample("hello");

        var build = project.Build("-p:GoTargetPlatforms=linux/amd64%3Blinux/sparc");

        AssertFailsWith(build, "GOI1004", "'linux/sparc'");
        AssertNoBinary(project);
    }

    [TestMethod]
    public void PackageExcludedByBuildConstraints_IsOneErrorAtTheProject_WithAHint()
    {
        using var project = GoProject.FromFiles(new Dictionary<string, string>
        {
            ["app.goproj"] = "<Project Sdk=\"GoImage.Sdk\" />",
            ["go.mod"] = "module example.com/app\n\ngo 1.21\n",
            ["main.go"] = "package main\n\nimport \"example.com/app/special\"\n\nfunc main() { special.Run() }\n",
            ["special/special.go"] = "//go:build special\n\npackage special\n\nfunc Run() {}\n",
        });

        var build = project.Build("-p:GoTargetPlatforms=linux/amd64");

        AssertFailsWith(build, "GOI1021", "build constraints exclude all Go files in " + project.PathOf("special"));
        // MSBuild prints each error twice (as it happens and in the summary), with different prefixes.
        var errors = build.Output.Split('\n').Where(l => l.Contains("error GOI", StringComparison.Ordinal))
            .Select(l => l.Contains(project.ProjectFile, StringComparison.Ordinal) ? l[l.IndexOf(project.ProjectFile, StringComparison.Ordinal)..].Trim() : l.Trim())
            .Distinct().ToList();
        Assert.AreEqual(1, errors.Count, build.ToString());
        StringAssert.StartsWith(errors[0], project.ProjectFile, "at the project, not the SDK's targets file");
        StringAssert.Contains(errors[0], "error GOI1021: package example.com/app imports example.com/app/special: build constraints");
        StringAssert.Contains(errors[0], "GoBuildTags");
        Assert.IsTrue(project.Build("-p:GoTargetPlatforms=linux/amd64", "-p:GoBuildTags=special").Succeeded, "the hint's fix works");
    }

    [TestMethod]
    public void MissingGo_IsACodedError()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["PATH"] = Path.GetDirectoryName(Environment.ProcessPath!)!;

        var build = project.Build();

        AssertFailsWith(build, "GOI1001", "No Go toolchain was found");
        AssertNoBinary(project);
    }

    [TestMethod]
    public void GoModNeedingANewerGo_IsACodedErrorAtTheGoLine()
    {
        using var project = GoProject.FromSample("hello");
        File.WriteAllText(project.PathOf("go.mod"), "module example.com/hello\n\ngo 1.99\n");

        var build = project.Build();

        AssertFailsWith(build, "GOI1003", "go 1.99");
        StringAssert.Contains(build.Output, project.PathOf("go.mod") + "(3,1)");
        AssertNoBinary(project);
    }

    [TestMethod]
    public void VendorMissingARequiredModule_FailsBeforeCompiling()
    {
        using var project = GoProject.FromSample("vendored");
        File.WriteAllText(project.PathOf("vendor/modules.txt"), "");

        var build = project.Build();

        AssertFailsWith(build, "GOI1102", "example.com/quote@v1.2.0");
        StringAssert.Contains(build.Output, "go mod vendor");
        Assert.IsFalse(build.Output.Contains("GoBuild: building", StringComparison.Ordinal), "no compile starts");
        AssertNoBinary(project);
    }

    [TestMethod]
    public void VendoredModuleAtTheWrongVersion_FailsBeforeCompiling()
    {
        using var project = GoProject.FromSample("vendored");
        File.WriteAllText(project.PathOf("vendor/modules.txt"), "# example.com/quote v1.1.0\n## explicit; go 1.21\nexample.com/quote\n");

        var build = project.Build();

        AssertFailsWith(build, "GOI1103", "example.com/quote is required at v1.2.0 in go.mod, but vendor/modules.txt has v1.1.0");
        AssertNoBinary(project);
    }

    [TestMethod]
    public void ToolexecInGoFlags_IsRefused()
    {
        using var project = GoProject.FromSample("hello");
        project.Environment["GOFLAGS"] = "-toolexec=/bin/true";

        var build = project.Build();

        AssertFailsWith(build, "GOI1005", "-toolexec");
        AssertNoBinary(project);
    }

    [TestMethod]
    public void MissingGoPackageFolder_IsACodedError()
    {
        using var project = GoProject.FromSample("hello");

        var build = project.Build("-p:GoPackage=cmd/missing");

        AssertFailsWith(build, "GOI1009", "cmd/missing");
    }

    private static void AssertFailsWith(CommandResult build, string code, string text)
    {
        Assert.IsFalse(build.Succeeded, build.ToString());
        StringAssert.Contains(build.Output, $"error {code}:", build.ToString());
        StringAssert.Contains(build.Output, text, build.ToString());
    }

    private static void AssertNoBinary(GoProject project)
    {
        var bin = project.PathOf("bin");
        var files = Directory.Exists(bin) ? Directory.GetFiles(bin, "*", SearchOption.AllDirectories) : [];
        Assert.AreEqual(0, files.Length, "no binary left behind: " + string.Join(", ", files));
    }
}
