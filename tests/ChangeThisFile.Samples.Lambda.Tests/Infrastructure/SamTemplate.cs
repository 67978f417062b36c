using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// The sample's <c>template.yaml</c>, read with YamlDotNet, with a small evaluator for the
/// intrinsic functions it uses (<c>!Ref</c>, <c>!Sub</c>) against parameter defaults and fixed
/// pseudo parameters.
/// </summary>
internal sealed partial class SamTemplate
{
    public const string AccountId = "123456789012";
    public const string Region = "us-east-1";
    public const string ApiId = "abcde12345";

    private readonly YamlMappingNode _root;

    private SamTemplate(YamlMappingNode root) => _root = root;

    public YamlMappingNode Resources => Map(_root, "Resources");

    public YamlMappingNode Parameters => Map(_root, "Parameters");

    public YamlMappingNode FunctionGlobals => Map(Map(_root, "Globals"), "Function");

    public static SamTemplate Load()
    {
        var stream = new YamlStream();
        var path = Path.Combine(AppContext.BaseDirectory, "Template", "template.yaml");
        stream.Load(new StringReader(File.ReadAllText(path)));
        return new SamTemplate((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public IEnumerable<(string Name, YamlMappingNode Properties)> ResourcesOfType(string type) =>
        Resources.Children
            .Where(entry => Scalar(((YamlMappingNode)entry.Value).Children["Type"]) == type)
            .Select(entry => (((YamlScalarNode)entry.Key).Value!, Map((YamlMappingNode)entry.Value, "Properties")));

    public YamlMappingNode Resource(string name) => Map(Resources, name);

    public static YamlMappingNode Map(YamlMappingNode node, string key) => (YamlMappingNode)node.Children[key];

    public static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    public static string? Scalar(YamlNode? node) => (node as YamlScalarNode)?.Value;

    /// <summary>Evaluates a value: plain scalars as they are, <c>!Ref</c> and <c>!Sub</c> resolved.</summary>
    public string Evaluate(YamlNode node)
    {
        var scalar = (YamlScalarNode)node;
        var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? string.Empty : scalar.Tag.Value;
        return tag switch
        {
            "!Ref" => Reference(scalar.Value!),
            "!Sub" => SubstitutionPattern().Replace(scalar.Value!, match => Reference(match.Groups[1].Value)),
            _ => scalar.Value!,
        };
    }

    private string Reference(string name)
    {
        switch (name)
        {
            case "AWS::AccountId":
                return AccountId;
            case "AWS::Region":
                return Region;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "HttpApi":
                return ApiId;
        }

        if (Child(Parameters, name) is YamlMappingNode parameter)
        {
            return Scalar(Child(parameter, "Default")) ?? $"test-{name.ToLowerInvariant()}";
        }

        var properties = Map(Resource(name), "Properties");
        var physicalName = Child(properties, "TableName") ?? Child(properties, "BucketName");
        return physicalName is null ? name.ToLowerInvariant() : Evaluate(physicalName);
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9:]+)\}")]
    private static partial Regex SubstitutionPattern();
}
