using System.CommandLine;

namespace GoImage.Tool.Commands;

// Placeholder while the command is written; replaced before the tool ships.
internal static class NewCommand
{
    public static Command Create() => new("new", "(in progress)");
}
