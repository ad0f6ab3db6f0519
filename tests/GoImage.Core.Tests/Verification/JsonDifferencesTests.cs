using System.Text;
using GoImage.Verification;

namespace GoImage.Core.Tests.Verification;

[TestClass]
public sealed class JsonDifferencesTests
{
    private static IReadOnlyList<FieldDifference> Between(string a, string b) => JsonDifferences.Between(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    [TestMethod]
    public void EqualDocuments_HaveNoDifference()
    {
        Assert.AreEqual(0, Between("""{"a":[1,{"b":"c"}]}""", """{"a":[1,{"b":"c"}]}""").Count);
    }

    [TestMethod]
    public void NestedValue_IsNamedByItsPath()
    {
        var differences = Between("""{"config":{"Env":["A=1","B=2"]},"created":"x"}""", """{"config":{"Env":["A=1","B=3"]},"created":"x"}""");

        Assert.AreEqual(new FieldDifference("config.Env[1]", "\"B=2\"", "\"B=3\""), differences.Single());
    }

    [TestMethod]
    public void MissingProperty_IsShownAsAbsent()
    {
        var differences = Between("""{"a":1}""", """{"a":1,"b":true}""");

        Assert.AreEqual(new FieldDifference("b", "(absent)", "true"), differences.Single());
    }

    [TestMethod]
    public void ArraysOfOtherLength_NameTheLength()
    {
        var differences = Between("""{"l":[1]}""", """{"l":[1,2]}""");

        Assert.AreEqual(new FieldDifference("l.length", "1", "2"), differences.Single());
    }
}
