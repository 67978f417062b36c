global using ChangeThisFile.Client.Flow;
global using ChangeThisFile.Client.Storage;
