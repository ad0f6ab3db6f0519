using GoImage.Diagnostics;

namespace GoImage.Go;

/// <summary>
/// The exact go commands and environment for one platform. Pure: the same settings always give the
/// same arguments, which a snapshot test pins.
/// </summary>
public sealed class GoBuildPlan
{
    // Variables the SDK sets itself; an item that sets them would silently fight a property.
    internal static readonly string[] ReservedVariables =
        ["GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GOTOOLCHAIN", "CGO_ENABLED", "GOROOT"];

    private GoBuildPlan(GoPlatform platform, string output, List<string> buildArguments, List<string> listArguments, Dictionary<string, string?> environment)
    {
        Platform = platform;
        OutputPath = output;
        BuildArguments = buildArguments;
        ListArguments = listArguments;
        Environment = environment;
    }

    public GoPlatform Platform { get; }

    private static readonly string[] StaticTags = ["netgo", "osusergo"];

    public string OutputPath { get; }

    public IReadOnlyList<string> BuildArguments { get; }

    /// <summary>The <c>go list -deps -json</c> call that reports which files this build reads.</summary>
    public IReadOnlyList<string> ListArguments { get; }

    /// <summary>Changes to the inherited environment: a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; }

    /// <summary>Checks the settings and the inherited GOFLAGS; throws a coded error for what Go must never see.</summary>
    public static void Validate(GoBuildSettings settings, string? inheritedGoFlags)
    {
        if (GoCommandLine.HasToolexec(GoCommandLine.Split(inheritedGoFlags ?? "")))
        {
            throw new GoImageException(Diagnostic.ToolexecRefused("The GOFLAGS environment variable"));
        }

        if (GoCommandLine.HasToolexec(settings.ExtraFlags))
        {
            throw new GoImageException(Diagnostic.ToolexecRefused("GoBuildFlags"));
        }

        foreach (var (name, value) in settings.Environment)
        {
            if (name is "CC" or "CXX")
            {
                throw new GoImageException(Diagnostic.ReservedEnvironmentVariable(name, "use GoCCompiler or GoCxxCompiler items with Platform metadata"));
            }

            if (ReservedVariables.Contains(name, StringComparer.Ordinal))
            {
                throw new GoImageException(Diagnostic.ReservedEnvironmentVariable(name, "use GoTargetPlatforms, GoCgoEnabled or GoRoot"));
            }

            if (name == "GOFLAGS" && GoCommandLine.HasToolexec(GoCommandLine.Split(value)))
            {
                throw new GoImageException(Diagnostic.ToolexecRefused("The GoEnvironmentVariable GOFLAGS"));
            }
        }

        foreach (var (name, _) in settings.LinkerVariables)
        {
            var dot = name.LastIndexOf('.');
            if (dot <= 0 || dot == name.Length - 1 || name.Any(char.IsWhiteSpace) || name.Contains('=', StringComparison.Ordinal))
            {
                throw new GoImageException(Diagnostic.InvalidLinkerVariable(name, "expected a package path, a dot and a variable name"));
            }
        }
    }

    /// <param name="compiler">The platform's C compiler; required when <see cref="GoBuildSettings.UsesExternalLinker"/>.</param>
    public static GoBuildPlan Create(GoBuildSettings settings, GoPlatform platform, string outputPath, CCompiler? compiler = null)
    {
        if (settings.UsesExternalLinker && compiler is null)
        {
            throw new ArgumentException($"A C compiler for {platform} is needed: cgo and pie link externally.", nameof(compiler));
        }

        var common = new List<string>();
        if (settings.TrimPath)
        {
            common.Add("-trimpath");
        }

        common.Add($"-buildvcs={(settings.BuildVcs ? "true" : "false")}");
        switch (settings.EffectiveModMode)
        {
            case GoModMode.Vendor: common.Add("-mod=vendor"); break;
            case GoModMode.Mod: common.Add("-mod=mod"); break;
            case GoModMode.ReadOnly: common.Add("-mod=readonly"); break;
        }

        // A static binary must not reach for glibc's resolver or NSS, which load shared objects at run time.
        var tags = settings.LinksStatically ? settings.Tags.Concat(StaticTags.Except(settings.Tags, StringComparer.Ordinal)).ToList() : settings.Tags;
        if (tags.Count > 0)
        {
            common.Add("-tags=" + string.Join(",", tags));
        }

        var ldflags = new List<string>();
        if (settings.StripSymbols)
        {
            ldflags.Add("-s");
            ldflags.Add("-w");
        }

        foreach (var (name, value) in settings.LinkerVariables)
        {
            ldflags.Add("-X");
            ldflags.Add(GoCommandLine.Quote($"{name}={value}"));
        }

        if (settings.UsesExternalLinker)
        {
            ldflags.Add("-linkmode");
            ldflags.Add("external");
            var external = new List<string>();
            if (settings.LinksStatically)
            {
                external.Add(settings.BuildMode == GoBuildMode.Pie ? "-static-pie" : "-static");
            }

            if (settings.ExtLdFlags.Trim().Length > 0)
            {
                external.Add(settings.ExtLdFlags.Trim());
            }

            if (external.Count > 0)
            {
                ldflags.Add("-extldflags");
                ldflags.Add(GoCommandLine.Quote(string.Join(' ', external)));
            }
        }

        // The user's flags last: the linker takes the last of a repeated flag.
        if (settings.LdFlags.Trim().Length > 0)
        {
            ldflags.Add(settings.LdFlags.Trim());
        }

        var build = new List<string> { "build", "-o", outputPath };
        build.AddRange(common);
        if (settings.BuildMode == GoBuildMode.Pie)
        {
            build.Add("-buildmode=pie");
        }

        if (ldflags.Count > 0)
        {
            build.Add("-ldflags=" + string.Join(" ", ldflags));
        }

        if (settings.GcFlags.Trim().Length > 0)
        {
            build.Add("-gcflags=" + settings.GcFlags.Trim());
        }

        build.AddRange(settings.ExtraFlags);
        build.Add(settings.Package);

        var list = new List<string> { "list", "-deps", "-e=false", "-json=Dir,Standard,GoFiles,CgoFiles,IgnoredGoFiles,EmbedFiles,CFiles,CXXFiles,HFiles,SFiles,MFiles,FFiles,SwigFiles,SwigCXXFiles,SysoFiles,Module" };
        list.AddRange(common);
        list.Add(settings.Package);

        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // The chosen toolchain finds its own root; an inherited GOROOT is the classic way to mix two Go installs.
            ["GOROOT"] = null,
            ["GOTOOLCHAIN"] = "local",
            ["CGO_ENABLED"] = settings.UsesExternalLinker ? "1" : "0",
            ["GOARM"] = null,
            ["GOAMD64"] = null,
            ["GOARM64"] = null,
        };
        foreach (var (name, value) in settings.Environment)
        {
            env[name] = value;
        }

        foreach (var (name, value) in platform.Environment)
        {
            env[name] = value;
        }

        // Per platform, so one build can target several: an inherited CC would be the host's compiler for all.
        if (compiler is not null)
        {
            env["CC"] = compiler.CValue;
            env["CXX"] = compiler.CxxValue;
        }

        return new GoBuildPlan(platform, outputPath, build, list, env);
    }
}
