namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// podman with a private store under a temp folder, runc as runtime (crun fails here), no network,
/// and rlimits this sandbox allows (podman's default 1048576 open files is refused without CAP_SYS_RESOURCE).
/// </summary>
internal sealed class Podman : IDisposable
{
    private readonly string _root;

    public Podman(string workDirectory)
    {
        _root = Path.Combine(workDirectory, "podman-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(_root);
    }

    /// <summary>The global options, also what LocalRegistryArguments passes to the SDK's ImageLoad.</summary>
    public IReadOnlyList<string> GlobalOptions =>
    [
        "--root", Path.Combine(_root, "storage"), "--runroot", Path.Combine(_root, "run"),
        "--tmpdir", Path.Combine(_root, "tmp"), "--storage-driver", "vfs",
        "--runtime", "runc", "--runtime-flag", "root=" + Path.Combine(_root, "runc"),
        "--cgroup-manager", "cgroupfs", "--events-backend", "file",
    ];

    public CommandResult Run(params string[] arguments) => Peers.Run("podman", [.. GlobalOptions, .. arguments]);

    public CommandResult RunContainer(string image, params string[] arguments) => RunContainerWith([], image, arguments);

    /// <summary>Runs the image with extra <c>podman run</c> options before it, such as <c>-v name:/path</c>.</summary>
    public CommandResult RunContainerWith(IReadOnlyList<string> options, string image, params string[] arguments) => Run(
        ["run", "--rm", "--network", "none", "--pull", "never", "--ulimit", "nofile=1024:1024", "--ulimit", "nproc=1024:1024", .. options, image, .. arguments]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
