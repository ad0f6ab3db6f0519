namespace GoImage.Core.Tests.Registry.Fakes;

/// <summary>The endpoint families under <c>/v2/</c>.</summary>
internal enum RegistryRouteKind
{
    Base,
    Blob,
    Upload,
    Manifest,
    Tags,
    Referrers,
}
