namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>The expected result of one call meeting one fault; the letters are the matrix's cells.</summary>
public enum Outcome
{
    /// <summary><c>R</c>: retried once, then succeeded.</summary>
    Retried,

    /// <summary><c>S</c>: succeeded at the first attempt; the fault did not apply to the call.</summary>
    Succeeded,

    /// <summary><c>B</c>: succeeded at the first attempt with the fault's body as the content.</summary>
    BodyReturned,

    /// <summary><c>A</c>: <see cref="Client.ConversionApiException"/> with the fault's status, no retry.</summary>
    ApiError,

    /// <summary><c>C</c>: <see cref="HttpRequestException"/>, no retry.</summary>
    ConnectionError,

    /// <summary><c>T</c>: <see cref="Client.ConversionTimeoutException"/> for the attempt, no retry.</summary>
    AttemptTimeout,

    /// <summary><c>J</c>: <see cref="System.Text.Json.JsonException"/> naming the endpoint, no retry.</summary>
    InvalidJson,

    /// <summary>
    /// <c>I</c>: the body broke off, as <see cref="Client.IncompleteDownloadException"/> from a
    /// download or an <see cref="IOException"/> while reading a conversion's content; no retry.
    /// </summary>
    Incomplete,

    /// <summary><c>a</c>: <see cref="Client.ConversionApiException"/> after every retry was used.</summary>
    ApiErrorAfterRetries,

    /// <summary><c>c</c>: <see cref="HttpRequestException"/> after every retry was used.</summary>
    ConnectionErrorAfterRetries,

    /// <summary><c>t</c>: <see cref="Client.ConversionTimeoutException"/> after every retry was used.</summary>
    AttemptTimeoutAfterRetries,

    /// <summary><c>W</c>: the wait's own deadline passed while polls kept failing transiently.</summary>
    WaitDeadline,
}
