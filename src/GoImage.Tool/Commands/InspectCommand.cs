using System.CommandLine;
using GoImage.Diagnostics;
using GoImage.Inspection;
using GoImage.Tool.Output;

namespace GoImage.Tool.Commands;

/// <summary><c>goimage inspect</c>: what an image holds, from a layout, a tarball or a registry.</summary>
internal static class InspectCommand
{
    private const string Description = """
        Show an image's platforms, digests, layers, runtime settings and SBOM, and list the
        signatures, attestations and referrers of its index and manifests (cosign .sig/.att tags,
        Sigstore bundles). They are listed, not verified: goimage verify-signature checks them.

        IMAGE is an OCI layout folder (bin/Release/publish/image), an image tarball (ours or
        skopeo's oci-archive), or a registry reference host[:port]/repository[:tag]. Registry
        credentials come from GOIMAGE_PULL_REGISTRY_USERNAME/PASSWORD or Docker's config.json.

        Examples:
          goimage inspect bin/Release/publish/image
          goimage inspect bin/Release/publish/hello.tar --json
          goimage inspect 127.0.0.1:5000/shop/api:1.0 --json | jq -r .digest
          goimage inspect registry.lan:5000/shop/api:1.0 --insecure

        --json writes one document whose shape is documented in docs/inspect-json.md.

        Exit codes: 0 shown; 1 the image or registry could not be read; 2 a usage error (a command
        line that does not parse, nothing usable at IMAGE: no such file or folder, an invalid
        reference, an unknown --tag); 130 canceled.
        """;

    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "An OCI layout folder, an image tarball, or host[:port]/repository[:tag]." };
        var json = new Option<bool>("--json") { Description = "Write JSON (docs/inspect-json.md) instead of text." };
        var tag = new Option<string?>("--tag") { Description = "For a layout or tarball holding several images: the ref name to show." };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback." };
        var command = new Command("inspect", Description) { image, json, tag, insecure };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            ConsoleReporter.From(parseResult),
            parseResult.GetValue(image)!,
            parseResult.GetValue(json),
            parseResult.GetValue(tag),
            parseResult.GetValue(insecure),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(ConsoleReporter console, string image, bool json, string? tag, bool insecure, CancellationToken cancellationToken)
    {
        try
        {
            using var source = ImageSources.Open(image, tag, insecure, console.Report, cancellationToken);
            var inspection = await ImageInspector.InspectAsync(source, cancellationToken).ConfigureAwait(false);
            if (json)
            {
                await console.Output.WriteLineAsync(System.Text.Encoding.UTF8.GetString(InspectionJson.Write(inspection))).ConfigureAwait(false);
            }
            else
            {
                InspectionText.Write(inspection, console.Output);
            }

            return ExitCodes.Success;
        }
        catch (GoImageException e)
        {
            return console.Fail(e.Diagnostic);
        }
        catch (OperationCanceledException)
        {
            return console.Fail(Diagnostic.ImageCommandCanceled("inspect", "nothing was changed"));
        }
    }
}
