using System.CommandLine;
using GoImage.Tool.Commands;
using GoImage.Tool;

namespace GoImage.Tool.Tests.Commands;

[TestClass]
public sealed class HelpTests
{
    [TestMethod]
    [DataRow("new", "goimage new --source")]
    [DataRow("build", "goimage build -p GoTargetPlatforms=")]
    [DataRow("publish", "goimage publish --registry registry.example.com")]
    public void Help_EndsWithTheCommandsExamples(string command, string example)
    {
        var output = new StringWriter();

        var exitCode = Root().Parse([command, "--help"]).Invoke(new InvocationConfiguration { Output = output });

        Assert.AreEqual(0, exitCode);
        var text = output.ToString();
        StringAssert.Contains(text, "Examples:");
        StringAssert.Contains(text, example);
        StringAssert.Contains(text, "--verbosity");
    }

    [TestMethod]
    public void Publish_HasTheImageOptionsBuildLacks()
    {
        var root = Root();
        var publish = root.Subcommands.Single(c => c.Name == "publish");
        var build = root.Subcommands.Single(c => c.Name == "build");

        CollectionAssert.IsSubsetOf(new[] { "--registry", "--archive", "--configuration", "--property" }, publish.Options.Select(o => o.Name).ToArray());
        Assert.IsFalse(build.Options.Any(o => o.Name is "--registry" or "--archive"));
    }

    [TestMethod]
    [DataRow(new[] { "build", "-v", "q" }, "Quiet")]
    [DataRow(new[] { "publish", "--verbosity", "detailed" }, "Detailed")]
    [DataRow(new[] { "new" }, "Minimal")]
    public void Verbosity_IsReadOnEveryCommand(string[] args, string expected) =>
        Assert.AreEqual(Enum.Parse<GoImage.Tool.Output.Verbosity>(expected), VerbosityOption.Read(Root().Parse(args)));

    private static RootCommand Root() => ToolCommandLine.Create();
}
