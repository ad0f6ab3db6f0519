using System.CommandLine;

namespace GoImage.Tool.Commands;

// Placeholder while the command is written; replaced before the tool ships.
internal static class VerifyCommand
{
    public static Command Create() => new("verify", "(in progress)");
}
