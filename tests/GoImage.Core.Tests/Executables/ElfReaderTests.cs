using System.Text.RegularExpressions;
using GoImage.Diagnostics;
using GoImage.Executables;

namespace GoImage.Core.Tests.Executables;

/// <summary>The reader against readelf, on binaries go, gcc and aarch64-linux-gnu-gcc build here, and on the system's C libraries.</summary>
[TestClass]
public sealed partial class ElfReaderTests
{
    // readelf's machine names for the machines the samples are built for.
    private static readonly Dictionary<string, ushort> ReadelfMachines = new(StringComparer.Ordinal)
    {
        ["Advanced Micro Devices X86-64"] = ElfMachine.X64,
        ["AArch64"] = ElfMachine.AArch64,
        ["Intel 80386"] = ElfMachine.X86,
        ["PowerPC64"] = ElfMachine.PowerPC64,
    };

    [TestMethod]
    [DataRow("static")]
    [DataRow("pie")]
    [DataRow("pie-arm64")]
    [DataRow("static-386")]
    [DataRow("static-ppc64")]
    [DataRow("cgo")]
    [DataRow("cgo-arm64")]
    [DataRow("libgreet.so")]
    [DataRow("c-arm64")]
    public void WhatTheReaderReads_IsWhatReadelfShows(string sample)
    {
        var path = ElfSamples.Path(sample);

        var file = ElfReader.Read(path);

        AssertAsReadelf(path, file);
    }

    [TestMethod]
    [DataRow("/lib/x86_64-linux-gnu/libc.so.6")]
    [DataRow("/usr/aarch64-linux-gnu/lib/libc.so.6")]
    [DataRow("/usr/aarch64-linux-gnu/lib/libm.so.6")]
    public void ACLibrary_DefinesItsGlibcVersions_AsReadelfShows(string path)
    {
        var file = ElfReader.Read(path);

        AssertAsReadelf(path, file);
        CollectionAssert.Contains(file.VersionDefinitions.ToList(), "GLIBC_2.17");
    }

    [TestMethod]
    public void AStaticGoBinary_IsStatic_AndAPieOne_NeedsTheLoader()
    {
        Assert.IsTrue(ElfReader.Read(ElfSamples.Path("static")).IsStatic);
        var pie = ElfReader.Read(ElfSamples.Path("pie"));
        Assert.IsFalse(pie.IsStatic);
        Assert.AreEqual(ElfFileType.SharedObject, pie.Type);
    }

    [TestMethod]
    public void AnUnseekableStream_ReadsAsTheFileDoes()
    {
        var path = ElfSamples.Path("cgo");
        using var pipe = new UnseekableStream(File.ReadAllBytes(path));

        var file = ElfReader.Read(pipe, "cgo");

        AssertAsReadelf(path, file);
    }

    [TestMethod]
    public void TextThatIsNoElf_IsGoi2110()
    {
        var e = Assert.ThrowsExactly<GoImageException>(() => ElfReader.Read(new MemoryStream("#!/bin/sh\necho hi\n"u8.ToArray()), "run.sh"));

        Assert.AreEqual(Diagnostic.Codes.ExecutableUnreadable, e.Diagnostic.Code);
        StringAssert.Contains(e.Message, "run.sh");
    }

