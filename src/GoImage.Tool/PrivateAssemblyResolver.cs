using System.Reflection;
using System.Runtime.Loader;

namespace GoImage.Tool;

/// <summary>
/// Loads the tool's copies of assemblies the .NET SDK also ships (kept in <c>private/</c>, off the probing
/// list) only when nothing else has: during a build the SDK's newer copy is loaded first and serves
/// GoImage.Core too, where ours would have made the SDK's own tasks fail to load theirs.
/// </summary>
internal static class PrivateAssemblyResolver
{
    public static void Register()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "private");
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            if (!File.Exists(path))
            {
                return null;
            }

            // A newer version than ours is the SDK's to provide (Microsoft.Build.Locator's resolver runs next).
            var ours = AssemblyName.GetAssemblyName(path).Version;
            return name.Version is null || ours is null || name.Version <= ours ? context.LoadFromAssemblyPath(path) : null;
        };
    }
}
