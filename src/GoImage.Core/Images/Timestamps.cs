using System.Globalization;

namespace GoImage.Images;

/// <summary>The one time format images carry: RFC 3339 in UTC with <c>Z</c>, whole seconds.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
