using System.Globalization;
using GoImage.IO;

namespace GoImage.Tool.Building;

/// <summary>
/// The screen after a build: the result, the platforms and binaries, and after a publish the image —
/// digest, each platform's layers with sizes (from the written layout), and where the image went.
/// </summary>
internal static class BuildSummary
{
    public static IReadOnlyList<string> Render(BuildRequest request, BuildOutcome outcome, int errors, int warnings, OciLayoutContents? layout)
    {
        var verb = request.IsPublish ? "Publish" : "Build";
        var seconds = outcome.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var counts = $"{Count(errors, "error")}, {Count(warnings, "warning")}";
        var lines = new List<string> { "" };
        if (!outcome.Succeeded)
        {
            lines.Add($"{verb} failed in {seconds} s: {counts}.");
            return lines;
        }

        lines.Add($"{verb} succeeded in {seconds} s ({outcome.Configuration}; {counts}).");
        lines.Add($"  Project:    {request.ProjectPath}");
        if (outcome.Binaries.Count > 0)
        {
            lines.Add($"  Platforms:  {string.Join(", ", outcome.Binaries.Select(b => b.Key))}");
            if (!request.IsPublish)
            {
                lines.AddRange(outcome.Binaries.Select(b => $"    {b.Key,-14} {b.Value}"));
            }
        }

        if (outcome.ImageDigest is null)
        {
            return lines;
        }

        lines.Add($"  Image:      {outcome.Repository}@{outcome.ImageDigest}");
        lines.Add($"  Digest:     {outcome.ImageDigest}");
        if (outcome.Tags.Count > 0)
        {
            lines.Add($"  Tags:       {string.Join(", ", outcome.Tags)}");
        }

        if (layout is not null)
        {
            lines.Add("  Layers:");
            foreach (var platform in layout.Platforms)
            {
                lines.Add($"    {platform.Platform,-14} {Short(platform.ManifestDigest)}  {ByteSize.Format(platform.TotalSize)} in {Count(platform.Layers.Count, "layer")}");
                lines.AddRange(platform.Layers.Select(l => $"      {Short(l.Digest)}  {ByteSize.Format(l.Size),10}"));
            }
        }

        lines.Add($"  Layout:     {outcome.LayoutPath}");
        if (outcome.ArchivePath is { Length: > 0 })
        {
            lines.Add($"  Archive:    {outcome.ArchivePath}");
        }

        if (outcome.PushedReference is { Length: > 0 })
        {
            lines.Add($"  Pushed:     {outcome.PushedReference}");
        }

        return lines;
    }

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
