namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// A Lambda handler with stream input and output: it receives the invocation event as JSON
/// bytes and returns the response JSON, so no Lambda serializer package is needed.
/// </summary>
public interface ILambdaHandler
{
    /// <summary>Handles one invocation.</summary>
    /// <param name="input">The invocation event.</param>
    /// <param name="cancellationToken">
    /// Fires shortly before the invocation's deadline, or when the runtime stops.
    /// </param>
    /// <returns>The response event, positioned at the start; the caller disposes it.</returns>
    Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken);
}
