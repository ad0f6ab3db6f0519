namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>A blob upload in progress. Only touched under the registry's lock.</summary>
internal sealed class UploadSession(string id, string state)
{
    public string Id { get; } = id;

    /// <summary>The opaque <c>_state</c> the next request must carry; changes with every PATCH.</summary>
    public string State { get; set; } = state;

    public MemoryStream Data { get; } = new();

    public long Offset => Data.Length;

    /// <summary>A chunk shorter than the minimum was accepted: it must have been the last one.</summary>
    public bool ShortChunkSeen { get; set; }
}
