using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Core.Tests.Go;

/// <summary>
/// A module with a vendor folder in a temp directory. The starting point is consistent: GoMod and
/// ModulesTxt are what Go 1.23's 'go mod vendor' wrote for this module (a versioned and a wildcard
/// directory replacement); each test breaks one thing before calling <see cref="Check"/>.
/// </summary>
internal sealed class VendorFixture : IDisposable
{
    public const string ConsistentGoMod = """
        module example.com/app

        go 1.22

        toolchain go1.23.5

        require (
        	example.com/a v1.0.0
        	example.com/b v1.1.0 // indirect
        )

        replace example.com/a v1.0.0 => ../a

        replace example.com/b => ../b

        """;

    public const string ConsistentModulesTxt = """
        # example.com/a v1.0.0 => ../a
        ## explicit; go 1.21
        example.com/a
        example.com/a/sub
        # example.com/b v1.1.0 => ../b
        ## explicit; go 1.22
        example.com/b
        # example.com/b => ../b

        """;

    private readonly TempDirectory _root = new();

    public VendorFixture(string goMod = ConsistentGoMod, string modulesTxt = ConsistentModulesTxt)
    {
        ModuleDirectory = _root.CreateDirectory("app");
        GoModPath = _root.Write("app/go.mod", goMod);
        ModulesTxtPath = _root.Write("app/vendor/modules.txt", modulesTxt);
        foreach (var package in new[] { "example.com/a", "example.com/a/sub", "example.com/b" })
        {
            _root.CreateDirectory("app/vendor/" + package);
        }
    }

    public string ModuleDirectory { get; }

    public string VendorDirectory => Path.Combine(ModuleDirectory, "vendor");

    public string GoModPath { get; }

    public string ModulesTxtPath { get; }

    public IReadOnlyList<Diagnostic> Check(string? toolchain = "go1.23.5") =>
        VendorConsistency.Check(GoModFile.Read(GoModPath), VendorDirectory, toolchain is null ? null : GoVersion.Parse(toolchain));

    public void Dispose() => _root.Dispose();
}