    [TestMethod]
    public void AMissingFile_IsGoi2110()
    {
        var e = Assert.ThrowsExactly<GoImageException>(() => ElfReader.Read(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))));

        Assert.AreEqual(Diagnostic.Codes.ExecutableUnreadable, e.Diagnostic.Code);
    }

    [TestMethod]
    public void EveryCutOfARealBinary_IsACodedErrorOrAReading_NeverAnotherException()
    {
        var bytes = File.ReadAllBytes(ElfSamples.Path("cgo"));
        var failures = 0;
        foreach (var length in Enumerable.Range(0, 4200).Where(l => l < 128 || l % 7 == 0))
        {
            failures += Outcome(bytes[..Math.Min(length, bytes.Length)]) ? 0 : 1;
        }

        Assert.IsTrue(failures > 100, "cut files are refused");
    }

    [TestMethod]
    public void RandomDamageInTheHeadersAndTables_IsACodedErrorOrAReading_NeverAnotherException()
    {
        var original = File.ReadAllBytes(ElfSamples.Path("cgo"));
        var random = new Random(14);
        var failures = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(0, 4096)] = (byte)random.Next(256);
            }

            failures += Outcome(bytes) ? 0 : 1;
        }

        Assert.IsTrue(failures > 0, "some damage is noticed");
    }

    // True when the bytes read as ELF; false for GOI2110; any other exception fails the test.
    private static bool Outcome(byte[] bytes)
    {
        try
        {
            ElfReader.Read(new MemoryStream(bytes), "damaged");
            return true;
        }
        catch (GoImageException e)
        {
            Assert.AreEqual(Diagnostic.Codes.ExecutableUnreadable, e.Diagnostic.Code);
            return false;
        }
    }

    private static void AssertAsReadelf(string path, ElfFile file)
    {
        var header = ElfSamples.Run("readelf", "-hW", path);
        Assert.AreEqual(Field(header, "Class"), file.Class == ElfClass.Elf64 ? "ELF64" : "ELF32");
        StringAssert.Contains(Field(header, "Data"), file.ByteOrder == ElfByteOrder.LittleEndian ? "little endian" : "big endian");
        Assert.AreEqual(ReadelfMachines[Field(header, "Machine")], file.Machine);
        Assert.AreEqual(Field(header, "Type").Split(' ')[0], file.Type switch { ElfFileType.Executable => "EXEC", ElfFileType.SharedObject => "DYN", _ => "?" });

        var interpreter = InterpreterLine().Match(ElfSamples.Run("readelf", "-lW", path));
        Assert.AreEqual(interpreter.Success ? interpreter.Groups[1].Value : null, file.Interpreter);

        var dynamic = ElfSamples.Run("readelf", "-dW", path);
        CollectionAssert.AreEqual(NeededLine().Matches(dynamic).Select(m => m.Groups[1].Value).ToList(), file.Needed.ToList());
        var soname = SonameLine().Match(dynamic);
        Assert.AreEqual(soname.Success ? soname.Groups[1].Value : null, file.SoName);

        var (needs, definitions) = Versions(ElfSamples.Run("readelf", "-VW", path));
        Assert.AreEqual(string.Join(" | ", needs), string.Join(" | ", file.VersionNeeds.Select(n => $"{n.Library}: {string.Join(' ', n.Versions)}")));
        CollectionAssert.AreEqual(definitions, file.VersionDefinitions.ToList());
    }

    private static string Field(string readelfHeader, string name) =>
        readelfHeader.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith(name + ":", StringComparison.Ordinal))[(name.Length + 1)..].Trim();

    // readelf -V: .gnu.version_r as "File: lib  Cnt: n" lines each followed by "Name: version" lines; .gnu.version_d as "Flags: … Name: version" lines.
    private static (List<string> Needs, List<string> Definitions) Versions(string text)
    {
        var needs = new List<string>();
        var definitions = new List<string>();
        var section = "";
        foreach (var line in text.Split('\n'))
        {
            if (line.Contains("section '", StringComparison.Ordinal))
            {
                section = line;
            }
            else if (section.Contains(".gnu.version_r", StringComparison.Ordinal) && VersionFile().Match(line) is { Success: true } file)
            {
                needs.Add(file.Groups[1].Value + ":");
            }
            else if (section.Contains(".gnu.version_r", StringComparison.Ordinal) && VersionName().Match(line) is { Success: true } need)
            {
                needs[^1] += " " + need.Groups[1].Value;
            }
            else if (section.Contains(".gnu.version_d", StringComparison.Ordinal) && DefinitionLine().Match(line) is { Success: true } definition && definition.Groups[1].Value != "BASE")
            {
                definitions.Add(definition.Groups[2].Value);
            }
        }

        return (needs, definitions);
    }

    [GeneratedRegex(@"\[Requesting program interpreter: (.*)\]")]
    private static partial Regex InterpreterLine();

    [GeneratedRegex(@"\(NEEDED\)\s+Shared library: \[(.*)\]")]
    private static partial Regex NeededLine();

    [GeneratedRegex(@"\(SONAME\)\s+Library soname: \[(.*)\]")]
    private static partial Regex SonameLine();

    [GeneratedRegex(@"Version: \d+\s+File: (\S+)\s+Cnt:")]
    private static partial Regex VersionFile();

    [GeneratedRegex(@"^\s*0x[0-9a-f]+:\s+Name: (\S+)\s+Flags:")]
    private static partial Regex VersionName();

    [GeneratedRegex(@"Rev: \d+\s+Flags: (\S+)\s+Index: \d+\s+Cnt: \d+\s+Name: (\S+)")]
    private static partial Regex DefinitionLine();

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
