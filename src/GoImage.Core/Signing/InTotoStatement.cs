using System.Text.Json;
using GoImage.Images;

namespace GoImage.Signing;

/// <summary>An in-toto Statement v1: subjects by digest, a predicate type, and the predicate (written by the caller).</summary>
public static class InTotoStatement
{
    public const string PayloadType = "application/vnd.in-toto+json";

    public const string Type = "https://in-toto.io/Statement/v1";

    public static byte[] Write(IReadOnlyList<InTotoSubject> subjects, string predicateType, Action<CanonicalJsonWriter> writePredicate)
    {
        var json = new CanonicalJsonWriter().StartObject()
            .Property("_type", Type)
            .Name("subject").StartArray();
        foreach (var subject in subjects)
        {
            json.StartObject().Property("name", subject.Name)
                .Name("digest").StartObject().Property("sha256", subject.Digest.Hex).EndObject()
                .EndObject();
        }

        json.EndArray().Property("predicateType", predicateType).Name("predicate");
        writePredicate(json);
        return json.EndObject().ToBytes();
    }

    /// <summary>The statement's predicate type and its subjects' sha256 digests.</summary>
    /// <exception cref="FormatException">Not an in-toto Statement v1.</exception>
    public static (string PredicateType, IReadOnlyList<Digest> Subjects) Read(byte[] statement)
    {
        try
        {
            using var document = JsonDocument.Parse(statement);
            var root = document.RootElement;
            if (root.GetProperty("_type").GetString() != Type)
            {
                throw new FormatException($"its _type is not {Type}");
            }

            var subjects = root.GetProperty("subject").EnumerateArray()
                .Select(s => Digest.TryParse("sha256:" + s.GetProperty("digest").GetProperty("sha256").GetString(), out var d) ? d : throw new FormatException("a subject has no valid sha256 digest"))
                .ToList();
            return (root.GetProperty("predicateType").GetString() ?? "", subjects);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException("not an in-toto statement");
        }
    }
}
