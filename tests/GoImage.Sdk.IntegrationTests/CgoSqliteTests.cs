namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// The seeds' SQLite case: mattn/go-sqlite3 from Debian's golang-github-mattn-go-sqlite3-dev, vendored at
/// test time (never committed), against the system libsqlite3 (tag libsqlite3), static for amd64 and arm64.
/// Both binaries open an in-memory database and answer a query; the same module in two folders gives
/// the same image digest.
/// </summary>
[TestClass]
public sealed class CgoSqliteTests
{
    private const string DebianSource = "/usr/share/gocode/src/github.com/mattn/go-sqlite3";

    private static GoProject _first = null!;
    private static GoProject _second = null!;
    private static CommandResult _firstPublish = null!;
    private static CommandResult _secondPublish = null!;

    [ClassInitialize]
    public static void PublishTwice(TestContext context)
    {
        Assert.IsTrue(Directory.Exists(DebianSource), "golang-github-mattn-go-sqlite3-dev is not installed; run eng/install-prerequisites.sh");
        _first = NewModule();
        _second = NewModule();
        _firstPublish = _first.Publish("-getProperty:GeneratedContainerDigest");
        _secondPublish = _second.Publish("-getProperty:GeneratedContainerDigest");
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _first.Dispose();
        _second.Dispose();
    }

    [TestMethod]
    public void Amd64Binary_IsStatic_AndAnswersAQuery()
    {
        Assert.IsTrue(_firstPublish.Succeeded, _firstPublish.ToString());
        var binary = _first.ReleaseBinary("linux_amd64");
        Assert.IsFalse(ElfFile.Read(binary).HasInterpreter, "static: no PT_INTERP");

        var run = Command.Run(binary, [], Path.GetTempPath());

        StringAssert.StartsWith(run.Output.Trim(), "answer 42 from sqlite 3.", run.ToString());
    }

    [TestMethod]
    public void Arm64Binary_IsStatic_AndAnswersAQueryUnderQemu()
    {
        Assert.IsTrue(_firstPublish.Succeeded, _firstPublish.ToString());
        var binary = _first.ReleaseBinary("linux_arm64");
        Assert.AreEqual(ElfFile.AArch64, ElfFile.Read(binary).Machine);
        Assert.IsFalse(ElfFile.Read(binary).HasInterpreter, "static: no PT_INTERP");

        var run = Command.Run("qemu-aarch64-static", [binary], Path.GetTempPath());

        StringAssert.StartsWith(run.Output.Trim(), "answer 42 from sqlite 3.", run.ToString());
    }

    [TestMethod]
    public void TwoFolders_GiveTheSameImageDigest()
    {
        Assert.IsTrue(_secondPublish.Succeeded, _secondPublish.ToString());
        var first = _firstPublish.Output.Trim().Split('\n')[^1].Trim();
        var second = _secondPublish.Output.Trim().Split('\n')[^1].Trim();

        StringAssert.StartsWith(first, "sha256:", _firstPublish.ToString());
        Assert.AreEqual(first, second, "the module's folder must not reach the binaries (C paths included)");
    }

    private static GoProject NewModule()
    {
        var project = GoProject.FromFiles(new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/sqlitedemo\n\ngo 1.23\n\nrequire github.com/mattn/go-sqlite3 v1.14.16\n",
            ["vendor/modules.txt"] = "# github.com/mattn/go-sqlite3 v1.14.16\n## explicit; go 1.16\ngithub.com/mattn/go-sqlite3\n",
            ["main.go"] = """
                package main

                import (
                	"database/sql"
                	"fmt"
                	"os"

                	_ "github.com/mattn/go-sqlite3"
                )

                func main() {
                	db, err := sql.Open("sqlite3", ":memory:")
                	if err != nil {
                		fmt.Println(err)
                		os.Exit(1)
                	}
                	var answer int
                	var version string
                	if err := db.QueryRow("select 6 * 7, sqlite_version()").Scan(&answer, &version); err != nil {
                		fmt.Println(err)
                		os.Exit(1)
                	}
                	fmt.Printf("answer %d from sqlite %s\n", answer, version)
                }
                """,
            ["app.goproj"] = """
                <Project Sdk="GoImage.Sdk">
                  <PropertyGroup>
                    <GoTargetPlatforms>linux/amd64;linux/arm64</GoTargetPlatforms>
                    <GoCgoEnabled>true</GoCgoEnabled>
                    <GoBuildTags>libsqlite3</GoBuildTags>
                    <GoExtLdFlags>-lm</GoExtLdFlags>
                    <ContainerRepository>goimage/sqlite</ContainerRepository>
                  </PropertyGroup>
                </Project>
                """,
        });

        // The package's source as Debian ships it, without tests and examples, as go mod vendor would copy it.
        var vendored = project.PathOf("vendor/github.com/mattn/go-sqlite3");
        Directory.CreateDirectory(vendored);
        foreach (var file in Directory.EnumerateFiles(DebianSource))
        {
            var name = Path.GetFileName(file);
            if (!name.EndsWith("_test.go", StringComparison.Ordinal) && (name is "LICENSE" || Path.GetExtension(name) is ".go" or ".c" or ".h"))
            {
                File.Copy(file, Path.Combine(vendored, name));
            }
        }

        return project;
    }
}
