using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace ChangeThisFile.Samples.Functions.Tests.Infrastructure;

/// <summary>
/// The function context the Functions worker passes to middleware, for one HTTP invocation. The
/// ASP.NET Core integration keeps the request's <see cref="HttpContext"/> in
/// <see cref="FunctionContext.Items"/> under <c>HttpRequestContext</c>, where
/// <c>GetHttpContext()</c> finds it.
/// </summary>
internal sealed class TestFunctionContext : FunctionContext
{
    private const string HttpContextKey = "HttpRequestContext";

    public TestFunctionContext(string functionName, HttpContext httpContext, IServiceProvider services)
    {
        FunctionDefinition = new Definition(functionName);
        InstanceServices = services;
        CancellationToken = httpContext.RequestAborted;
        Items = new Dictionary<object, object> { [HttpContextKey] = httpContext };
    }

    public override string InvocationId { get; } = Guid.NewGuid().ToString();

    public override string FunctionId => FunctionDefinition.Id;

    public override TraceContext TraceContext => throw new NotSupportedException();

    public override BindingContext BindingContext => throw new NotSupportedException();

    public override RetryContext RetryContext => throw new NotSupportedException();

    public override IServiceProvider InstanceServices { get; set; }

    public override FunctionDefinition FunctionDefinition { get; }

    public override IDictionary<object, object> Items { get; set; }

    public override IInvocationFeatures Features => throw new NotSupportedException();

    public override CancellationToken CancellationToken { get; }

    private sealed class Definition(string name) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(TestFunctionContext).Assembly.Location;

        public override string EntryPoint => name;

        public override string Id => name;

        public override string Name => name;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings =>
            ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings =>
            ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
