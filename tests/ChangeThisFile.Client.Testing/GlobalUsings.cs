global using ChangeThisFile.Client.Storage;
global using FluentAssertions;
global using Xunit;
