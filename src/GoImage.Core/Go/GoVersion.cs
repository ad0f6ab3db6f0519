using NuGet.Versioning;

namespace GoImage.Go;

/// <summary>
/// Go's version numbers (<c>1.23</c>, <c>1.23.5</c>, <c>go1.24rc1</c>) mapped onto semantic versions,
/// so that language versions, toolchain names and release candidates compare as Go compares them.
/// </summary>
public static class GoVersion
{
    /// <summary>Parses a go.mod <c>go</c> value or a toolchain name; null if it is neither.</summary>
    public static NuGetVersion? Parse(string text)
    {
        var s = text.Trim();
        if (s.StartsWith("go", StringComparison.Ordinal))
        {
            s = s[2..];
        }

        // A toolchain name may carry a custom suffix after a dash (go1.23.5-custom): Go ignores it.
        var dash = s.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            s = s[..dash];
        }

        // Go writes pre-releases without a dash (1.24rc1, 1.21beta2): split them off.
        var pre = "";
        var cut = s.IndexOfAny(['r', 'b', 'a']);
        if (cut > 0)
        {
            pre = s[cut..];
            s = s[..cut];
            if (!pre.StartsWith("rc", StringComparison.Ordinal) && !pre.StartsWith("beta", StringComparison.Ordinal) && !pre.StartsWith("alpha", StringComparison.Ordinal))
            {
                return null;
            }
        }

        var numbers = s.Split('.');
        if (numbers.Length is < 1 or > 3 || numbers.Any(n => n.Length == 0 || !n.All(char.IsAsciiDigit)))
        {
            return null;
        }

        int Part(int i) => i < numbers.Length ? int.Parse(numbers[i], System.Globalization.CultureInfo.InvariantCulture) : 0;

        // "1.21" (language version) is older than "1.21rc1" and "1.21.0": Go orders 1.21 < 1.21rc1 < 1.21.0.
        // A two-part version becomes 1.21.0-0 (before any pre-release); rc1 and beta map onto 1.21.0-rc.1.
        if (pre.Length > 0)
        {
            var label = new string(pre.TakeWhile(char.IsAsciiLetter).ToArray());
            var number = pre[label.Length..];
            var labels = number.Length > 0 ? new[] { label, number } : new[] { label };
            return new NuGetVersion(new Version(Part(0), Part(1), Part(2)), labels, null, null);
        }

        if (numbers.Length < 3 && (Part(0) > 1 || Part(1) >= 21))
        {
            return new NuGetVersion(new Version(Part(0), Part(1), 0), ["0"], null, null);
        }

        return new NuGetVersion(Part(0), Part(1), Part(2));
    }

    /// <summary>Reads the first line of <c>$GOROOT/VERSION</c> (<c>go1.23.5</c>) without running Go.</summary>
    public static string? ReadGoRootVersionFile(string goRoot)
    {
        var file = Path.Combine(goRoot, "VERSION");
        if (!File.Exists(file))
        {
            return null;
        }

        var first = File.ReadLines(file).FirstOrDefault()?.Trim();
        return string.IsNullOrEmpty(first) ? null : first;
    }
}
