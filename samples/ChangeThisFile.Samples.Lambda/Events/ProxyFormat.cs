namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>The API Gateway payload format of a proxy request, which its response must match.</summary>
public enum ProxyFormat
{
    /// <summary>Payload format 1.0: REST APIs, and HTTP APIs configured for 1.0.</summary>
    RestApi,

    /// <summary>Payload format 2.0: HTTP APIs.</summary>
    HttpApi,
}
