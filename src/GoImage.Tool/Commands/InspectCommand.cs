using System.CommandLine;

namespace GoImage.Tool.Commands;

// Placeholder while the command is written; replaced before the tool ships.
internal static class InspectCommand
{
    public static Command Create() => new("inspect", "(in progress)");
}
