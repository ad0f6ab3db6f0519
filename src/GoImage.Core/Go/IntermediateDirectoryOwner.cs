using GoImage.Diagnostics;

namespace GoImage.Go;

/// <summary>
/// Marks a project's intermediate folder with the project it belongs to (<c>owner.txt</c>), so two projects
/// that would share one — two .goproj in a folder with the same explicit GoIntermediateOutputPath — are
/// told so, instead of silently undoing each other's up-to-date state.
/// </summary>
public static class IntermediateDirectoryOwner
{
    public const string MarkerFileName = "owner.txt";

    /// <summary>Claims <paramref name="directory"/> for <paramref name="projectFile"/>; throws GOI1022 when another existing project owns it.</summary>
    public static void Claim(string directory, string projectFile)
    {
        directory = Path.GetFullPath(directory);
        projectFile = Path.GetFullPath(projectFile);
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, MarkerFileName);
        // Relative to the folder, so a copied or moved checkout (obj/ included) still matches itself.
        var ours = Path.GetRelativePath(directory, projectFile).Replace('\\', '/');
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                // CreateNew: of two projects claiming at once (dotnet build -m), exactly one wins.
                using var stream = new FileStream(marker, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
                using var writer = new StreamWriter(stream);
                writer.Write(ours + "\n");
                return;
            }
            catch (IOException) when (File.Exists(marker))
            {
                var owner = File.ReadAllText(marker).Trim();
                if (owner == ours)
                {
                    return;
                }

                var ownerFile = Path.GetFullPath(owner, directory);
                if (owner.Length > 0 && File.Exists(ownerFile))
                {
                    throw new GoImageException(Diagnostic.GoIntermediateDirectoryShared(directory, ownerFile, projectFile));
                }

                // The owner was renamed or deleted (or the marker is empty): the folder is free.
                File.Delete(marker);
            }
        }

        throw new GoImageException(Diagnostic.FileSystemFailed($"'{marker}' could not be created."));
    }
}
