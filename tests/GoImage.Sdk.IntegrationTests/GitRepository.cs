namespace GoImage.Sdk.IntegrationTests;

/// <summary>git in a test's folder, with a fixed identity and no user configuration, so commits need no setup.</summary>
internal static class GitRepository
{
    /// <summary>Runs git in <paramref name="directory"/>; <paramref name="date"/> fixes the author and committer time.</summary>
    public static CommandResult Run(string directory, string? date, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>
        {
            ["GIT_AUTHOR_NAME"] = "Test",
            ["GIT_AUTHOR_EMAIL"] = "test@example.com",
            ["GIT_COMMITTER_NAME"] = "Test",
            ["GIT_COMMITTER_EMAIL"] = "test@example.com",
            ["GIT_CONFIG_GLOBAL"] = "/dev/null",
        };
        if (date is not null)
        {
            environment["GIT_AUTHOR_DATE"] = date;
            environment["GIT_COMMITTER_DATE"] = date;
        }

        var result = Command.Run("git", arguments, directory, environment);
        Assert.IsTrue(result.Succeeded, result.ToString());
        return result;
    }
}
