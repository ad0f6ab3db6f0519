using System.Globalization;
using System.Text;

namespace GoImage.Images;

/// <summary>
/// Writes JSON whose bytes are fixed by this code alone: no whitespace, properties in the order
/// they are written, UTF-8, and only <c>"</c>, <c>\</c> and control characters escaped
/// (System.Text.Json escapes <c>+</c> and non-ASCII, and its rules may change between runtimes).
/// Every JSON blob that reaches a digest is written here.
/// </summary>
public sealed class CanonicalJsonWriter
{
    private readonly StringBuilder _text = new();
    private readonly Stack<bool> _first = new();
    private bool _afterName;

    public CanonicalJsonWriter StartObject() => Open('{');

    public CanonicalJsonWriter EndObject() => Close('}');

    public CanonicalJsonWriter StartArray() => Open('[');

    public CanonicalJsonWriter EndArray() => Close(']');

    public CanonicalJsonWriter Name(string name)
    {
        Separate();
        WriteString(name);
        _text.Append(':');
        _afterName = true;
        return this;
    }

    public CanonicalJsonWriter Text(string value)
    {
        Separate();
        WriteString(value);
        return this;
    }

    public CanonicalJsonWriter Number(long value)
    {
        Separate();
        _text.Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public CanonicalJsonWriter Boolean(bool value)
    {
        Separate();
        _text.Append(value ? "true" : "false");
        return this;
    }

    public CanonicalJsonWriter Null()
    {
        Separate();
        _text.Append("null");
        return this;
    }

    /// <summary>
    /// Writes a complete JSON value this writer (or another canonical writer) produced, byte for byte:
    /// an SBOM embedded as an attestation's predicate keeps the bytes its own digest was taken over.
    /// </summary>
    public CanonicalJsonWriter RawValue(byte[] canonicalJson)
    {
        Separate();
        _text.Append(Encoding.UTF8.GetString(canonicalJson));
        return this;
    }

    /// <summary>Writes <c>"name":"value"</c>.</summary>
    public CanonicalJsonWriter Property(string name, string value) => Name(name).Text(value);

    public CanonicalJsonWriter Property(string name, long value) => Name(name).Number(value);

    /// <summary>Writes an object of string values in ordinal key order, as Go's encoding/json writes maps.</summary>
    public CanonicalJsonWriter StringMap(IEnumerable<KeyValuePair<string, string>> map)
    {
        StartObject();
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            Property(key, value);
        }

        return EndObject();
    }

    public CanonicalJsonWriter StringArray(IEnumerable<string> values)
    {
        StartArray();
        foreach (var value in values)
        {
            Text(value);
        }

        return EndArray();
    }

    public byte[] ToBytes()
    {
        if (_first.Count != 0 || _afterName)
        {
            throw new InvalidOperationException("The JSON document is not complete.");
        }

        return Encoding.UTF8.GetBytes(_text.ToString());
    }

    public override string ToString() => _text.ToString();

    private CanonicalJsonWriter Open(char bracket)
    {
        Separate();
        _text.Append(bracket);
        _first.Push(true);
        return this;
    }

    private CanonicalJsonWriter Close(char bracket)
    {
        _first.Pop();
        _text.Append(bracket);
        return this;
    }

    // Adds the comma between siblings; a value right after its name needs none.
    private void Separate()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }

        if (_first.Count == 0)
        {
            return;
        }

        if (_first.Peek())
        {
            _first.Pop();
            _first.Push(false);
        }
        else
        {
            _text.Append(',');
        }
    }

    private void WriteString(string value)
    {
        _text.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': _text.Append("\\\""); break;
                case '\\': _text.Append("\\\\"); break;
                case '\n': _text.Append("\\n"); break;
                case '\r': _text.Append("\\r"); break;
                case '\t': _text.Append("\\t"); break;
                case < ' ': _text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: _text.Append(c); break;
            }
        }

        _text.Append('"');
    }
}
