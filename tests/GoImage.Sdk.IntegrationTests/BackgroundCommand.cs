using System.Diagnostics;
using System.Text;

namespace GoImage.Sdk.IntegrationTests;

/// <summary>A program left running so a test can interrupt it (SIGKILL of the tree, SIGINT) while it works; output merged as it arrives.</summary>
internal sealed class BackgroundCommand : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    public BackgroundCommand(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var start = Command.StartInfo(fileName, arguments, workingDirectory, environment);
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Waits until a line of output contains <paramref name="text"/>; false if the program ended or the time ran out first.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (Output.Contains(text, StringComparison.Ordinal))
            {
                return true;
            }

            if (process.HasExited)
            {
                return Output.Contains(text, StringComparison.Ordinal);
            }

            Thread.Sleep(20);
        }

        return false;
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!process.WaitForExit(timeout))
        {
            return false;
        }

        process.WaitForExit();  // drains the redirected output
        return true;
    }

    /// <summary>SIGKILL to the program and every process it started, as a crashing CI machine would.</summary>
    public void KillTree()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGINT to the program alone, as Ctrl+C in a terminal delivers it to the foreground process.</summary>
    public void Interrupt()
    {
        var kill = Command.Run("kill", ["-INT", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], "/");
        if (!kill.Succeeded)
        {
            throw new InvalidOperationException("kill -INT failed: " + kill);
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
