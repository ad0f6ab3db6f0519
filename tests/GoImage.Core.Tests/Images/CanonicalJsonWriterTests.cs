using System.Text;
using System.Text.Json;
using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class CanonicalJsonWriterTests
{
    private static string Written(string value) =>
        Encoding.UTF8.GetString(new CanonicalJsonWriter().Text(value).ToBytes());

    [TestMethod]
    public void Text_EscapesQuoteAndBackslash()
    {
        // Act
        var json = Written("say \"hi\" C:\\dir");

        // Assert
        Assert.AreEqual("\"say \\\"hi\\\" C:\\\\dir\"", json);
    }

    [TestMethod]
    public void Text_EscapesControlCharactersShortOrAsUnicode()
    {
        // Act
        var json = Written("\n\r\t\u0000\u0008\u000c\u001f");

        // Assert: \n \r \t short, the rest as lowercase \u00xx.
        Assert.AreEqual("\"\\n\\r\\t\\u0000\\u0008\\u000c\\u001f\"", json);
    }

    [TestMethod]
    public void Text_KeepsPlusHtmlCharactersAndDeleteRaw()
    {
        // Act: System.Text.Json's default encoder would escape every one of these.
        var json = Written("application/vnd.oci.image.index.v1+json <a href='x'>&</a>\u007f");

        // Assert
        Assert.AreEqual("\"application/vnd.oci.image.index.v1+json <a href='x'>&</a>\u007f\"", json);
    }

    [TestMethod]
    public void Text_WritesNonAsciiAsRawUtf8()
    {
        // Act
        var bytes = new CanonicalJsonWriter().Text("é€😀").ToBytes();

        // Assert: 2-, 3- and 4-byte UTF-8 sequences, no \u escapes.
        CollectionAssert.AreEqual(
            new byte[] { 0x22, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x22 },
            bytes);
    }

    [TestMethod]
    public void Text_EscapedStrings_ReadBackUnchangedBySystemTextJson()
    {
        // Arrange: every character class the writer treats differently.
        var value = "q\"b\\n\nr\rt\tz\u0000c\u001fp+é😀<&>";

        // Act
        var bytes = new CanonicalJsonWriter().StartObject().Property(value, value).EndObject().ToBytes();

        // Assert: an independent parser sees the same name and value.
        using var document = JsonDocument.Parse(bytes);
        var property = document.RootElement.EnumerateObject().Single();
        Assert.AreEqual(value, property.Name);
        Assert.AreEqual(value, property.Value.GetString());
    }

    [TestMethod]
    public void Writer_SeparatesSiblingsWithCommasOnly()
    {
        // Act
        var json = new CanonicalJsonWriter().StartObject()
            .Property("a", 1)
            .Name("b").StartArray().Number(-2).Number(long.MaxValue).StartObject().EndObject().StartArray().EndArray().EndArray()
            .Name("c").Boolean(true)
            .Name("d").Boolean(false)
            .Property("e", "x")
            .EndObject()
            .ToString();

        // Assert
        Assert.AreEqual("""{"a":1,"b":[-2,9223372036854775807,{},[]],"c":true,"d":false,"e":"x"}""", json);
    }

    [TestMethod]
    public void StringMap_SortsKeysOrdinally()
    {
        // Arrange
        var map = new Dictionary<string, string> { ["b"] = "1", ["a"] = "2", ["B"] = "3", ["_"] = "4", ["a.b"] = "5" };

        // Act
        var json = new CanonicalJsonWriter().StringMap(map).ToString();

        // Assert: ordinal, as Go sorts map keys: 'B' (0x42) < '_' (0x5f) < 'a'.
        Assert.AreEqual("""{"B":"3","_":"4","a":"2","a.b":"5","b":"1"}""", json);
    }

    [TestMethod]
    public void StringArray_KeepsOrder()
    {
        // Act
        var json = new CanonicalJsonWriter().StringArray(["z", "a", "z"]).ToString();

        // Assert
        Assert.AreEqual("""["z","a","z"]""", json);
    }

    [TestMethod]
    public void ToBytes_ThrowsForUnclosedObject()
    {
        // Arrange
        var json = new CanonicalJsonWriter().StartObject().Property("a", 1);

        // Act and Assert
        Assert.ThrowsExactly<InvalidOperationException>(() => json.ToBytes());
    }

    [TestMethod]
    public void ToBytes_ThrowsForNameWithoutValue()
    {
        // Arrange: the brackets balance, but "b" has no value.
        var json = new CanonicalJsonWriter().StartObject().Property("a", 1).EndObject().Name("b");

        // Act and Assert
        Assert.ThrowsExactly<InvalidOperationException>(() => json.ToBytes());
    }

    [TestMethod]
    public void ToBytes_ThrowsForUnclosedArrayInsideObject()
    {
        // Arrange
        var json = new CanonicalJsonWriter().StartObject().Name("a").StartArray();

        // Act and Assert
        Assert.ThrowsExactly<InvalidOperationException>(() => json.ToBytes());
    }
}
