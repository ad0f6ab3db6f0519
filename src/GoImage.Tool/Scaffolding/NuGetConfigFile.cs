using System.Security;
using System.Xml;
using System.Xml.Linq;

namespace GoImage.Tool.Scaffolding;

/// <summary>
/// NuGet.config files that apply to a folder (it and every folder above it, NuGet's own order) and the
/// one <c>goimage new --source</c> writes when none of them lists the feed.
/// </summary>
internal static class NuGetConfigFile
{
    /// <summary>True when a NuGet.config in <paramref name="directory"/> or above lists <paramref name="source"/>.</summary>
    public static bool ListsSource(string directory, string source)
    {
        var wanted = NormalizeSource(source, directory);
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            foreach (var file in dir.EnumerateFiles().Where(f => string.Equals(f.Name, "nuget.config", StringComparison.OrdinalIgnoreCase)))
            {
                if (Sources(file.FullName).Any(s => string.Equals(NormalizeSource(s, dir.FullName), wanted, StringComparison.Ordinal)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>A NuGet.config adding <paramref name="source"/> to the sources the user already has.</summary>
    public static string Create(string source) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <!-- Where GoImage.Sdk comes from; the other configured sources stay in use. -->
            <add key="goimage" value="{SecurityElement.Escape(source)}" />
          </packageSources>
        </configuration>

        """;

    private static IEnumerable<string> Sources(string file)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(file);
        }
        catch (XmlException)
        {
            // NuGet itself will report a broken config; for this question it lists nothing.
            return [];
        }

        return document.Root?.Element("packageSources")?.Elements("add")
            .Select(e => (string?)e.Attribute("value"))
            .OfType<string>() ?? [];
    }

    // Local feeds compare as full paths (NuGet resolves relative ones against the config's folder), URLs without a trailing slash.
    private static string NormalizeSource(string source, string baseDirectory)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return source.TrimEnd('/').ToLowerInvariant();
        }

        var path = uri is { IsFile: true } ? uri.LocalPath : source;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(path, baseDirectory));
    }
}
