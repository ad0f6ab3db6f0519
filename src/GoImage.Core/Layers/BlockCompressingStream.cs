using System.Buffers;

namespace GoImage.Layers;

/// <summary>
/// A write-only stream that cuts its input into <see cref="BlockSize"/> blocks, compresses them on all cores
/// and writes them in input order. The cut points depend only on the input, and a block's bytes only on the
/// block (and what <see cref="Prepare"/> takes from the blocks before it), so the output never depends on the
/// number of workers, the threads or how the input arrives. The format around the blocks is the subclass's.
/// </summary>
internal abstract class BlockCompressingStream : Stream
{
    /// <summary>Input bytes per block. Part of every format: changing it changes the digest of every layer larger than it.</summary>
    public const int BlockSize = 1024 * 1024;

    private readonly int _workers;

    // Blocks being compressed, oldest first; bounded so memory stays a few blocks whatever the layer's size.
    private readonly Queue<(Task<CompressedBlock> Job, byte[] Input)> _inFlight = new();
    private byte[] _block;
    private int _filled;
    private long _length;
    private bool _finished;

    /// <param name="output">Where the compressed stream goes.</param>
    /// <param name="workers">Blocks compressed at once; 0 for one per processor. The bytes are the same for any value.</param>
    protected BlockCompressingStream(Stream output, int workers)
    {
        Output = output;
        _workers = workers > 0 ? workers : Environment.ProcessorCount;
        _block = ArrayPool<byte>.Shared.Rent(BlockSize);
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    /// <summary>Input bytes taken so far.</summary>
    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    protected Stream Output { get; }

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

    /// <summary>Compresses what is left, writes every block in order, then the format's trailer.</summary>
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

        WriteTrailer();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Called on the writer's thread, block by block in input order: what compresses this block, run later on any
    /// thread. <paramref name="input"/> holds <paramref name="length"/> bytes and is reused once the job has run.
    /// </summary>
    protected abstract Func<CompressedBlock> Prepare(byte[] input, int length, bool last);

    /// <summary>Writes one compressed block; called in input order on the writer's thread.</summary>
    protected virtual void Append(CompressedBlock block) => Output.Write(block.Output, 0, block.Length);

    /// <summary>Whatever the format puts after the last block.</summary>
    protected virtual void WriteTrailer()
    {
    }

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
        var compress = Prepare(input, _filled, last);
        if (!last)
        {
            _block = ArrayPool<byte>.Shared.Rent(BlockSize);
            _filled = 0;
        }
        else
        {
            _filled = -1; // the block belongs to the job now
        }

        if (_workers == 1)
        {
            WriteBlock((Task.FromResult(compress()), input));
            return;
        }

        if (_inFlight.Count >= 2 * _workers)
        {
            WriteBlock(_inFlight.Dequeue());
        }

        // A thread of its own per block: the writer often is a pool thread (ImageLayers' Parallel.For) that blocks
        // on the oldest block, and pool threads blocked that way would starve the pool that has to run the blocks.
        _inFlight.Enqueue((Task.Factory.StartNew(compress, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default), input));
    }

    // Buffers go back to the pool here, on the writer's thread, never on a block's short-lived thread: the pool keeps
    // what a live thread returns, so 1 MiB arrays are reused instead of allocated (and collected) per block.
    private void WriteBlock((Task<CompressedBlock> Job, byte[] Input) inFlight)
    {
        CompressedBlock block;
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
            Append(block);
        }
        finally
        {
            block.Release();
        }
    }
}
