namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>A manifest as the registry keeps it: the exact bytes and the Content-Type it was pushed with.</summary>
internal sealed record StoredManifest(byte[] Bytes, string ContentType);
