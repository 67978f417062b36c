namespace ChangeThisFile.Client.Http;

/// <summary>Finds the <c>rel="next"</c> target of an RFC 8288 <c>Link</c> header.</summary>
internal static class LinkHeader
{
    /// <summary>Returns the target of the first link whose <c>rel</c> includes <c>next</c>, or null.</summary>
    public static string? FindNext(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (FindNext(value) is { } target)
            {
                return target;
            }
        }

        return null;
    }

    internal static string? FindNext(string header)
    {
        var position = 0;
        while (position < header.Length)
        {
            var open = header.IndexOf('<', position);
            var close = open < 0 ? -1 : header.IndexOf('>', open + 1);
            if (close < 0)
            {
                return null;
            }

            var target = header[(open + 1)..close];
            var end = header.IndexOf('<', close + 1);
            var parameters = end < 0 ? header[(close + 1)..] : header[(close + 1)..end];
            if (HasNextRelation(parameters))
            {
                return target.Trim();
            }

            position = end < 0 ? header.Length : end;
        }

        return null;
    }

    private static bool HasNextRelation(string parameters)
    {
        var split = StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;
        foreach (var parameter in parameters.Split(';', split))
        {
            var equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var relations = parameter[(equals + 1)..].Trim().Trim(',').Trim().Trim('"');
            if (relations.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Any(relation => relation.Equals("next", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
