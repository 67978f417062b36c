using Amazon.DynamoDBv2.Model;
using ChangeThisFile.Client.Aws;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.Lambda.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace ChangeThisFile.Samples.Lambda.Tests;

/// <summary>
/// Checks that <c>template.yaml</c> deploys what the code expects: handler names, environment
/// variables that pass the start-up validation, the table layout, the prefixes and the routes.
/// </summary>
public sealed class TemplateTests
{
    private static readonly SamTemplate Template = SamTemplate.Load();

    private static IEnumerable<(string Name, YamlMappingNode Properties)> Functions =>
        Template.ResourcesOfType("AWS::Serverless::Function");

    [Fact]
    public void Functions_Handlers_AreHandlerNames()
    {
        var handlers = Functions.Select(
            function => SamTemplate.Scalar(SamTemplate.Child(function.Properties, "Handler")));

        handlers.Should().BeEquivalentTo(LambdaHandlers.Names);
    }

    [Fact]
    public void Functions_RuntimeAndArchitecture_MatchPublish()
    {
        var globals = Template.FunctionGlobals;

        SamTemplate.Scalar(SamTemplate.Child(globals, "Runtime")).Should().Be("provided.al2023");
        ((YamlSequenceNode)globals.Children["Architectures"]).Children.Select(SamTemplate.Scalar)
            .Should().Equal("x86_64");
        foreach (var (name, properties) in Functions)
        {
            SamTemplate.Child(properties, "Runtime").Should().BeNull($"{name} inherits the runtime");
            SamTemplate.Child(properties, "Architectures").Should().BeNull($"{name} inherits the architecture");
            SamTemplate.Scalar(SamTemplate.Child(SamTemplate.Map(Template.Resource(name), "Metadata"), "BuildMethod"))
                .Should().Be("makefile");
        }
    }

