using System.CommandLine;

namespace GoImage.Tool.Commands;

// Placeholder while the command is written; replaced before the tool ships.
internal static class PushCommand
{
    public static Command Create() => new("push", "(in progress)");
}
