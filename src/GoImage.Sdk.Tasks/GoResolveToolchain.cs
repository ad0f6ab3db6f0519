using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Sdk.Tasks;

public sealed partial class GoResolveToolchain : GoImageTask
{
    protected override bool ExecuteCore()
    {
        var packageDir = Path.GetFullPath(PackageDirectory);
        if (!Directory.Exists(packageDir))
        {
            Report(Diagnostic.GoPackageNotFound(packageDir, GoPackage));
            return false;
        }

        var goModPath = GoModFile.FindModuleFile(packageDir);
        if (goModPath is null)
        {
            Report(Diagnostic.GoModNotFound(packageDir));
            return false;
        }

        var toolchain = GoToolchainLocator.Locate(GoRoot, Environment.GetEnvironmentVariable("GOROOT"), Environment.GetEnvironmentVariable("PATH"));
        var goMod = GoModFile.Read(goModPath);
        if (!Report(GoToolchainLocator.CheckModuleRequirements(goMod, toolchain)))
        {
            return false;
        }

        GoExecutable = toolchain.Executable;
        ResolvedGoRoot = toolchain.GoRoot;
        GoVersion = toolchain.VersionName ?? "";
        ModuleDirectory = Path.GetDirectoryName(goModPath)!;
        var relative = Path.GetRelativePath(ModuleDirectory, packageDir).Replace('\\', '/');
        PackagePath = relative == "." ? "." : "./" + relative;
        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.Low, $"Go toolchain: {toolchain.Executable} ({GoVersion}), chosen from {toolchain.ChosenFrom}");
        return true;
    }
}
