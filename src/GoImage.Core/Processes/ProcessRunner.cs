using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GoImage.Processes;

/// <summary>
/// Runs an external program, capturing its output, optionally feeding it standard input and limiting
/// how long it may run, and kills its whole process tree on cancellation or timeout.
/// </summary>
public static class ProcessRunner
{
    public static Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken cancellationToken) =>
        RunAsync(fileName, arguments, workingDirectory, environment, standardInput: null, Timeout.InfiniteTimeSpan, cancellationToken);

    /// <param name="standardInput">Written to the program's standard input (UTF-8, no BOM), which is then closed; null closes it at once.</param>
    /// <param name="timeout">How long the program may run, <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</param>
    /// <exception cref="TimeoutException">The program ran longer than <paramref name="timeout"/>; it was killed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled; the program was killed.</exception>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        string? standardInput,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        }

        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Always redirected: a child must never wait on the terminal's input.
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            // No BOM: programs such as credential helpers compare what they read byte for byte.
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        var errors = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Append(e.Data).Append('\n');
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.Add(e.Data);
                }
            }
        };

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            limit.CancelAfter(timeout);
        }

        // Killing at once (not when an await returns) also ends a write blocked on a child that never reads.
        await using (limit.Token.Register(() => KillTree(process)))
        {
            try
            {
                await WriteInputAsync(process, standardInput, limit.Token).ConfigureAwait(false);
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                KillTree(process);
                cancellationToken.ThrowIfCancellationRequested();
                var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                throw new TimeoutException($"{Path.GetFileName(fileName)} did not exit within {seconds} seconds and was stopped.");
            }
        }

        // The parameterless wait drains the redirected streams after exit.
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.ToString(), errors);
    }

    private static async Task WriteInputAsync(Process process, string? standardInput, CancellationToken cancellationToken)
    {
        try
        {
            if (!string.IsNullOrEmpty(standardInput))
            {
                await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program exited (or was killed) without reading everything; its exit code tells what happened.
        }
    }

    // go spawns compile and link, a credential helper gpg or a keychain agent: killing only the first would leave them running.
    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
