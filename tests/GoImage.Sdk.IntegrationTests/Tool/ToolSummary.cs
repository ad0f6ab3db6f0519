using System.Text.RegularExpressions;

namespace GoImage.Sdk.IntegrationTests.Tool;

/// <summary>Reads what <c>goimage build|publish</c> printed in its closing summary.</summary>
internal static partial class ToolSummary
{
    /// <summary>The image digest of the summary's <c>Digest:</c> line.</summary>
    public static string Digest(CommandResult result)
    {
        var match = DigestLine().Match(result.Output);
        Assert.IsTrue(match.Success, "the summary names the image digest:\n" + result);
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"^\s+Digest:\s+(sha256:[0-9a-f]{64})\s*$", RegexOptions.Multiline)]
    private static partial Regex DigestLine();
}
