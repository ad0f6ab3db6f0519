using System.CommandLine;
using GoImage.Tool.Commands;

var root = new RootCommand("goimage: reproducible OCI images of Go programs, built with MSBuild and GoImage.Sdk.")
{
    NewCommand.Create(),
    BuildCommand.Create("build"),
    BuildCommand.Create("publish"),
    InspectCommand.Create(),
    VerifyCommand.Create(),
    PushCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
