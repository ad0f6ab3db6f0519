using System.CommandLine;

namespace GoImage.Tool.Commands;

// Placeholder while the command is written; replaced before the tool ships.
internal static class BuildCommand
{
    public static Command Create(string name) => new(name, "(in progress)");
}
