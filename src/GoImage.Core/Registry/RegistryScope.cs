namespace GoImage.Registry;

/// <summary>What a request needs to be allowed: pull (and push) on a repository, and pull on a mount's source.</summary>
internal sealed record RegistryScope(string Repository, bool Push, string? MountFrom = null)
{
    /// <summary>The token scopes to ask for, as the distribution token spec spells them.</summary>
    public IEnumerable<string> TokenScopes()
    {
        yield return $"repository:{Repository}:{(Push ? "pull,push" : "pull")}";
        if (MountFrom is not null)
        {
            yield return $"repository:{MountFrom}:pull";
        }
    }

    public override string ToString() => string.Join(' ', TokenScopes());
}
