namespace ChangeThisFile.Client.Http;

/// <summary>What the retry handler needs to know about a request body before sending it again.</summary>
internal interface IUploadBody
{
    /// <summary>The file name of the upload, for error messages.</summary>
    string FileName { get; }

    /// <summary>How many bytes of the file were read from its source, over all attempts.</summary>
    long FileBytesRead { get; }

    /// <summary>Whether the body can be sent again with the same bytes.</summary>
    bool CanResend { get; }
}
