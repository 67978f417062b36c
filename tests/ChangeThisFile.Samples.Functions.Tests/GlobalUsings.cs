global using ChangeThisFile.Samples.Functions.Tests.Infrastructure;
