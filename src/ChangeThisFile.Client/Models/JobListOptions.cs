namespace ChangeThisFile.Client;

/// <summary>Options of <see cref="IConversionClient.ListJobsAsync"/>.</summary>
public sealed class JobListOptions
{
    /// <summary>The smallest page size the API accepts: 1.</summary>
    public const int MinPageSize = 1;

    /// <summary>The largest page size the API accepts: 100.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// Jobs per request (the <c>limit</c> query parameter), 1 to 100; the API's default (20) when null.
    /// </summary>
    public int? PageSize { get; init; }

    /// <summary>A cursor from an earlier listing to continue from, sent as the <c>cursor</c> query parameter.</summary>
    public string? Cursor { get; init; }
}
