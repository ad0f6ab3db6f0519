namespace GoImage.Registry;

/// <summary>One logical registry request: where, what it needs to be allowed, and how to (re)build its body for each attempt.</summary>
internal sealed record RegistryRequest(HttpMethod Method, string Target, RegistryScope Scope, string Operation)
{
    /// <summary>Builds the body afresh for each attempt; the idle timeout is given so streamed bodies can report progress.</summary>
    public Func<IdleTimeout, HttpContent>? Content { get; init; }

    public IReadOnlyList<string> Accept { get; init; } = [];

    /// <summary>False for requests whose retry the caller owns (uploads resume or restart as a whole).</summary>
    public bool Retry { get; init; } = true;
}
