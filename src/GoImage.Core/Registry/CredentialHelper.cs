using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using GoImage.Diagnostics;
using GoImage.Processes;

namespace GoImage.Registry;

/// <summary>
/// Runs a docker-credential-&lt;name&gt; program the way the docker CLI does: found on PATH, <c>get</c> with the
/// server URL on stdin, a JSON answer with Username and Secret on stdout, within a time limit. Neither the
/// answer nor anything that may hold the secret reaches a message.
/// </summary>
public sealed class CredentialHelper
{
    private readonly Func<string, string?> environment;
    private readonly TimeSpan timeout;

    /// <param name="environment">Where PATH is read from.</param>
    public CredentialHelper(Func<string, string?> environment, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        this.environment = environment;
        this.timeout = timeout;
    }

    /// <summary>
    /// Asks the helper <paramref name="entry"/> names for <paramref name="server"/>'s credential. A helper
    /// that is not installed or has an unsafe name is a warning (anonymous); one that fails, answers
    /// nonsense or runs too long is an error.
    /// </summary>
    public async Task<CredentialLookup> GetAsync(CredentialHelperEntry entry, DockerServerAddress server, string configPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(server);
        var name = entry.Name;

        // Docker runs docker-credential-<name> from PATH; a name with a path in it ("../x", "/tmp/x") would run anything.
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') || name is "." or "..")
        {
            return new CredentialLookup(null, [Diagnostic.CredentialHelperNameInvalid(name, configPath, server.Host)]);
        }

        var program = ProgramSearch.FindOnPath("docker-credential-" + name, environment("PATH"));
        if (program is null)
        {
            return new CredentialLookup(null, [Diagnostic.CredentialHelperNotFound(name, configPath, server.Host)]);
        }

        ProcessResult result;
        try
        {
            // Docker writes the URL without a newline and closes stdin; helpers read to the end.
            result = await ProcessRunner.RunAsync(
                program, ["get"], Environment.CurrentDirectory, new Dictionary<string, string?>(), server.ServerUrl, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            throw new GoImageException(Diagnostic.CredentialHelperFailed(name, server.ServerUrl, e.Message, configPath));
        }
        catch (TimeoutException)
        {
            var seconds = timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new GoImageException(Diagnostic.CredentialHelperTimedOut(name, seconds, server.ServerUrl, configPath));
        }

        var output = result.StandardOutput;
        var errors = string.Join('\n', result.StandardErrorLines);
        if (result.ExitCode != 0)
        {
            // docker-credential-helpers print this on stdout when the store has no entry: not an error.
            if (output.Contains("credentials not found", StringComparison.OrdinalIgnoreCase)
                || errors.Contains("credentials not found", StringComparison.OrdinalIgnoreCase))
            {
                return CredentialLookup.Anonymous;
            }

            throw new GoImageException(Diagnostic.CredentialHelperFailed(name, server.ServerUrl, DescribeFailure(result.ExitCode, output, errors), configPath));
        }

        var credential = ParseAnswer(output, entry, server, configPath);
        return credential is null ? CredentialLookup.Anonymous : new CredentialLookup(credential, []);
    }

    /// <summary>
    /// stderr when there is any; otherwise stdout, where docker-credential-helpers print their errors,
    /// but only when short and not JSON, so a half-written answer holding the secret is never shown.
    /// </summary>
    private static string DescribeFailure(int exitCode, string output, string errors)
    {
        const int MaxLength = 300;
        var text = errors.Trim();
        if (text.Length == 0)
        {
            var candidate = output.Trim();
            if (candidate.Length <= MaxLength && !candidate.Contains('{', StringComparison.Ordinal))
            {
                text = candidate;
            }
        }

        if (text.Length > MaxLength)
        {
            text = text[..MaxLength] + "…";
        }

        return text.Length == 0 ? $"exit code {exitCode}" : $"exit code {exitCode}: {text}";
    }

    private static RegistryCredential? ParseAnswer(string output, CredentialHelperEntry entry, DockerServerAddress server, string configPath)
    {
        string? user;
        string? secret;
        try
        {
            using var answer = JsonDocument.Parse(output);
            if (answer.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new JsonException();
            }

            user = ReadField(answer.RootElement, "Username");
            secret = ReadField(answer.RootElement, "Secret");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // The answer may hold the secret, so the message describes it instead of quoting it.
            throw new GoImageException(Diagnostic.CredentialHelperAnswerInvalid(entry.Name, server.ServerUrl, configPath));
        }

        if (string.IsNullOrEmpty(user) && string.IsNullOrEmpty(secret))
        {
            return null;
        }

        return new RegistryCredential(user ?? "", secret ?? "", $"credential helper docker-credential-{entry.Name} ({entry.ConfigKey} in {configPath})");
    }

    // GetString throws InvalidOperationException for a non-string, which the caller reports.
    private static string? ReadField(JsonElement answer, string name) =>
        answer.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.GetString() : null;
}
