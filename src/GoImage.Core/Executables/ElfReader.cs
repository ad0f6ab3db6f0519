using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using GoImage.Diagnostics;

namespace GoImage.Executables;

/// <summary>
/// Reads what the loader reads, as the loader finds it: the program headers (PT_INTERP, PT_DYNAMIC, PT_LOAD), then the
/// dynamic section's tags, whose addresses are mapped to file offsets through the PT_LOAD segments. Section headers
/// are never needed, so stripped files read the same. Anything malformed is GOI2110, never another exception.
/// </summary>
public static class ElfReader
{
    private const uint PtLoad = 1;
    private const uint PtDynamic = 2;
    private const uint PtInterp = 3;

    private const long DtNull = 0;
    private const long DtNeeded = 1;
    private const long DtStrtab = 5;
    private const long DtStrsz = 10;
    private const long DtSoname = 14;
    private const long DtVerdef = 0x6ffffffc;
    private const long DtVerdefnum = 0x6ffffffd;
    private const long DtVerneed = 0x6ffffffe;
    private const long DtVerneednum = 0x6fffffff;

    // .gnu.version_d's entry for the file itself (its soname), not a version it defines.
    private const ushort VerFlagBase = 1;

    // Bounds on what a real file holds, so a damaged count cannot make the reader loop or allocate without end.
    private const int MaximumTableBytes = 64 * 1024 * 1024;
    private const int MaximumVersionEntries = 65536;
    private const int MaximumInterpreterBytes = 4096;

