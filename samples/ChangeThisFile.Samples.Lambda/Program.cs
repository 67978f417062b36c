using ChangeThisFile.Samples.Lambda;
using ChangeThisFile.Samples.Lambda.Runtime;

return await LambdaEntryPoint.RunAsync(
    args,
    Environment.GetEnvironmentVariable(LambdaRuntimeClient.RuntimeApiVariable),
    Environment.GetEnvironmentVariable(LambdaEntryPoint.HandlerVariable));
