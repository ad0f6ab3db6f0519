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
    public void Publish_JitCompilesNoMethodOfTheCoreOrItsCompressors()
    {
        if (RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            Assert.Inconclusive("The package precompiles for linux-x64 only; elsewhere the IL is JIT-compiled by design.");
        }

        // Arrange
        using var project = GoProject.FromSample("hello");
        project.Environment["DOTNET_JitDisasmSummary"] = "1";

        foreach (var compression in new[] { "gzip", "zstd" })
        {
            // Act: each compression writes its layers (new cache keys), so both compressors run.
            var log = project.PathOf($"jit-{compression}.txt");
            project.Environment["DOTNET_JitStdOutFile"] = log;
            var result = project.Publish($"-p:ContainerLayerCompression={compression}");

            // Assert
            Peers.Expect(result);
            var compiled = File.ReadAllLines(log);
            // The task classes derive from MSBuild's Task, whose layout belongs to the MSBuild that loads them, so the
            // runtime compiles those thin adapters itself; seeing them proves the log covers the tasks that ran.
            Assert.IsTrue(compiled.Any(line => line.Contains("JIT compiled GoImage.Sdk.Tasks.ImageLayer:", StringComparison.Ordinal)), "the JIT log should cover the image tasks");
            Assert.AreEqual(compression == "zstd", compiled.Any(line => line.Contains("JIT compiled ZstdSharp.", StringComparison.Ordinal) && line.Contains("Tier0", StringComparison.Ordinal)), "ZstdSharp ships as IL and runs for zstd layers only");
            // Tier0 is a first compilation, i.e. no precompiled code was taken; a Tier1 line is a hot method recompiled with
            // profile data, which tiering does to precompiled code too.
            var core = compiled.Where(line => CoreMethod().IsMatch(line) && line.Contains("Tier0", StringComparison.Ordinal)).ToList();
            Assert.AreEqual(0, core.Count, $"{compression}: methods the package precompiles were JIT-compiled from IL:\n" + string.Join('\n', core.Take(20)));
        }
    }

    // A method declared in the core or one of the libraries shipped precompiled beside it (not a framework generic
    // instantiated over them). ZstdSharp ships as IL on purpose: JIT-compiled it writes zstd layers faster.
    [GeneratedRegex(@"JIT compiled (GoImage\.(?!Sdk\.Tasks\.)|ICSharpCode\.SharpZipLib\.|Polly\.|YamlDotNet\.)")]
    private static partial Regex CoreMethod();
}
