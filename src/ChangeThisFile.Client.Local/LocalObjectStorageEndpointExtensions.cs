using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ChangeThisFile.Client.Local;

/// <summary>Maps the HTTP endpoint that serves the presigned URLs of <see cref="LocalObjectStorage"/>.</summary>
public static class LocalObjectStorageEndpointExtensions
{
    /// <summary>
    /// Maps <c>PUT</c> and <c>GET</c> of <c>{prefix}/{key}</c>: the upload checks the signature, the
    /// expiry, the signed <c>Content-Type</c> and size limit, and stores the body atomically; the download
    /// streams the object with its content type and, when signed with a file name, a
    /// <c>Content-Disposition</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="prefix">
    /// The path the endpoint is mapped at, such as <c>/storage</c>. It must match the path of
    /// <see cref="LocalObjectStorageOptions.PublicBaseUrl"/>.
    /// </param>
    /// <returns>The route group, for conventions such as rate limiting.</returns>
    /// <remarks>Requires <see cref="LocalObjectStorage"/> in the services, as <c>AddLocalObjectStorage</c>
    /// registers it.</remarks>
    public static RouteGroupBuilder MapLocalObjectStorage(
        this IEndpointRouteBuilder endpoints, string prefix = "/storage")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);

        var group = endpoints.MapGroup(prefix);
        group.MapMethods("/{**key}", ["PUT"], LocalObjectStorageEndpoint.UploadAsync);
        group.MapMethods("/{**key}", ["GET"], LocalObjectStorageEndpoint.DownloadAsync);
        return group;
    }
}
