using System.Security.Cryptography;

namespace ChangeThisFile.Client.Testing.Servers;

/// <summary>Unique bucket, container and table names, so that test classes can run in parallel.</summary>
public static class TestNames
{
    /// <summary>
    /// Returns a lowercase name of letters, digits and hyphens that is valid as an S3 bucket, an
    /// Azure container or a DynamoDB table.
    /// </summary>
    /// <param name="prefix">A short lowercase prefix that names the tests that own it.</param>
    public static string Unique(string prefix) =>
        $"{prefix}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}";

    /// <summary>Returns a name of letters and digits that starts with a letter, valid as an Azure table.</summary>
    /// <param name="prefix">A short prefix of letters.</param>
    public static string UniqueAlphanumeric(string prefix) =>
        $"{prefix}{Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant()}";
}
