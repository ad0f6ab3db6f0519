using System.Buffers;
using System.Buffers.Binary;

namespace GoImage.Layers;

/// <summary>
/// Gzip whose every byte is fixed: a header with MTIME 0, no name, XFL 0 and OS 255 (unknown), then one
/// deflate stream made of <see cref="BlockSize"/> blocks, each compressed on its own by SharpZipLib's
/// managed engine at level 5 (<see cref="DeflateBlock"/>), on all cores, joined in input order, and the
/// CRC-32 and size of the whole input. The cut points depend only on the input, so the bytes never depend
/// on the number of workers. .NET's GZipStream calls the platform's zlib, whose output differs between
/// zlib builds, so it can never be the source of a digest.
/// </summary>
internal sealed class PinnedGzipStream : Stream
{
    /// <summary>
    /// SharpZipLib's level 5: on Go binaries 0.6× the time of its level 6 for 0.9 % more bytes, still within
    /// 1 % of <c>gzip -6</c> (bench/compression.sh).
    /// </summary>
    public const int Level = 5;

    /// <summary>Input bytes per deflate block. Part of the format: changing it changes the digest of every layer larger than it.</summary>
    public const int BlockSize = 1024 * 1024;

    /// <summary>How much of the previous block primes the next: deflate's whole window.</summary>
    public const int DictionarySize = 32 * 1024;

    private static readonly byte[] Header = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

    private readonly Stream _output;
    private readonly int _workers;

    // Blocks being compressed, oldest first; bounded so memory stays a few blocks whatever the layer's size.
    private readonly Queue<(Task<DeflateBlock> Job, byte[] Input)> _inFlight = new();
    private byte[] _block;
    private int _filled;
    private byte[]? _dictionary;
    private uint _crc;
    private long _length;
    private bool _finished;

    /// <param name="output">Where the gzip goes.</param>
    /// <param name="workers">Blocks compressed at once; 0 for one per processor. The bytes are the same for any value.</param>
    public PinnedGzipStream(Stream output, int workers = 0)
    {
        _output = output;
        _workers = workers > 0 ? workers : Environment.ProcessorCount;
        _block = ArrayPool<byte>.Shared.Rent(BlockSize);
        _output.Write(Header);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var take = Math.Min(buffer.Length, BlockSize - _filled);
            buffer[..take].CopyTo(_block.AsSpan(_filled));
            _filled += take;
            _length += take;
            buffer = buffer[take..];
            if (_filled == BlockSize)
            {
                Submit(last: false);
            }
        }
    }

    /// <summary>Compresses what is left, writes every block in order and the trailer (CRC-32 and size, little-endian).</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        Submit(last: true);
        while (_inFlight.Count > 0)
        {
            WriteBlock(_inFlight.Dequeue());
        }

        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_length));
        _output.Write(trailer);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Abandoned mid-layer (an error, a cancel): let running blocks end before their buffers go back to the pool.
            while (_inFlight.Count > 0)
            {
                var (job, input) = _inFlight.Dequeue();
                try
                {
                    job.GetAwaiter().GetResult().Release();
                }
                catch (Exception)
                {
                    // The error that abandoned the layer is the one to report.
                }

                ArrayPool<byte>.Shared.Return(input);
            }

            if (_filled >= 0)
            {
                ArrayPool<byte>.Shared.Return(_block);
                _filled = -1;
            }
        }

        base.Dispose(disposing);
    }

    private void Submit(bool last)
    {
        var input = _block;
        var length = _filled;
        var dictionary = _dictionary;
        if (!last)
        {
            _dictionary = input.AsSpan(length - DictionarySize, DictionarySize).ToArray();
            _block = ArrayPool<byte>.Shared.Rent(BlockSize);
            _filled = 0;
        }
        else
        {
            _filled = -1; // the block belongs to the job now
        }

        DeflateBlock Compress() => DeflateBlock.Compress(input, length, dictionary, last);

        if (_workers == 1)
        {
            WriteBlock((Task.FromResult(Compress()), input));
            return;
        }

        if (_inFlight.Count >= 2 * _workers)
        {
            WriteBlock(_inFlight.Dequeue());
        }

        // A thread of its own per block: the writer often is a pool thread (ImageLayers' Parallel.For) that blocks
        // on the oldest block, and pool threads blocked that way would starve the pool that has to run the blocks.
        _inFlight.Enqueue((Task.Factory.StartNew(Compress, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default), input));
    }

    // Buffers go back to the pool here, on the writer's thread, never on a block's short-lived thread: the pool keeps
    // what a live thread returns, so 1 MiB arrays are reused instead of allocated (and collected) per block.
    private void WriteBlock((Task<DeflateBlock> Job, byte[] Input) inFlight)
    {
        DeflateBlock block;
        try
        {
            block = inFlight.Job.GetAwaiter().GetResult();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(inFlight.Input);
        }

        try
        {
            _output.Write(block.Output, 0, block.Length);
            _crc = GzipCrc.Combine(_crc, block.Crc, block.InputLength);
        }
        finally
        {
            block.Release();
        }
    }
}
