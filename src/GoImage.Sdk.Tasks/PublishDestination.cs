using GoImage.Diagnostics;

namespace GoImage.Sdk.Tasks;

/// <summary>
/// Where one publish sends its image, decided once, in the .NET SDK's order: ContainerArchiveOutputPath (a tarball), else
/// ContainerRegistry (a push), else LocalRegistry (a load into podman or docker, through a tarball under obj/). The others
/// set are ignored, each with GOI3025. ImageLayout decides it and writes the tarball; the targets push or load only when
/// its outputs say so. In the tasks, not the core: it is about MSBuild properties by name, and the tool reaches it
/// through MSBuild like any build.
/// </summary>
/// <param name="Archive">The tarball asked for (a file, or a folder for &lt;repository&gt;.tar), or the load's; null: none.</param>
/// <param name="Registry">ContainerRegistry as set, when the image is pushed; null otherwise.</param>
/// <param name="Engine">LocalRegistry as set, when the image is loaded; null otherwise.</param>
internal sealed record PublishDestination(string? Archive, string? Registry, string? Engine)
{
    /// <summary>Decides from the properties as set (a value of only spaces counts as unset); GOI3025 for each one set but not taken.</summary>
    /// <param name="loadArchivePath">The tarball a load writes and reads when no archive was asked for.</param>
    public static PublishDestination Decide(string archiveOutputPath, string containerRegistry, string localRegistry, string loadArchivePath, List<Diagnostic> diagnostics)
    {
        var set = new[] { ("ContainerArchiveOutputPath", archiveOutputPath), ("ContainerRegistry", containerRegistry), ("LocalRegistry", localRegistry) }
            .Where(d => d.Item2.Trim().Length > 0)
            .ToList();
        diagnostics.AddRange(set.Skip(1).Select(d => Diagnostic.DestinationIgnored(set[0].Item1, d.Item1)));
        return set.FirstOrDefault().Item1 switch
        {
            "ContainerArchiveOutputPath" => new PublishDestination(archiveOutputPath.Trim(), null, null),
            "ContainerRegistry" => new PublishDestination(null, containerRegistry, null),
            "LocalRegistry" => new PublishDestination(loadArchivePath, null, localRegistry),
            _ => new PublishDestination(null, null, null),
        };
    }

    /// <summary>The tarball's full path: a path ending in a separator, or an existing folder, gets &lt;last repository component&gt;.tar inside it.</summary>
    public string? ArchiveFile(string repository)
    {
        if (Archive is null)
        {
            return null;
        }

        var path = Path.GetFullPath(Archive);
        return Archive.EndsWith('/') || Archive.EndsWith('\\') || Directory.Exists(path)
            ? Path.Combine(path, repository.Split('/')[^1] + ".tar")
            : path;
    }
}
