using System.Text;
using GoImage.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GoImage.Kubernetes;

/// <summary>
/// A YAML or JSON manifest file (any number of documents) and the <c>goimage://</c> scalars in it. The file's text is
/// kept as read; <see cref="Resolve"/> substitutes only those scalars' tokens, so comments, quoting, key order and
/// indentation stay byte for byte.
/// </summary>
public sealed class KubernetesManifest
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly bool _bom;

    private KubernetesManifest(string path, string text, bool bom, IReadOnlyList<ImageSchemeScalar> images)
    {
        Path = path;
        Text = text;
        _bom = bom;
        Images = images;
    }

    public string Path { get; }

    /// <summary>The file's text (after a UTF-8 byte order mark, which is kept on write).</summary>
    public string Text { get; }

    /// <summary>Every scalar that is exactly <c>goimage://&lt;name&gt;</c>, in file order.</summary>
    public IReadOnlyList<ImageSchemeScalar> Images { get; }

    /// <summary>Reads and parses the file; a file that is not UTF-8 YAML is a GOI5001 at the place the parser stopped.</summary>
    public static KubernetesManifest Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var bom = bytes.AsSpan().StartsWith(Utf8Bom);
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
        }
        catch (DecoderFallbackException)
        {
            throw new GoImageException(Diagnostic.KubernetesManifestNotYaml("it is not UTF-8 text") with { File = path });
        }

        return Parse(path, text, bom);
    }

    /// <summary>Parses <paramref name="text"/> as the content of <paramref name="path"/> (the path only names it in errors).</summary>
    public static KubernetesManifest Parse(string path, string text, bool bom = false)
    {
        var images = new List<ImageSchemeScalar>();
        var parser = new Parser(new StringReader(text));
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                if (current is Scalar { Style: ScalarStyle.Plain or ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar
                    && scalar.Value.StartsWith(ImageSchemeScalar.Scheme, StringComparison.Ordinal))
                {
                    images.Add(new ImageSchemeScalar(
                        scalar.Value[ImageSchemeScalar.Scheme.Length..],
                        checked((int)scalar.Start.Index),
                        checked((int)scalar.End.Index),
                        checked((int)scalar.Start.Line),
                        checked((int)scalar.Start.Column),
                        scalar.Style switch { ScalarStyle.SingleQuoted => '\'', ScalarStyle.DoubleQuoted => '"', _ => null }));
                }
            }
        }
        catch (YamlException e)
        {
            throw new GoImageException(At(path, e.Start, Diagnostic.KubernetesManifestNotYaml(Reason(e))));
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner sometimes fails this way on broken flow collections; the last event is the nearest place known.
            throw new GoImageException(At(path, last, Diagnostic.KubernetesManifestNotYaml(e.Message)));
        }

        return new KubernetesManifest(path, text, bom, images);
    }

    /// <summary>
    /// The text with each <c>goimage://</c> token replaced by the reference <paramref name="references"/> holds for its
    /// name, in the token's own quoting style; every other character as read.
    /// </summary>
    public string Substitute(IReadOnlyDictionary<string, string> references)
    {
        var result = new StringBuilder(Text.Length + (Images.Count * 80));
        var position = 0;
        foreach (var image in Images)
        {
            result.Append(Text, position, image.Start - position).Append(image.Token(references[image.Name]));
            position = image.End;
        }

        return result.Append(Text, position, Text.Length - position).ToString();
    }

    /// <summary>The bytes to write for <paramref name="text"/>: UTF-8, with the byte order mark the file had.</summary>
    public byte[] Encode(string text)
    {
        var body = Encoding.UTF8.GetBytes(text);
        return _bom ? [.. Utf8Bom, .. body] : body;
    }

    /// <summary>Places <paramref name="diagnostic"/> at a scalar of this manifest.</summary>
    public Diagnostic At(ImageSchemeScalar image, Diagnostic diagnostic) =>
        diagnostic with { File = Path, Line = image.Line, Column = image.Column };

    private static Diagnostic At(string path, Mark mark, Diagnostic diagnostic) =>
        diagnostic with { File = path, Line = (int)Math.Max(1, mark.Line), Column = (int)Math.Max(1, mark.Column) };

    // YamlDotNet's message starts with its own "(Line: 3, Col: 4, Idx: …) - (…): "; the place is already the diagnostic's.
    private static string Reason(YamlException e)
    {
        var message = e.Message;
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith('(') ? message[(cut + 3)..] : message;
    }
}
