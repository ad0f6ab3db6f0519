namespace GoImage.Signing;

/// <summary>One signature of a DSSE envelope: the key's id (empty for a cosign key) and the DER signature over the PAE bytes.</summary>
public sealed record DsseSignature(string KeyId, byte[] Signature);
