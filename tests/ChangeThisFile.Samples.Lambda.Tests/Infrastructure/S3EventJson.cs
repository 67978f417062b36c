using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>S3 event notifications as S3 sends them to Lambda, with the object key form-encoded.</summary>
internal static class S3EventJson
{
    /// <summary>Encodes a key as S3 does in notifications: each segment form-encoded, a space as <c>+</c>.</summary>
    public static string EncodeKey(string key) => string.Join('/', key.Split('/').Select(WebUtility.UrlEncode));

    public static byte[] ObjectCreated(
        string bucket, string key, long size = 1, string eventName = "ObjectCreated:Put") =>
        Notification(Record(bucket, EncodeKey(key), size, eventName));

    // S3 writes '+' and other characters unescaped; the default encoder would write \u002B.
    private static readonly JsonSerializerOptions Relaxed =
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Notification(params JsonObject[] records) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["Records"] = new JsonArray([.. records]) }.ToJsonString(Relaxed));

    public static JsonObject Record(string bucket, string encodedKey, long size, string eventName) => new()
    {
        ["eventVersion"] = "2.1",
        ["eventSource"] = "aws:s3",
        ["awsRegion"] = "us-east-1",
        ["eventTime"] = "2026-12-01T10:00:00.000Z",
        ["eventName"] = eventName,
        ["s3"] = new JsonObject
        {
            ["s3SchemaVersion"] = "1.0",
            ["configurationId"] = "uploads",
            ["bucket"] = new JsonObject
            {
                ["name"] = bucket,
                ["arn"] = "arn:aws:s3:::" + bucket,
            },
            ["object"] = new JsonObject
            {
                ["key"] = encodedKey,
                ["size"] = size,
                ["eTag"] = "d41d8cd98f00b204e9800998ecf8427e",
                ["sequencer"] = "0055AED6DCD90281E5",
            },
        },
    };
}
