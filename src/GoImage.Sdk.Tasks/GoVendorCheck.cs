using GoImage.Diagnostics;
using GoImage.Go;

namespace GoImage.Sdk.Tasks;

public sealed partial class GoVendorCheck : GoImageTask
{
    protected override bool ExecuteCore()
    {
        var mode = GoModModeParser.Parse(GoModMode);
        var vendorDir = Path.Combine(ModuleDirectory, "vendor");
        var modulesTxt = Path.Combine(vendorDir, "modules.txt");
        var vendorMode = mode == Go.GoModMode.Vendor || (mode == Go.GoModMode.Auto && Directory.Exists(vendorDir));
        if (!vendorMode)
        {
            return true;
        }

        if (!File.Exists(modulesTxt))
        {
            var why = mode == Go.GoModMode.Vendor ? "GoModMode is vendor" : "a vendor folder exists";
            Report(Diagnostic.VendorModulesTxtMissing(why, modulesTxt, ModuleDirectory));
            return false;
        }

        var goMod = GoModFile.Read(Path.Combine(ModuleDirectory, "go.mod"));
        var problems = VendorConsistency.Check(goMod, vendorDir, Go.GoVersion.Parse(GoVersion));
        return Report(problems);
    }
}
