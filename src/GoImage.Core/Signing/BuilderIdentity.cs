namespace GoImage.Signing;

/// <summary>
/// Who ran the build, as SLSA's builder.id and the run's invocationId: the CI system's when its environment
/// says so (GitHub Actions, GitLab CI, Azure Pipelines), else a local builder. Only stable facts go into the id,
/// so two local builds of the same commit attest the same bytes.
/// </summary>
public static class BuilderIdentity
{
    public const string Local = "urn:goimage:builder:local";

    public static (string Id, string InvocationId) Detect(Func<string, string?> environment)
    {
        if (environment("GITHUB_ACTIONS") == "true" && environment("GITHUB_SERVER_URL") is { Length: > 0 } github)
        {
            var hosting = environment("RUNNER_ENVIRONMENT") == "github-hosted" ? "github-hosted" : "self-hosted";
            var run = environment("GITHUB_REPOSITORY") is { Length: > 0 } repository && environment("GITHUB_RUN_ID") is { Length: > 0 } id
                ? $"{github}/{repository}/actions/runs/{id}/attempts/{environment("GITHUB_RUN_ATTEMPT") ?? "1"}"
                : "";
            return ($"{github}/actions/runner/{hosting}", run);
        }

        if (environment("GITLAB_CI") == "true" && environment("CI_SERVER_URL") is { Length: > 0 } gitlab)
        {
            return ($"{gitlab}/{environment("CI_PROJECT_PATH")}/-/runners/{environment("CI_RUNNER_ID")}", environment("CI_JOB_URL") ?? "");
        }

        if (environment("TF_BUILD") == "True" && environment("SYSTEM_COLLECTIONURI") is { Length: > 0 } azure)
        {
            return ($"{azure.TrimEnd('/')}/{environment("SYSTEM_TEAMPROJECT")}/_build", $"{azure.TrimEnd('/')}/{environment("SYSTEM_TEAMPROJECT")}/_build/results?buildId={environment("BUILD_BUILDID")}");
        }

        return (Local, "");
    }
}
