using GoImage.Tool;

PrivateAssemblyResolver.Register();
return await ToolCommandLine.InvokeAsync(ToolCommandLine.Create().Parse(args));
