namespace GoImage.Sdk.IntegrationTests;

/// <summary>Where the checkout, the Go toolchain and the SDK version are.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SamplesDirectory => Path.Combine(Root, "samples");

    /// <summary>GOIMAGE_TEST_GOROOT, else the Debian golang-1.23-go location that eng/install-prerequisites.sh installs.</summary>
    public static string GoRoot { get; } =
        Environment.GetEnvironmentVariable("GOIMAGE_TEST_GOROOT") is { Length: > 0 } root ? root : "/usr/lib/go-1.23";

    /// <summary>The one version, from Directory.Build.props.</summary>
    public static string SdkVersion { get; } = ReadVersion();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GoImage.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GoImage.Sdk.sln not found above " + AppContext.BaseDirectory);
    }

    private static string ReadVersion()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Build.props"));
        return props.Descendants("GoImageVersion").Single().Value.Trim();
    }
}
