using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Core.Tests.Go;

[TestClass]
public sealed class IntermediateDirectoryOwnerTests
{
    [TestMethod]
    public void Claim_WritesTheProjectRelativeToTheFolder_AndAcceptsItAgain()
    {
        // Arrange
        using var temp = new TempDirectory();
        var project = temp.Write("app/api.goproj", "<Project />");
        var folder = Path.Combine(temp.Path, "app", "obj", "Debug", "go", "api");

        // Act
        IntermediateDirectoryOwner.Claim(folder, project);
        IntermediateDirectoryOwner.Claim(folder, project);

        // Assert
        Assert.AreEqual("../../../../api.goproj\n", File.ReadAllText(Path.Combine(folder, "owner.txt")));
    }

    [TestMethod]
    public void Claim_ByASecondExistingProject_IsGOI1022NamingBoth()
    {
        // Arrange
        using var temp = new TempDirectory();
        var api = temp.Write("app/api.goproj", "<Project />");
        var worker = temp.Write("app/worker.goproj", "<Project />");
        var folder = Path.Combine(temp.Path, "app", "obj", "shared");
        IntermediateDirectoryOwner.Claim(folder, api);

        // Act
        var error = Assert.ThrowsExactly<GoImageException>(() => IntermediateDirectoryOwner.Claim(folder, worker));

        // Assert
        Assert.AreEqual("GOI1022", error.Diagnostic.Code);
        StringAssert.Contains(error.Diagnostic.Message, api);
        StringAssert.Contains(error.Diagnostic.Message, worker);
    }

    [TestMethod]
    public void Claim_OfAFolderWhoseOwnerNoLongerExists_TakesItOver()
    {
        // Arrange
        using var temp = new TempDirectory();
        var old = temp.Write("app/old.goproj", "<Project />");
        var renamed = temp.Write("app/new.goproj", "<Project />");
        var folder = Path.Combine(temp.Path, "app", "obj", "go");
        IntermediateDirectoryOwner.Claim(folder, old);
        File.Delete(old);

        // Act
        IntermediateDirectoryOwner.Claim(folder, renamed);

        // Assert
        Assert.AreEqual("../../new.goproj\n", File.ReadAllText(Path.Combine(folder, "owner.txt")));
    }

    [TestMethod]
    public void Claim_InACopiedCheckout_StillBelongsToTheCopy()
    {
        // Arrange
        using var temp = new TempDirectory();
        var project = temp.Write("one/app/app.goproj", "<Project />");
        IntermediateDirectoryOwner.Claim(Path.Combine(temp.Path, "one", "app", "obj", "go"), project);
        temp.Write("two/app/app.goproj", "<Project />");
        temp.Write("two/app/obj/go/owner.txt", File.ReadAllText(Path.Combine(temp.Path, "one", "app", "obj", "go", "owner.txt")));

        // Act + Assert: no GOI1022 although the first checkout's project still exists.
        IntermediateDirectoryOwner.Claim(Path.Combine(temp.Path, "two", "app", "obj", "go"), Path.Combine(temp.Path, "two", "app", "app.goproj"));
    }
}
