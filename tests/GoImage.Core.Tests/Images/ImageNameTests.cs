using GoImage.Images;

namespace GoImage.Core.Tests.Images;

[TestClass]
public sealed class ImageNameTests
{
    [TestMethod]
    [DataRow("hello")]
    [DataRow("shop/api")]
    [DataRow("a.b_c__d-e")]
    [DataRow("a--b", DisplayName = "runs of dashes are one separator")]
    [DataRow("0/1/2")]
    public void RepositoryProblem_IsNullForValidRepository(string repository)
    {
        // Act
        var problem = ImageName.RepositoryProblem(repository);

        // Assert
        Assert.IsNull(problem, problem);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow("-api", DisplayName = "leading separator")]
    [DataRow("api.", DisplayName = "trailing separator")]
    [DataRow("shop//api", DisplayName = "empty component")]
    [DataRow("/api", DisplayName = "leading slash")]
    [DataRow("a..b", DisplayName = "two dots")]
    [DataRow("a___b", DisplayName = "three underscores")]
    [DataRow("shop api", DisplayName = "space")]
    [DataRow("shop:api", DisplayName = "colon")]
    public void RepositoryProblem_ExplainsInvalidRepository(string repository)
    {
        // Act
        var problem = ImageName.RepositoryProblem(repository);

        // Assert
        Assert.IsFalse(string.IsNullOrWhiteSpace(problem), $"'{repository}' was accepted");
    }

    [TestMethod]
    public void RepositoryProblem_NamesUppercaseComponent()
    {
        // Act
        var problem = ImageName.RepositoryProblem("shop/API");

        // Assert
        Assert.AreEqual("'API' has uppercase letters", problem);
    }

    [TestMethod]
    public void RepositoryProblem_AcceptsExactly255Characters()
    {
        // Arrange
        var longest = string.Join('/', Enumerable.Repeat(new string('a', 50), 4)) + "/" + new string('b', 51);

        // Act and Assert
        Assert.AreEqual(255, longest.Length);
        Assert.IsNull(ImageName.RepositoryProblem(longest));
        Assert.IsNotNull(ImageName.RepositoryProblem(longest + "e"));
    }

    [TestMethod]
    [DataRow("latest")]
    [DataRow("1.4.2")]
    [DataRow("_private")]
    [DataRow("V1-rc.2_x")]
    public void TagProblem_IsNullForValidTag(string tag)
    {
        // Act
        var problem = ImageName.TagProblem(tag);

        // Assert
        Assert.IsNull(problem, problem);
    }

    [TestMethod]
    [DataRow("", DisplayName = "empty")]
    [DataRow(".hidden", DisplayName = "leading dot")]
    [DataRow("-x", DisplayName = "leading dash")]
    [DataRow("1.4.2+build", DisplayName = "plus")]
    [DataRow("a b", DisplayName = "space")]
    [DataRow("a/b", DisplayName = "slash")]
    public void TagProblem_ExplainsInvalidTag(string tag)
    {
        // Act
        var problem = ImageName.TagProblem(tag);

        // Assert
        Assert.IsFalse(string.IsNullOrWhiteSpace(problem), $"'{tag}' was accepted");
    }

    [TestMethod]
    public void TagProblem_Allows128CharactersButNot129()
    {
        // Act and Assert
        Assert.IsNull(ImageName.TagProblem(new string('t', 128)));
        Assert.IsNotNull(ImageName.TagProblem(new string('t', 129)));
    }

    [TestMethod]
    [DataRow("Shop.API v2", "shop.api-v2")]
    [DataRow("Hello", "hello")]
    [DataRow("My Project!", "my-project")]
    [DataRow("__Odd..Name--x_", "odd.name-x")]
    [DataRow("Team/Shop API/", "team/shop-api")]
    [DataRow("Grüße", "gr-e")]
    public void NormalizeRepository_DerivesValidRepositoryFromProjectName(string projectName, string expected)
    {
        // Act
        var repository = ImageName.NormalizeRepository(projectName);

        // Assert
        Assert.AreEqual(expected, repository);
        Assert.IsNull(ImageName.RepositoryProblem(repository));
    }

    [TestMethod]
    public void NormalizeRepository_GivesEmptyForNoUsableCharacter()
    {
        // Act: empty, so validation reports it rather than inventing a name.
        var repository = ImageName.NormalizeRepository("!!!");

        // Assert
        Assert.AreEqual("", repository);
    }
}
