namespace GoImage.Layers;

public enum LayerEntryKind
{
    Directory,
    File,
    Symlink,
}
