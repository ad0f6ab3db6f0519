using System.Text;
using System.Text.RegularExpressions;

namespace GoImage.Images;

/// <summary>Repository and tag rules of the distribution spec (the grammar docker, podman and registries share).</summary>
public static partial class ImageName
{
    public const int MaxRepositoryLength = 255;

    /// <summary>Why <paramref name="repository"/> is not a repository name, or null if it is one.</summary>
    public static string? RepositoryProblem(string repository)
    {
        if (repository.Length == 0)
        {
            return "it is empty";
        }

        if (repository.Length > MaxRepositoryLength)
        {
            return $"it is longer than {MaxRepositoryLength} characters";
        }

        foreach (var component in repository.Split('/'))
        {
            if (!RepositoryComponent().IsMatch(component))
            {
                return component.Any(char.IsUpper)
                    ? $"'{component}' has uppercase letters"
                    : $"'{component}' is not lowercase letters and digits joined by '.', '_', '__' or '-'";
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="tag"/> is not a tag, or null if it is one.</summary>
    public static string? TagProblem(string tag) =>
        tag.Length == 0 ? "it is empty"
        : tag.Length > 128 ? "it is longer than 128 characters"
        : !Tag().IsMatch(tag) ? "a tag is letters, digits, '_', '.' and '-', not starting with '.' or '-'"
        : null;

    /// <summary>
    /// The default repository from a project name, as the .NET SDK derives it: lowercase, runs of
    /// other characters become '-', and no separator at either end (<c>Shop.API v2</c> → <c>shop.api-v2</c>).
    /// </summary>
    public static string NormalizeRepository(string projectName)
    {
        var text = new StringBuilder();
        foreach (var c in projectName.ToLowerInvariant())
        {
            text.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '/' ? c : '-');
        }

        var components = text.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(c => SeparatorRun().Replace(c, m => m.Value[0] == '-' ? "-" : m.Value.Length > 1 && m.Value[0] == '_' ? "__" : m.Value[..1]).Trim('.', '_', '-'))
            .Where(c => c.Length > 0);
        return string.Join('/', components);
    }

    [GeneratedRegex("^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryComponent();

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("[._-]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex SeparatorRun();
}
