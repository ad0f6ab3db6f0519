namespace GoImage.Sdk.Tasks.Tests;

[TestClass]
public sealed class GoReadInputsTests
{
    [TestMethod]
    public void MissingRecord_YieldsAnInputThatNeverExists_SoTheBuildRuns()
    {
        using var temp = new TempDirectory();
        var task = new GoReadInputs { BuildEngine = new FakeBuildEngine(), RecordFile = Path.Combine(temp.Path, "inputs.txt") };

        Assert.IsTrue(task.Execute());

        Assert.AreEqual(1, task.Inputs.Length);
        Assert.IsFalse(File.Exists(task.Inputs[0].ItemSpec));
    }
}
