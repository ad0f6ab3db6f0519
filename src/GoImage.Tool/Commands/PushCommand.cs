using System.CommandLine;
using GoImage.Diagnostics;
using GoImage.IO;
using GoImage.Images;
using GoImage.Inspection;
using GoImage.Registry;
using GoImage.Tool.Output;

namespace GoImage.Tool.Commands;

/// <summary><c>goimage push</c>: an image already on disk to a registry, the way dotnet publish pushes it.</summary>
internal static class PushCommand
{
    private const string Description = """
        Push an image from an OCI layout or tarball to a registry: every blob the registry lacks,
        each platform's manifest, the index, and last the tag (a failure never moves the tag).

        DESTINATION is host[:port]/repository[:tag] (tag 'latest' when omitted). Credentials come from
        GOIMAGE_PUSH_REGISTRY_USERNAME/PASSWORD or Docker's config.json and credential helpers.
        Plain HTTP is used for loopback registries, and for others only with --insecure.
        A re-push asks the registry for the index the last push left (one request) and, while it is
        there, for none of its blobs: the push record, in the folder dotnet publish keeps it in.

        Examples:
          goimage push bin/Release/publish/image 127.0.0.1:5000/shop/api:1.0
          goimage push bin/Release/publish/api.tar registry.example.com/shop/api:1.0
          goimage push image/ registry.lan:5000/shop/api:1.0 --insecure

        Exit codes: 0 pushed; 1 the push failed (registry, credentials, a damaged blob);
        2 a usage error (a command line that does not parse, nothing usable at IMAGE, an invalid
        DESTINATION); 130 canceled.
        """;

    public static Command Create()
    {
        var image = new Argument<string>("image") { Description = "An OCI layout folder or an image tarball." };
        var destination = new Argument<string>("destination") { Description = "host[:port]/repository[:tag]" };
        var tag = new Option<string?>("--tag") { Description = "For a layout or tarball holding several images: the ref name of the one to push." };
        var insecure = new Option<bool>("--insecure") { Description = "Allow plain HTTP to a registry that is not on loopback." };
        var record = new Option<string?>("--push-record")
        {
            Description = "The push record's folder; default ContainerPushRecordDirectory's: $GOIMAGE_CACHE/pushed, else $XDG_CACHE_HOME/goimage/pushed, else ~/.cache/goimage/pushed (%LOCALAPPDATA%\\GoImage\\pushed on Windows). 'none': ask for every blob.",
            HelpName = "folder",
        };
        var command = new Command("push", Description) { image, destination, tag, insecure, record };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            ConsoleReporter.From(parseResult),
            parseResult.GetValue(image)!,
            parseResult.GetValue(destination)!,
            parseResult.GetValue(tag),
            parseResult.GetValue(insecure),
            parseResult.GetValue(record) ?? PushRecord.DefaultDirectory(Environment.GetEnvironmentVariable, OperatingSystem.IsWindows()),
            cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(
        ConsoleReporter console, string image, string destination, string? tag, bool insecure, string? recordDirectory, CancellationToken cancellationToken)
    {
        try
        {
            if (!ImageReference.TryParse(destination, out var target, out var problem))
            {
                throw new GoImageException(Diagnostic.ImageReferenceInvalid(destination, problem));
            }

            if (target.Digest is not null)
            {
                throw new GoImageException(Diagnostic.PushReferenceHasDigest(destination));
            }

            using var source = ImageSources.OpenLocal(image, tag, cancellationToken)
                ?? throw new GoImageException(Diagnostic.PushSourceNotFound(image));
            var root = await source.ReadRootAsync(cancellationToken).ConfigureAwait(false);
            if (!ManifestDocument.Parse(root.Bytes, root.MediaType).IsIndex)
            {
                throw new GoImageException(Diagnostic.PushImageNotIndex(image));
            }

            var options = new RegistryOptions { InsecureRegistries = insecure ? [target.ApiHost, target.Registry] : [] };
            using var client = new RegistryClient(target.ApiHost, RegistryRole.Push, CredentialStore.FromEnvironment(), options, console.Report);
            var tags = target.Tag is null ? Array.Empty<string>() : [target.Tag];
            var progress = new ImmediateProgress<BlobPushed>(p => console.Error.WriteLine($"  {p}"));
            var result = await ImagePusher.PushAsync(
                client, source.Layout, root.Digest, target.Repository, tags, new Dictionary<Images.Digest, string>(), PushRecord.FromSetting(recordDirectory), progress, cancellationToken).ConfigureAwait(false);
            await console.Error.WriteLineAsync(
                $"{result.Uploaded} uploaded ({ByteSize.Format(result.BytesUploaded)}), {result.AlreadyPresent} already present.").ConfigureAwait(false);
            await console.Output.WriteLineAsync(target.WithDigest(result.Digest).ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (GoImageException e)
        {
            return console.Fail(e.Diagnostic);
        }
        catch (OperationCanceledException)
        {
            return console.Fail(Diagnostic.ImageCommandCanceled("push", "open uploads were abandoned and the tag was not changed"));
        }
    }
}