    /// <summary>Reads the file at <paramref name="path"/>; a file that cannot be opened is GOI2110 too.</summary>
    public static ElfFile Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Read(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GoImageException(Diagnostic.ExecutableUnreadable(path, e.Message));
        }
    }

    /// <summary>Reads an ELF file from a stream; one that cannot seek is read into memory first.</summary>
    /// <param name="name">What the file is called in messages.</param>
    public static ElfFile Read(Stream stream, string name) =>
        TryRead(stream, out var file, out var reason) ? file : throw new GoImageException(Diagnostic.ExecutableUnreadable(name, reason));

    /// <summary>Reads an ELF file, or says in <paramref name="reason"/> why it is not one this reader understands.</summary>
    public static bool TryRead(Stream stream, [NotNullWhen(true)] out ElfFile? file, out string reason)
    {
        try
        {
            if (!stream.CanSeek)
            {
                var copy = new MemoryStream();
                stream.CopyTo(copy);
                copy.Position = 0;
                stream = copy;
            }

            (file, reason) = (new Parser(stream).Parse(), "");
            return true;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or OverflowException or ArgumentException or IOException)
        {
            (file, reason) = (null, e.Message);
            return false;
        }
    }

    private sealed class Parser(Stream stream)
    {
        private readonly List<(ulong Address, ulong Offset, ulong Size)> loads = [];
        private bool big;
        private bool wide;

        public ElfFile Parse()
        {
            var ident = ReadAt(0, 16);
            if (ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F')
            {
                throw new InvalidDataException("it does not start with the ELF magic bytes");
            }

            var elfClass = ident[4] switch
            {
                1 => ElfClass.Elf32,
                2 => ElfClass.Elf64,
                _ => throw new InvalidDataException($"its ELF class {ident[4]} is neither 32- nor 64-bit"),
            };
            var order = ident[5] switch
            {
                1 => ElfByteOrder.LittleEndian,
                2 => ElfByteOrder.BigEndian,
                _ => throw new InvalidDataException($"its byte order {ident[5]} is neither little- nor big-endian"),
            };
            wide = elfClass == ElfClass.Elf64;
            big = order == ElfByteOrder.BigEndian;

            var header = ReadAt(0, wide ? 64UL : 52UL);
            var type = (ElfFileType)U16(header, 16);
            var machine = U16(header, 18);
            var phoff = wide ? U64(header, 32) : U32(header, 28);
            var phentsize = U16(header, wide ? 54 : 42);
            var phnum = U16(header, wide ? 56 : 44);
            if (phnum > 0 && phentsize < (wide ? 56 : 32))
            {
                throw new InvalidDataException($"its program header entries are {phentsize} bytes, too small");
            }

            string? interpreter = null;
            (ulong Offset, ulong Size)? dynamic = null;
            var table = phnum == 0 ? [] : ReadAt(phoff, checked((ulong)phentsize * phnum));
            for (var i = 0; i < phnum; i++)
            {
                var at = i * phentsize;
                var kind = U32(table, at);
                var offset = wide ? U64(table, at + 8) : U32(table, at + 4);
                var address = wide ? U64(table, at + 16) : U32(table, at + 8);
                var fileSize = wide ? U64(table, at + 32) : U32(table, at + 16);
                switch (kind)
                {
                    case PtLoad:
                        loads.Add((address, offset, fileSize));
                        break;
                    case PtDynamic:
                        dynamic = (offset, fileSize);
                        break;
                    case PtInterp:
                        interpreter = CString(ReadAt(offset, Math.Min(fileSize, (ulong)MaximumInterpreterBytes)), 0);
                        break;
                }
            }

            var file = new ElfFile { Class = elfClass, ByteOrder = order, Machine = machine, Type = type, Interpreter = interpreter };
            return dynamic is { } d ? ReadDynamic(file, d.Offset, d.Size) : file;
        }

        private ElfFile ReadDynamic(ElfFile file, ulong offset, ulong size)
        {
            var entrySize = wide ? 16 : 8;
            var bytes = ReadAt(offset, size - (size % (ulong)entrySize));
            var needed = new List<ulong>();
            ulong? soname = null, strtab = null, strsz = null, verneed = null, verdef = null;
            ulong verneedCount = 0, verdefCount = 0;
            for (var at = 0; at + entrySize <= bytes.Length; at += entrySize)
            {
                var tag = wide ? (long)U64(bytes, at) : (int)U32(bytes, at);
                var value = wide ? U64(bytes, at + 8) : U32(bytes, at + 4);
                if (tag == DtNull)
                {
                    break;
                }

                switch (tag)
                {
                    case DtNeeded: needed.Add(value); break;
                    case DtSoname: soname = value; break;
                    case DtStrtab: strtab = value; break;
                    case DtStrsz: strsz = value; break;
                    case DtVerneed: verneed = value; break;
                    case DtVerneednum: verneedCount = value; break;
                    case DtVerdef: verdef = value; break;
                    case DtVerdefnum: verdefCount = value; break;
                }
            }

            if (needed.Count == 0 && soname is null && verneed is null && verdef is null)
            {
                return file;
            }

            if (strtab is null || strsz is null)
            {
                throw new InvalidDataException("its dynamic section has no string table");
            }

            var strings = ReadAt(OffsetOf(strtab.Value, "DT_STRTAB"), strsz.Value);
            return file with
            {
                Needed = needed.Select(n => CString(strings, n)).ToList(),
                SoName = soname is { } s ? CString(strings, s) : null,
                VersionNeeds = verneed is { } vn ? VersionNeeds(OffsetOf(vn, "DT_VERNEED"), verneedCount, strings) : [],
                VersionDefinitions = verdef is { } vd ? VersionDefinitions(OffsetOf(vd, "DT_VERDEF"), verdefCount, strings) : [],
            };
        }

        // Elf_Verneed (16 bytes: version, cnt, file, aux, next) → its Elf_Vernaux (16 bytes: hash, flags, other, name, next).
        private List<ElfVersionNeed> VersionNeeds(ulong offset, ulong count, byte[] strings)
        {
            var result = new List<ElfVersionNeed>();
            foreach (var (at, record) in Chain(offset, count, 16, 12))
            {
                var versions = new List<string>();
                var auxCount = U16(record, 2);
                foreach (var (_, aux) in Chain(checked(at + U32(record, 8)), auxCount, 16, 12))
                {
                    versions.Add(CString(strings, U32(aux, 8)));
                }

                result.Add(new ElfVersionNeed(CString(strings, U32(record, 4)), versions));
            }

            return result;
        }

        // Elf_Verdef (20 bytes: version, flags, ndx, cnt, hash, aux, next) → its first Elf_Verdaux (name, next) is the version's name.
        private List<string> VersionDefinitions(ulong offset, ulong count, byte[] strings)
        {
            var result = new List<string>();
            foreach (var (at, record) in Chain(offset, count, 20, 16))
            {
                if ((U16(record, 2) & VerFlagBase) != 0 || U16(record, 6) == 0)
                {
                    continue;
                }

                var aux = ReadAt(checked(at + U32(record, 12)), 8);
                result.Add(CString(strings, U32(aux, 0)));
            }

            return result;
        }

        // A linked list of fixed-size records whose "next" field (at nextField) is an offset from the record itself; 0 ends it.
        private IEnumerable<(ulong At, byte[] Record)> Chain(ulong offset, ulong count, int size, int nextField)
        {
            if (count > MaximumVersionEntries)
            {
                throw new InvalidDataException($"it claims {count} version entries");
            }

            var at = offset;
            for (ulong i = 0; i < count; i++)
            {
                var record = ReadAt(at, (ulong)size);
                yield return (at, record);
                var next = U32(record, nextField);
                if (next == 0)
                {
                    yield break;
                }

                at = checked(at + next);
            }
        }

        private ulong OffsetOf(ulong address, string what)
        {
            foreach (var (start, offset, size) in loads)
            {
                if (address >= start && address - start < size)
                {
                    return offset + (address - start);
                }
            }

            throw new InvalidDataException($"its {what} address 0x{address:x} is in no loaded segment");
        }

        private byte[] ReadAt(ulong offset, ulong count)
        {
            if (count > MaximumTableBytes || offset > (ulong)stream.Length || count > (ulong)stream.Length - offset)
            {
                throw new InvalidDataException($"it is cut short: {count} bytes at offset {offset} lie beyond its {stream.Length} bytes");
            }

            var bytes = new byte[count];
            stream.Position = (long)offset;
            stream.ReadExactly(bytes);
            return bytes;
        }

        private static string CString(byte[] bytes, ulong offset)
        {
            if (offset >= (ulong)bytes.Length)
            {
                throw new InvalidDataException($"a name at string offset {offset} lies beyond its string table");
            }

            var start = (int)offset;
            var end = Array.IndexOf(bytes, (byte)0, start);
            if (end < 0)
            {
                throw new InvalidDataException($"a name at string offset {offset} has no end");
            }

            return Encoding.UTF8.GetString(bytes, start, end - start);
        }

        private ushort U16(byte[] b, int at) => big ? BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at));

        private uint U32(byte[] b, int at) => big ? BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at));

        private ulong U64(byte[] b, int at) => big ? BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt64LittleEndian(b.AsSpan(at));
    }
}
