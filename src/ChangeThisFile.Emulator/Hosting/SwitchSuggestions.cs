namespace ChangeThisFile.Emulator.Hosting;

/// <summary>Finds the known switch that a misspelt one most likely meant.</summary>
internal static class SwitchSuggestions
{
    /// <summary>
    /// Returns the known switch with the smallest edit distance to <paramref name="typed"/>
    /// (insertions, deletions, substitutions and swaps of two neighbouring letters, ignoring case),
    /// or null when even the nearest differs in more than a third of its letters (at least 2).
    /// </summary>
    /// <param name="typed">The misspelt name.</param>
    /// <param name="known">The names to choose from.</param>
    /// <param name="allowPrefix">Also compares <paramref name="typed"/> (4 letters or more) with the
    /// same number of leading letters of each name, so <c>RateLimt</c> finds <c>RateLimitPerMinute</c>.</param>
    public static string? Nearest(string typed, IEnumerable<string> known, bool allowPrefix = false)
    {
        string? best = null;
        var bestScore = double.MaxValue;
        var lowerTyped = typed.ToLowerInvariant();
        foreach (var candidate in known)
        {
            var lowerCandidate = candidate.ToLowerInvariant();
            var score = Score(lowerTyped, lowerCandidate);
            if (allowPrefix && typed.Length >= 4 && candidate.Length > typed.Length)
            {
                score = Math.Min(score, Score(lowerTyped, lowerCandidate[..typed.Length]));
            }

            if (score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }

        return bestScore <= 1 ? best : null;
    }

    /// <summary>Returns the distance as a share of the allowed one, so that 1 or less is a match.</summary>
    private static double Score(string typed, string candidate) =>
        Distance(typed, candidate) / (double)Math.Max(2, candidate.Length / 3);

    /// <summary>The optimal string alignment distance, a Levenshtein distance that also counts a swap as one.</summary>
    private static int Distance(string a, string b)
    {
        var rows = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            rows[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            rows[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(rows[i - 1, j] + 1, rows[i, j - 1] + 1), rows[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, rows[i - 2, j - 2] + 1);
                }

                rows[i, j] = value;
            }
        }

        return rows[a.Length, b.Length];
    }
}
