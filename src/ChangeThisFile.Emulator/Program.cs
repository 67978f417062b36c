using ChangeThisFile.Emulator.Hosting;

return await EmulatorProgram.RunAsync(args, Console.Out, Console.Error);
