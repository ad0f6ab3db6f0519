namespace GoImage.Core.Tests;

/// <summary>Reads the golden files copied beside the test assembly (see Golden/ in the project).</summary>
internal static class GoldenFile
{
    public static byte[] Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.IsTrue(File.Exists(path), $"golden file {path} is missing: is it copied to the output folder?");
        return File.ReadAllBytes(path);
    }
}
