using System.Buffers;

namespace GoImage.Layers;

/// <summary>One block's compressed bytes, <see cref="Length"/> of them in a buffer rented from the shared pool.</summary>
internal class CompressedBlock(byte[] output, int length)
{
    public byte[] Output { get; } = output;

    public int Length { get; } = length;

    /// <summary>Gives the output buffer back to the pool; the block is unusable afterwards.</summary>
    public void Release() => ArrayPool<byte>.Shared.Return(Output);
}
