using ChangeThisFile.Samples.AspNetCore.Cli;

return await SampleCommandLine.RunAsync(args, Console.Out, Console.Error);
