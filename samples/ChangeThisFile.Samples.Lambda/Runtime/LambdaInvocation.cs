namespace ChangeThisFile.Samples.Lambda.Runtime;

/// <summary>One invocation as the Runtime API hands it out.</summary>
/// <param name="RequestId">The request id (<c>Lambda-Runtime-Aws-Request-Id</c>).</param>
/// <param name="Deadline">
/// When Lambda stops the invocation (<c>Lambda-Runtime-Deadline-Ms</c>), or null when the header is absent.
/// </param>
/// <param name="FunctionArn">The invoked function's ARN (<c>Lambda-Runtime-Invoked-Function-Arn</c>).</param>
/// <param name="TraceId">The X-Ray trace header (<c>Lambda-Runtime-Trace-Id</c>).</param>
/// <param name="Event">The event bytes.</param>
public sealed record LambdaInvocation(
    string RequestId,
    DateTimeOffset? Deadline,
    string? FunctionArn,
    string? TraceId,
    ReadOnlyMemory<byte> Event);
