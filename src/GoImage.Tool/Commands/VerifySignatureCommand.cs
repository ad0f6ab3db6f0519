using System.CommandLine;
using GoImage.Diagnostics;
using GoImage.Inspection;
using GoImage.Signing;
using GoImage.Tool.Output;

namespace GoImage.Tool.Commands;

/// <summary><c>goimage verify-signature</c>: checks an image's cosign signatures and attestations with a public key, offline.</summary>
internal static class VerifySignatureCommand
{
    private const string Description = """
        Check an image's signatures and attestations with a public key, as 'cosign verify --key
        --insecure-ignore-tlog' would, without the network beyond the registry: for the index and
        each platform manifest, the signature at sha256-<hex>.sig (over the payload, which must name
        that manifest), every attestation's DSSE signature at sha256-<hex>.att, every Sigstore bundle
        referrer, and that each statement's subjects are the image's own manifests.

        IMAGE is an OCI layout folder, an image tarball, or host[:port]/repository[:tag].

        Examples:
          goimage verify-signature --key cosign.pub bin/Release/publish/image
          goimage verify-signature --key cosign.pub 127.0.0.1:5000/shop/api:1.0

        Exit codes: 0 every check passed; 1 a signature is missing or does not verify, or the image
        could not be read; 2 nothing usable at IMAGE or --key.
        """;

    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "An OCI layout folder, an image tarball, or host[:port]/repository[:tag]." };
        var key = new Option<string>("--key") { Description = "The signer's public key (PUBLIC KEY PEM, such as cosign.pub).", Required = true };
        var tag = new Option<string?>("--tag") { Description = "For a layout or tarball holding several images: the ref name to check." };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback." };
        var command = new Command("verify-signature", Description) { image, key, tag, insecure };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            ConsoleReporter.From(parseResult),
            parseResult.GetValue(image)!,
            parseResult.GetValue(key)!,
            parseResult.GetValue(tag),
            parseResult.GetValue(insecure),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(ConsoleReporter console, string image, string keyPath, string? tag, bool insecure, CancellationToken cancellationToken)
    {
        VerificationKey key;
        try
        {
            key = VerificationKey.Load(keyPath);
        }
        catch (GoImageException e)
        {
            console.Fail(e.Diagnostic);
            return ExitCodes.Usage;
        }

        try
        {
            using var source = ImageSources.Open(image, tag, insecure, console.Report, cancellationToken);
            var checks = await SignatureVerifier.VerifyAsync(source, key, cancellationToken).ConfigureAwait(false);
            foreach (var check in checks)
            {
                await console.Output.WriteLineAsync($"{(check.Passed ? "ok    " : "FAILED")} {check.Subject[..19]}…  {check.What}: {check.Detail}").ConfigureAwait(false);
            }

            var unsigned = checks.GroupBy(c => c.Subject).Where(g => !g.Any(c => c.Passed && c.What.StartsWith("signature", StringComparison.Ordinal))).Select(g => g.Key).ToList();
            var valid = checks.All(c => c.Passed) && unsigned.Count == 0;
            await console.Output.WriteLineAsync(valid
                ? $"Verified: {checks.Count} checks passed for {source.Reference}."
                : $"Not verified: {checks.Count(c => !c.Passed)} of {checks.Count} checks failed for {source.Reference}.").ConfigureAwait(false);
            return valid ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (GoImageException e)
        {
            return console.Fail(e.Diagnostic);
        }
        catch (OperationCanceledException)
        {
            return console.Fail(Diagnostic.ImageCommandCanceled("verify-signature", "nothing was changed"));
        }
    }
}
