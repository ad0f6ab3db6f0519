namespace GoImage.Registry;

/// <summary>What pushing one blob took: nothing (the registry had it), a mount from another repository, or an upload.</summary>
public enum BlobPushOutcome
{
    AlreadyPresent,
    Mounted,
    Uploaded,
}
