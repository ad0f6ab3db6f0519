using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>
/// The SDK package ships the core and its libraries ReadyToRun, and the runtime only takes precompiled code made
/// for a version it accepts: .NET 10's MSBuild silently JIT-compiled every method of the net8.0 images. The
/// runtime's own JIT log (DOTNET_JitStdOutFile with JitDisasmSummary) shows what it compiled during a publish.
/// </summary>
[TestClass]
public sealed partial class PrecompiledTasksTests
{
    [TestMethod]
    public void Publish_JitCompilesNoMethodOfTheCoreOrItsCompressor()
    {
        if (RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Inconclusive("The package precompiles for linux-x64 only; elsewhere the IL is JIT-compiled by design.");
        }

        // Arrange
        using var project = GoProject.FromSample("hello");
        var log = project.PathOf("jit.txt");
        project.Environment["DOTNET_JitStdOutFile"] = log;
        project.Environment["DOTNET_JitDisasmSummary"] = "1";

        // Act
        var result = project.Publish();

        // Assert
        Peers.Expect(result);
        var compiled = File.ReadAllLines(log);
        // The task classes derive from MSBuild's Task, whose layout belongs to the MSBuild that loads them, so the
        // runtime compiles those thin adapters itself; seeing them proves the log covers the tasks that ran.
        Assert.IsTrue(compiled.Any(line => line.Contains("JIT compiled GoImage.Sdk.Tasks.ImageLayer:", StringComparison.Ordinal)), "the JIT log should cover the image tasks");
        // Tier0 is a first compilation, i.e. no precompiled code was taken; a Tier1 line is a hot method recompiled with
        // profile data, which tiering does to precompiled code too.
        var core = compiled.Where(line => CoreMethod().IsMatch(line) && line.Contains("Tier0", StringComparison.Ordinal)).ToList();
        Assert.AreEqual(0, core.Count, "methods the package precompiles were JIT-compiled from IL:\n" + string.Join('\n', core.Take(20)));
    }

    // A method declared in the core or one of the libraries shipped beside it (not a framework generic instantiated over them).
    [GeneratedRegex(@"JIT compiled (GoImage\.(?!Sdk\.Tasks\.)|ICSharpCode\.SharpZipLib\.|Polly\.|YamlDotNet\.)")]
    private static partial Regex CoreMethod();
}
