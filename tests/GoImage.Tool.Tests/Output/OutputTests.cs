using GoImage.Diagnostics;
using GoImage.IO;
using GoImage.Tool.Commands;
using GoImage.Tool.Output;

namespace GoImage.Tool.Tests.Output;

[TestClass]
public sealed class OutputTests
{
    [TestMethod]
    public void Report_WritesTheCompilerFormatToStandardError()
    {
        var (reporter, output, error) = Redirected(Verbosity.Minimal);

        reporter.Report(false, "GOI1010", "undefined: x", "/m/main.go", 76, 17);
        reporter.Report(Diagnostic.ToolProjectNotFound("/m", "build"));

        Assert.AreEqual("", output.ToString());
        CollectionAssert.AreEqual(
            new[] { "/m/main.go(76,17): error GOI1010: undefined: x", "error GOI4010: No .goproj was found in '/m'. Pass the project (goimage build path/to/app.goproj), or create one with goimage new." },
            Lines(error));
        Assert.AreEqual(2, reporter.ErrorCount);
    }

    [TestMethod]
    public void Line_IsFilteredByVerbosity()
    {
        var (reporter, output, _) = Redirected(Verbosity.Minimal);

        reporter.Line("shown");
        reporter.Line("hidden", Verbosity.Normal);

        CollectionAssert.AreEqual(new[] { "shown" }, Lines(output));
    }

    [TestMethod]
    public void Status_WritesNothingWhenRedirected()
    {
        var (reporter, output, _) = Redirected(Verbosity.Detailed);

        reporter.Status("compiling Go… 3 s");
        reporter.Line("line");

        Assert.AreEqual("line" + Environment.NewLine, output.ToString());
    }

    [TestMethod]
    [DataRow("q", "Quiet")]
    [DataRow("Minimal", "Minimal")]
    [DataRow("n", "Normal")]
    [DataRow("detailed", "Detailed")]
    [DataRow("diag", "Detailed")]
    public void Verbosity_AcceptsMSBuildsSpellings(string text, string expected) =>
        Assert.AreEqual(Enum.Parse<Verbosity>(expected), VerbosityOption.Parse(text));

    [TestMethod]
    public void Verbosity_RefusesOtherWords() => Assert.IsNull(VerbosityOption.Parse("loud"));

    [TestMethod]
    [DataRow(512L, "512 B")]
    [DataRow(316_313L, "308.9 KiB")]
    [DataRow(2_411_724L, "2.3 MiB")]
    public void ByteSize_UsesBinaryUnits(long bytes, string expected) => Assert.AreEqual(expected, ByteSize.Format(bytes));

    private static (ConsoleReporter Reporter, StringWriter Output, StringWriter Error) Redirected(Verbosity verbosity)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        return (new ConsoleReporter(output, error, verbosity, interactive: false), output, error);
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
