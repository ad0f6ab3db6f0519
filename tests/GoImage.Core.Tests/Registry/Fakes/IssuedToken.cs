namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>A Bearer token the fake issued. Only touched under the registry's lock.</summary>
internal sealed class IssuedToken(DateTimeOffset expiresAt, Dictionary<string, HashSet<string>> actionsByRepository)
{
    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Granted actions (<c>pull</c>, <c>push</c>, <c>*</c>) by repository name.</summary>
    public Dictionary<string, HashSet<string>> ActionsByRepository { get; } = actionsByRepository;

    /// <summary>How many requests used the token so far.</summary>
    public int Uses { get; set; }

    public bool Allows(string repository, string action) =>
        ActionsByRepository.TryGetValue(repository, out var actions) && (actions.Contains(action) || actions.Contains("*"));
}
