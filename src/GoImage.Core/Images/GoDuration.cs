using System.Globalization;
using System.Text.RegularExpressions;

namespace GoImage.Images;

/// <summary>Durations written as Go and Docker write them: <c>30s</c>, <c>1m30s</c>, <c>500ms</c>, <c>2h</c>.</summary>
public static partial class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Duration().Match(text.Trim());
        if (!match.Success || text.Trim().Length == 0)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitAt = part.Value.IndexOfAny(['h', 'm', 's', 'u', 'µ', 'n']);
            var value = double.Parse(part.Value[..unitAt], CultureInfo.InvariantCulture);
            duration += part.Value[unitAt..] switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromTicks((long)(value * 10)),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return true;
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(?:\.[0-9]+)?(?:h|ms|m|s|us|µs|ns))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
