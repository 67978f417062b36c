global using ChangeThisFile.Samples.Lambda.Tests.Infrastructure;
