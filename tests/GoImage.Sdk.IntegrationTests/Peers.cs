namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// The independent tools that judge the SDK's images: skopeo, umoci, podman (with runc) and qemu.
/// eng/install-prerequisites.sh installs them; a test that needs a missing one fails, it never skips.
/// </summary>
internal static class Peers
{
    public static CommandResult Skopeo(params string[] arguments) => Run("skopeo", arguments);

    public static CommandResult Umoci(params string[] arguments) => Run("umoci", arguments);

    /// <summary>
    /// Copies one platform of a layout's tag into a single-image layout, then unpacks it with umoci
    /// (umoci unpacks manifests, not indexes) and returns the rootfs folder.
    /// </summary>
    public static string UnpackPlatform(string layout, string tag, string architecture, string workDirectory)
    {
        var single = Path.Combine(workDirectory, $"single-{architecture}");
        var bundle = Path.Combine(workDirectory, $"bundle-{architecture}");
        Directory.CreateDirectory(workDirectory);
        Expect(Skopeo("copy", "-q", "--override-arch", architecture, $"oci:{layout}:{tag}", $"oci:{single}:{tag}"));
        Expect(Umoci("unpack", "--image", $"{single}:{tag}", bundle));
        return Path.Combine(bundle, "rootfs");
    }

    public static void Expect(CommandResult result) => Assert.IsTrue(result.Succeeded, result.ToString());

    public static CommandResult Run(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        Command.Run(program, arguments, Path.GetTempPath(), environment);
}