    [Fact]
    public void Environment_PassesStartupValidation()
    {
        var variables = SamTemplate.Map(SamTemplate.Map(Template.FunctionGlobals, "Environment"), "Variables");
        var settings = variables.Children.ToDictionary(
            variable => ((YamlScalarNode)variable.Key).Value!.Replace("__", ":", StringComparison.Ordinal),
            variable => (string?)Template.Evaluate(variable.Value));
        settings[LambdaServices.RegionVariable] = SamTemplate.Region;
        var services = new ServiceCollection().AddLogging();
        LambdaServices.Configure(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        using var provider = services.BuildServiceProvider();

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().NotThrow();
        provider.GetRequiredService<IOptions<S3ObjectStorageOptions>>().Value.Region.Should().Be(SamTemplate.Region);
        settings["ConversionFlow:WebhookUrl"].Should().EndWith(WebhookPath());
    }

    [Fact]
    public void Table_KeySchema_MatchesRecordStoreLayout()
    {
        var table = SamTemplate.Map(Template.Resource("RecordsTable"), "Properties");
        var expected = DynamoDbTable.CreateTableRequest("records");

        var attributes = ((YamlSequenceNode)table.Children["AttributeDefinitions"]).Children.Cast<YamlMappingNode>()
            .Select(node => new AttributeDefinition(
                SamTemplate.Scalar(node.Children["AttributeName"]),
                SamTemplate.Scalar(node.Children["AttributeType"])));
        var keys = ((YamlSequenceNode)table.Children["KeySchema"]).Children.Cast<YamlMappingNode>()
            .Select(node => new KeySchemaElement(
                SamTemplate.Scalar(node.Children["AttributeName"]), SamTemplate.Scalar(node.Children["KeyType"])));

        attributes.Select(a => (a.AttributeName, a.AttributeType.Value))
            .Should().Equal(expected.AttributeDefinitions.Select(a => (a.AttributeName, a.AttributeType.Value)));
        keys.Select(k => (k.AttributeName, k.KeyType.Value))
            .Should().Equal(expected.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value)));
        SamTemplate.Scalar(table.Children["BillingMode"]).Should().Be(expected.BillingMode.Value);
    }

    [Fact]
    public void UploadEvent_Filter_IsTheInputPrefix()
    {
        var function = SamTemplate.Map(Template.Resource("SubmitUploadFunction"), "Properties");
        var upload = SamTemplate.Map(SamTemplate.Map(SamTemplate.Map(function, "Events"), "Uploaded"), "Properties");
        var rules = (YamlSequenceNode)SamTemplate.Map(SamTemplate.Map(upload, "Filter"), "S3Key").Children["Rules"];

        SamTemplate.Scalar(upload.Children["Bucket"]).Should().Be("UploadBucket");
        rules.Children.Cast<YamlMappingNode>().Should().ContainSingle()
            .Which.Children["Value"].ToString().Should().Be(ConversionFlowOptions.DefaultInputKeyPrefix);
    }

    [Fact]
    public void Routes_ReachTheirHandlers()
    {
        var expected = new Dictionary<string, string>
        {
            ["POST /conversions"] = LambdaHandlers.CreateUpload,
            ["POST " + WebhookPath()] = LambdaHandlers.Webhook,
            [$"GET /conversions/{{{StatusFunction.FileIdParameter}}}"] = LambdaHandlers.Status,
        };

        var routes = Template.ResourcesOfType("AWS::ApiGatewayV2::Route").ToDictionary(
            route => SamTemplate.Scalar(route.Properties.Children["RouteKey"])!,
            route => HandlerBehind(route.Properties));

        routes.Should().Equal(expected);
    }

    [Fact]
    public void Policies_NameActionsAndResourcesExplicitly()
    {
        foreach (var (name, properties) in Functions)
        {
            var statements = ((YamlSequenceNode)properties.Children["Policies"]).Children.Cast<YamlMappingNode>()
                .SelectMany(policy => ((YamlSequenceNode)policy.Children["Statement"]).Children.Cast<YamlMappingNode>())
                .ToList();

            statements.Should().NotBeEmpty($"{name} gets only the permissions it lists");
            foreach (var statement in statements)
            {
                var actions = statement.Children["Action"] is YamlSequenceNode list
                    ? list.Children.Select(SamTemplate.Scalar)
                    : [SamTemplate.Scalar(statement.Children["Action"])];
                actions.Should().NotContain(action => action!.Contains('*'), $"{name} names each action");
                Template.Evaluate(statement.Children["Resource"]).Should().NotContain("*/*").And.NotBe("*");
            }
        }
    }

    [Theory]
    [InlineData("CreateUploadFunction", "s3:PutObject", "uploads/*")]
    [InlineData("SubmitUploadFunction", "s3:GetObject", "uploads/*")]
    [InlineData("WebhookFunction", "s3:PutObject", "results/*")]
    [InlineData("StatusFunction", "s3:GetObject", "results/*")]
    public void Policies_ObjectAccess_LimitedToStepPrefix(string function, string action, string keys)
    {
        var properties = SamTemplate.Map(Template.Resource(function), "Properties");
        var statements = ((YamlSequenceNode)properties.Children["Policies"]).Children.Cast<YamlMappingNode>()
            .SelectMany(policy => ((YamlSequenceNode)policy.Children["Statement"]).Children.Cast<YamlMappingNode>());

        var resources = statements
            .Where(statement => statement.Children["Action"].AllNodes.OfType<YamlScalarNode>()
                .Any(node => node.Value == action))
            .Select(statement => Template.Evaluate(statement.Children["Resource"]))
            .ToList();

        resources.Should().ContainSingle().Which.Should().EndWith("/" + keys);
        keys.Should().StartWith(keys.StartsWith("uploads", StringComparison.Ordinal)
            ? ConversionFlowOptions.DefaultInputKeyPrefix
            : ConversionFlowOptions.DefaultOutputKeyPrefix);
    }

    private static string WebhookPath() => "/webhooks/changethisfile";

    private static string HandlerBehind(YamlMappingNode route)
    {
        // The target is !Sub "integrations/${SomeIntegration}"; the logical id sits between the braces.
        var target = SamTemplate.Scalar(route.Children["Target"])!;
        var integrationName = target["integrations/${".Length..^1];
        var integration = SamTemplate.Map(Template.Resource(integrationName), "Properties");
        var functionName = SamTemplate.Scalar(integration.Children["IntegrationUri"])!.Split('.')[0];
        var function = SamTemplate.Map(Template.Resource(functionName), "Properties");
        return SamTemplate.Scalar(function.Children["Handler"])!;
    }
}
