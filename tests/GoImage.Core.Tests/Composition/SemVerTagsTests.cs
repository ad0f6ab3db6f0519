using GoImage.Composition;
using GoImage.Images;

namespace GoImage.Core.Tests.Composition;

[TestClass]
public sealed class SemVerTagsTests
{
    [TestMethod]
    public void For_Release_GivesFullMinorMajorAndLatest()
    {
        // Act
        var tags = SemVerTags.For("1.4.2");

        // Assert
        Assert.IsNotNull(tags);
        CollectionAssert.AreEqual(new[] { "1.4.2", "1.4", "1", "latest" }, tags.ToArray());
    }

    [TestMethod]
    public void For_Prerelease_GivesOnlyItself()
    {
        // Act: a prerelease must never move 2.0, 2 or latest.
        var tags = SemVerTags.For("2.0.0-beta.1");

        // Assert
        Assert.IsNotNull(tags);
        CollectionAssert.AreEqual(new[] { "2.0.0-beta.1" }, tags.ToArray());
    }

    [TestMethod]
    public void For_ReleaseWithBuildMetadata_KeepsItInTheFullTagWithUnderscore()
    {
        // Act: '+' is not allowed in a tag; the metadata still tells two builds apart.
        var tags = SemVerTags.For("1.4.2+build.5");

        // Assert
        Assert.IsNotNull(tags);
        CollectionAssert.AreEqual(new[] { "1.4.2_build.5", "1.4", "1", "latest" }, tags.ToArray());
    }

    [TestMethod]
    public void For_PrereleaseWithBuildMetadata_GivesOnlyItself()
    {
        // Act
        var tags = SemVerTags.For("2.0.0-rc.1+sha.5114f85");

        // Assert
        Assert.IsNotNull(tags);
        CollectionAssert.AreEqual(new[] { "2.0.0-rc.1_sha.5114f85" }, tags.ToArray());
    }

    [TestMethod]
    public void For_ReleaseWrittenAsGitTag_KeepsTheVInEveryVersionTag()
    {
        // Act: -p:Version=v3.0.0 as git describe gives it: tags as written, not renamed.
        var tags = SemVerTags.For("v3.0.0");

        // Assert
        Assert.IsNotNull(tags);
        CollectionAssert.AreEqual(new[] { "v3.0.0", "v3.0", "v3", "latest" }, tags.ToArray());
    }

    [TestMethod]
    public void For_PrereleaseWrittenAsGitTag_GivesOnlyItself()
    {
        // Act: the distribution registry's v3.0.0-rc.3.
        var tags = SemVerTags.For("v3.0.0-rc.3");

        // Assert
        Assert.IsNotNull(tags);
        CollectionAssert.AreEqual(new[] { "v3.0.0-rc.3" }, tags.ToArray());
    }

    [TestMethod]
    [DataRow("1.4.2")]
    [DataRow("v1.4.2")]
    [DataRow("V2.0.0-rc.3+sha.1")]
    [DataRow("2.0.0-beta.1")]
    [DataRow("1.4.2+build.5")]
    [DataRow("0.1.0-alpha-1+exp.sha.5114f85")]
    public void For_GivesOnlyValidTags(string version)
    {
        // Act
        var tags = SemVerTags.For(version);

        // Assert
        Assert.IsNotNull(tags);
        foreach (var tag in tags)
        {
            Assert.IsNull(ImageName.TagProblem(tag), $"'{tag}' from '{version}'");
        }
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("1.4", DisplayName = "two parts")]
    [DataRow("v", DisplayName = "a v alone")]
    [DataRow("vv1.4.2", DisplayName = "two v")]
    [DataRow("01.4.2", DisplayName = "leading zero")]
    [DataRow("latest", DisplayName = "a word")]
    [DataRow("1.4.2.7", DisplayName = "four parts")]
    public void For_GivesNullForNonSemVer(string version)
    {
        // Act
        var tags = SemVerTags.For(version);

        // Assert
        Assert.IsNull(tags);
    }
}
