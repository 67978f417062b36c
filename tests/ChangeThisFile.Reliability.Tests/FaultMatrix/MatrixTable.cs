namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>Expands a matrix written as one line of outcome letters per fault into theory rows.</summary>
public static class MatrixTable
{
    /// <summary>The calls in the order of the matrix columns.</summary>
    public static readonly ApiCall[] Columns = Enum.GetValues<ApiCall>();

    /// <summary>
    /// Returns one row per cell: the call of the column, the fault of the line and the outcome its
    /// letter names. A <c>-</c> cell is left out, because the fault does not reach that call.
    /// </summary>
    public static TheoryData<ApiCall, TFault, Outcome> Rows<TFault>(params (TFault Fault, string Cells)[] lines)
    {
        var rows = new TheoryData<ApiCall, TFault, Outcome>();
        foreach (var (fault, cells) in lines)
        {
            var letters = cells.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (letters.Length != Columns.Length)
            {
                throw new ArgumentException($"The line for {fault} has {letters.Length} cells, not {Columns.Length}.");
            }

            for (var i = 0; i < letters.Length; i++)
            {
                if (letters[i] != "-")
                {
                    rows.Add(Columns[i], fault, Parse(letters[i]));
                }
            }
        }

        return rows;
    }

    private static Outcome Parse(string letter) => letter switch
    {
        "R" => Outcome.Retried,
        "S" => Outcome.Succeeded,
        "B" => Outcome.BodyReturned,
        "A" => Outcome.ApiError,
        "C" => Outcome.ConnectionError,
        "T" => Outcome.AttemptTimeout,
        "J" => Outcome.InvalidJson,
        "I" => Outcome.Incomplete,
        "a" => Outcome.ApiErrorAfterRetries,
        "c" => Outcome.ConnectionErrorAfterRetries,
        "t" => Outcome.AttemptTimeoutAfterRetries,
        "W" => Outcome.WaitDeadline,
        _ => throw new ArgumentOutOfRangeException(nameof(letter), letter, "Not an outcome letter of the matrix."),
    };
}
