using System.Text.Json;

namespace GoImage.Verification;

/// <summary>The properties two JSON documents disagree on, as paths (<c>config.Env[1]</c>, <c>rootfs.diff_ids[2]</c>), in document order.</summary>
public static class JsonDifferences
{
    private const int ValueLength = 100;

    public static IReadOnlyList<FieldDifference> Between(byte[] first, byte[] second)
    {
        using var a = JsonDocument.Parse(first);
        using var b = JsonDocument.Parse(second);
        var found = new List<FieldDifference>();
        Walk(a.RootElement, b.RootElement, "", found);
        return found;
    }

    private static void Walk(JsonElement a, JsonElement b, string path, List<FieldDifference> found)
    {
        if (a.ValueKind == JsonValueKind.Object && b.ValueKind == JsonValueKind.Object)
        {
            var names = a.EnumerateObject().Select(p => p.Name)
                .Concat(b.EnumerateObject().Select(p => p.Name))
                .Distinct(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var child = path.Length == 0 ? name : $"{path}.{name}";
                var inA = a.TryGetProperty(name, out var valueA);
                var inB = b.TryGetProperty(name, out var valueB);
                if (inA && inB)
                {
                    Walk(valueA, valueB, child, found);
                }
                else
                {
                    found.Add(new FieldDifference(child, inA ? Show(valueA) : "(absent)", inB ? Show(valueB) : "(absent)"));
                }
            }
        }
        else if (a.ValueKind == JsonValueKind.Array && b.ValueKind == JsonValueKind.Array)
        {
            var lengthA = a.GetArrayLength();
            var lengthB = b.GetArrayLength();
            for (var i = 0; i < Math.Min(lengthA, lengthB); i++)
            {
                Walk(a[i], b[i], $"{path}[{i}]", found);
            }

            if (lengthA != lengthB)
            {
                found.Add(new FieldDifference($"{path}.length", lengthA.ToString(System.Globalization.CultureInfo.InvariantCulture), lengthB.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        else if (a.ValueKind != b.ValueKind || a.GetRawText() != b.GetRawText())
        {
            found.Add(new FieldDifference(path.Length == 0 ? "(document)" : path, Show(a), Show(b)));
        }
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= ValueLength ? text : text[..ValueLength] + "…";
    }
}
