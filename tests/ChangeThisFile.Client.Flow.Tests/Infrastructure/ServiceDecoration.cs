using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>Wraps the last registration of a service in a decorator, keeping the adapter's own registration.</summary>
internal static class ServiceDecoration
{
    public static void Decorate<TService, TDecorator>(
        this IServiceCollection services, Func<TService, TDecorator> decorate)
        where TService : class
        where TDecorator : class, TService
    {
        var original = services.Last(descriptor => descriptor.ServiceType == typeof(TService));
        services.Remove(original);
        services.AddSingleton(provider => decorate(Resolve<TService>(provider, original)));
        services.AddSingleton<TService>(provider => provider.GetRequiredService<TDecorator>());
    }

    private static TService Resolve<TService>(IServiceProvider provider, ServiceDescriptor descriptor)
        where TService : class
    {
        if (descriptor.ImplementationInstance is TService instance)
        {
            return instance;
        }

        if (descriptor.ImplementationFactory is { } factory)
        {
            return (TService)factory(provider);
        }

        return (TService)ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!);
    }
}
