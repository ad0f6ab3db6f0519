using System.Globalization;

namespace GoImage.Images;

/// <summary>
/// SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970-01-01 UTC. It sets the
/// image's created time and every tar entry's mtime; unset means 0, so images do not change with the clock.
/// </summary>
public static class SourceDateEpoch
{
    // ustar's 11 octal digits end in 2242; configs and RFC 3339 go further, tar headers do not.
    private const long Max = (1L << 33) - 1;

    public static bool TryParse(string? text, out long seconds)
    {
        seconds = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds <= Max;
    }

    public static DateTimeOffset ToTime(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);
}
