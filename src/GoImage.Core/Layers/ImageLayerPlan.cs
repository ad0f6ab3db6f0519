using GoImage.Diagnostics;
using GoImage.Images;

namespace GoImage.Layers;

/// <summary>
/// The entries of the layers between the base and the binary, each list empty when its items are
/// unused (so a project without them gets exactly the layers it got before): ContainerFile items,
/// the ContainerUserAccount accounts, then the volume and ContainerDirectory folders, which come last
/// so their owner and mode win over a parent folder another layer lists. Also the config's User.
/// </summary>
public sealed record ImageLayerPlan(IReadOnlyList<LayerEntry> Files, IReadOnlyList<LayerEntry> Accounts, IReadOnlyList<LayerEntry> Directories, string ConfigUser)
{
    private const string DefaultUser = "65532:65532";

    /// <param name="loadRegistryBase">Reads a registry base's account files; called only for a registry base, and only when a name or an added account needs them.</param>
    public static ImageLayerPlan? Create(ImageLayerRequest request, Func<AccountFiles> loadRegistryBase, List<Diagnostic> diagnostics)
    {
        var before = diagnostics.Count;
        Func<AccountFiles> loadBase = request.BaseImage switch
        {
            BaseImageKind.Static => () => AccountFiles.Static,
            BaseImageKind.Scratch => () => AccountFiles.Scratch,
            _ => loadRegistryBase,
        };
        var accounts = ImageAccounts.Create(loadBase, request.Accounts, diagnostics);
        var needsFolders = request.Volumes.Count > 0 || request.Directories.Count > 0;
        var (configUser, imageUser) = User(request.User, accounts, needsFolders, diagnostics);
        var files = ContainerFile.ToEntries(request.Files, request.AppPath, request.SourceRoots, diagnostics, accounts) ?? [];
        var accountEntries = accounts.HasAddedAccounts ? accounts.LayerEntries() : [];

        var occupied = new Dictionary<string, string>(StringComparer.Ordinal) { [LayerEntry.Normalize(request.AppPath)] = "the Go binary" };
        foreach (var file in files)
        {
            occupied[file.Path] = "a ContainerFile";
        }

        foreach (var entry in accountEntries.Where(e => e.Kind == LayerEntryKind.File))
        {
            if (occupied.TryGetValue(entry.Path, out var other))
            {
                diagnostics.Add(Diagnostic.ImagePathConflict("/" + entry.Path, $"{other} and the ContainerUserAccount items' /{entry.Path}"));
            }

            occupied[entry.Path] = "the ContainerUserAccount items";
        }

        IReadOnlyList<LayerEntry> directories = [];
        if (needsFolders && imageUser is { } owner)
        {
            directories = ContainerDirectory.ToEntries(request.Volumes, request.Directories, owner, accounts, occupied, request.AppPath, diagnostics) ?? [];
        }

        return diagnostics.Count > before ? null : new ImageLayerPlan(files, accountEntries, directories, configUser);
    }

    /// <summary>
    /// The config's User: numeric text as written (runtimes and Kubernetes' runAsNonRoot read it without a
    /// lookup), a name replaced by its numeric <c>uid:gid</c>. And the owner the image's folders get.
    /// </summary>
    private static (string Config, Owner? Owner) User(string text, ImageAccounts accounts, bool needsOwner, List<Diagnostic> diagnostics)
    {
        var user = text.Trim().Length > 0 ? text.Trim() : DefaultUser;
        if (!ImageAccounts.IsWellFormed(user))
        {
            return (user, null); // ImageRequestValidator reports it with every other setting
        }

        if (user.Split(':').All(p => PasswdEntry.TryId(p, out _)))
        {
            return (user, needsOwner ? accounts.Resolve(user, "ContainerUser", diagnostics) : null);
        }

        var owner = accounts.Resolve(user, "ContainerUser", diagnostics);
        return (owner?.ToString() ?? user, owner);
    }
}
