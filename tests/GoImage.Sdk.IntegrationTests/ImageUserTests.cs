namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// Images that run as their Dockerfiles did (issue 11, case 5): a data folder declared as a volume
/// that the default non-root user (65532) can write, with or without a mounted volume; an account
/// added through the project that the image runs as, by name; an unknown name refused with its code.
/// Judged by podman (runc) running the images and by the layout's config.
/// </summary>
[TestClass]
public sealed class ImageUserTests
{
    // Prints who it runs as (os/user reads /etc/passwd: no cgo in a static binary), then writes or reads a file.
    private const string Program = """
        package main

        import (
        	"fmt"
        	"os"
        	"os/user"
        	"strconv"
        )

        func main() {
        	name := "?"
        	if u, err := user.LookupId(strconv.Itoa(os.Getuid())); err == nil {
        		name = u.Username
        	}
        	fmt.Printf("uid=%d gid=%d user=%s\n", os.Getuid(), os.Getgid(), name)
        	for i := 1; i+1 < len(os.Args); i += 2 {
        		switch os.Args[i] {
        		case "write":
        			if err := os.WriteFile(os.Args[i+1], []byte("written as "+name+"\n"), 0o644); err != nil {
        				fmt.Println("write failed:", err)
        				os.Exit(1)
        			}
        			fmt.Println("wrote", os.Args[i+1])
        		case "read":
        			content, err := os.ReadFile(os.Args[i+1])
        			if err != nil {
        				fmt.Println("read failed:", err)
        				os.Exit(1)
        			}
        			fmt.Print("read ", string(content))
        		}
        	}
        }
        """;

    private const string Project = """
        <Project Sdk="GoImage.Sdk">
          <PropertyGroup>
            <GoTargetPlatforms>linux/amd64</GoTargetPlatforms>
            <ContainerRepository>goimage/datadir</ContainerRepository>
            <ContainerImageTag>1.0.0</ContainerImageTag>
          </PropertyGroup>
          <ItemGroup>
            <ContainerVolume Include="/var/lib/app" />
            <ContainerDirectory Include="/var/cache/app" Mode="0750" />
            <ContainerUserAccount Include="appuser" Uid="10001" />
          </ItemGroup>
        </Project>
        """;

    private static GoProject _project = null!;
    private static Podman _podman = null!;

    [ClassInitialize]
    public static void Create(TestContext context)
    {
        _project = GoProject.FromFiles(new Dictionary<string, string>
        {
            ["go.mod"] = "module example.com/datadir\n\ngo 1.22\n",
            ["main.go"] = Program,
            ["app.goproj"] = Project,
        });
        _podman = new Podman(_project.Root);
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        _podman.Dispose();
        _project.Dispose();
    }

    [TestMethod]
    public void DefaultUser_WritesIntoTheVolumeFolder_WithoutAndWithANamedVolume()
    {
        var image = PublishAndLoad("default", "1.0.0");
        Assert.AreEqual("65532:65532", Config("default").GetProperty("User").GetString());
        CollectionAssert.AreEqual(new[] { "/var/lib/app" }, Config("default").GetProperty("Volumes").EnumerateObject().Select(v => v.Name).ToArray());

        // No -v: the runtime gives the declared volume an anonymous volume, copied from the image's folder.
        var plain = _podman.RunContainer(image, "write", "/var/lib/app/data.txt", "write", "/var/cache/app/cache.txt");
        Assert.IsTrue(plain.Succeeded, plain.ToString());
        StringAssert.Contains(plain.Output, "uid=65532 gid=65532 user=nonroot");
        StringAssert.Contains(plain.Output, "wrote /var/lib/app/data.txt");
        StringAssert.Contains(plain.Output, "wrote /var/cache/app/cache.txt");

        // A named volume: created from the image's folder (owner included) on first use, and kept for the next container.
        var volume = "appdata-" + Guid.NewGuid().ToString("N")[..8];
        var first = _podman.RunContainerWith(["-v", $"{volume}:/var/lib/app"], image, "write", "/var/lib/app/data.txt");
        Assert.IsTrue(first.Succeeded, first.ToString());
        var second = _podman.RunContainerWith(["-v", $"{volume}:/var/lib/app"], image, "read", "/var/lib/app/data.txt");
        Assert.IsTrue(second.Succeeded, second.ToString());
        StringAssert.Contains(second.Output, "read written as nonroot");

        // A folder that is not a volume nor a ContainerDirectory stays root's: the owner is what made the others writable.
        var elsewhere = _podman.RunContainer(image, "write", "/var/lib/other.txt");
        Assert.IsFalse(elsewhere.Succeeded, elsewhere.ToString());
        StringAssert.Contains(elsewhere.Output, "permission denied");
    }

    [TestMethod]
    public void AnAddedAccount_RunsByName_AsNumericIdsInTheConfig_AndOwnsTheFolders()
    {
        var image = PublishAndLoad("appuser", "2.0.0", "-p:ContainerUser=appuser");
        Assert.AreEqual("10001:10001", Config("appuser").GetProperty("User").GetString(), "numeric, so Kubernetes' runAsNonRoot can check it");

        var run = _podman.RunContainer(image, "write", "/var/lib/app/data.txt", "read", "/var/lib/app/data.txt", "read", "/etc/passwd");

        Assert.IsTrue(run.Succeeded, run.ToString());
        StringAssert.Contains(run.Output, "uid=10001 gid=10001 user=appuser");
        StringAssert.Contains(run.Output, "read written as appuser");
        StringAssert.Contains(run.Output, "appuser:x:10001:10001:appuser:/home/appuser:/sbin/nologin");
        StringAssert.Contains(run.Output, "nonroot:x:65532:65532:", "the base's accounts stay");
    }

    [TestMethod]
    public void AnUnknownUser_IsGOI2022_AndWritesNoLayout()
    {
        var layout = Path.Combine(_project.Root, "layouts", "unknown", "image");

        var publish = _project.Publish("-p:ContainerUser=skopeo", $"-p:ContainerImageLayoutPath={layout}/");

        Assert.IsFalse(publish.Succeeded, publish.ToString());
        StringAssert.Contains(publish.Output, "error GOI2022: ContainerUser names the user 'skopeo'");
        StringAssert.Contains(publish.Output, "users: root, nobody, nonroot, appuser");
        Assert.IsFalse(Directory.Exists(layout), "no layout");
    }

    private static string PublishAndLoad(string name, string tag, params string[] extra)
    {
        var archive = Path.Combine(_project.Root, "out", name + ".tar");
        var publish = _project.Publish(
            [$"-p:ContainerImageLayoutPath={LayoutPath(name)}/", $"-p:ContainerArchiveOutputPath={archive}", $"-p:ContainerImageTag={tag}", .. extra]);
        Assert.IsTrue(publish.Succeeded, publish.ToString());
        var load = _podman.Run("load", "-i", archive);
        Assert.IsTrue(load.Succeeded, load.ToString());
        return $"localhost/goimage/datadir:{tag}";
    }

    private static string LayoutPath(string name) => Path.Combine(_project.Root, "layouts", name, "image");

    private static System.Text.Json.JsonElement Config(string name) => new OciLayout(LayoutPath(name)).Config("amd64").GetProperty("config");
}
