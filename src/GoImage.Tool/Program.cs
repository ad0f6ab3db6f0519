using GoImage.Tool;

PrivateAssemblyResolver.Register();
return await ToolCommandLine.Create().Parse(args).InvokeAsync();
