using GoImage.Images;

namespace GoImage.Verification;

/// <summary>Says what an <see cref="ImageComparison"/> found, a line per fact, for a terminal or a CI log.</summary>
public static class ComparisonText
{
    public static IEnumerable<string> Describe(ImageComparison comparison, string firstName, string secondName)
    {
        if (comparison.Identical)
        {
            yield return $"The images are identical: {comparison.First}.";
            yield break;
        }

        yield return $"The images differ: {comparison.First} ({firstName}) ≠ {comparison.Second} ({secondName}).";
        var firstDifference = true;
        foreach (var difference in comparison.Differences)
        {
            yield return $"{(firstDifference ? "First differing blob" : "Then")}: {Name(difference)} {Short(difference.First)} ≠ {Short(difference.Second)}";
            firstDifference = false;
            foreach (var property in difference.Properties)
            {
                yield return $"  {property.Field}: {property.First} ≠ {property.Second}";
            }

            if (difference.Entry is { } entry)
            {
                yield return $"  first differing file: {entry.Path}";
                foreach (var field in entry.Fields)
                {
                    yield return $"    {field.Field}: {field.First} ≠ {field.Second}";
                }
            }

            if (difference.Note is { } note)
            {
                yield return $"  {note}";
            }
        }
    }

    private static string Name(BlobDifference difference)
    {
        var where = difference.Platform is null ? "" : difference.Platform + " ";
        return difference.Role switch
        {
            BlobRole.Index => "the image index",
            BlobRole.Manifest => $"the {where}manifest",
            BlobRole.Config => $"the {where}config",
            _ => $"{where}layer {difference.LayerNumber} of {difference.LayerCount}",
        };
    }

    private static string Short(Digest digest) => digest.ToShortString();
}
