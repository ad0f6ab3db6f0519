using GoImage.Images;
using GoImage.IO;

namespace GoImage.Registry;

/// <summary>Progress of a push: one blob done, and how.</summary>
public sealed record BlobPushed(Descriptor Blob, BlobPushOutcome Outcome)
{
    /// <summary>The progress line the ImagePush task and goimage push print: "sha256:0123456789ab uploaded (2.3 MiB)".</summary>
    public override string ToString() => $"{Blob.Digest.ToShortString()} {Outcome switch
    {
        BlobPushOutcome.Uploaded => $"uploaded ({ByteSize.Format(Blob.Size)})",
        BlobPushOutcome.Mounted => "mounted",
        _ => "already present",
    }}";
}
