using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ChangeThisFile.Client.Benchmarks.Reporting;

/// <summary>
/// Throughput in MiB/s and allocated bytes per MiB transferred, for benchmarks with a
/// <c>SizeMiB</c> parameter.
/// </summary>
internal static class TransferColumns
{
    /// <summary>Adds both columns to a benchmark class.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new Throughput(), new AllocatedPerMiB());
    }

    private static double? SizeMiB(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters["SizeMiB"] is int size ? size : null;

    private sealed class Throughput : TransferColumn
    {
        public override string Id => "ThroughputMiBps";

        public override string ColumnName => "MiB/s";

        public override string Legend => "Megabytes (MiB) moved per second: SizeMiB / Mean";

        protected override string Compute(Summary summary, BenchmarkCase benchmarkCase, double sizeMiB)
        {
            var meanNs = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return meanNs is > 0 ? (sizeMiB / (meanNs.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-";
        }
    }

    private sealed class AllocatedPerMiB : TransferColumn
    {
        public override string Id => "AllocatedPerMiB";

        public override string ColumnName => "Alloc/MiB";

        public override string Legend => "Managed bytes allocated per MiB transferred: Allocated / SizeMiB";

        protected override string Compute(Summary summary, BenchmarkCase benchmarkCase, double sizeMiB)
        {
            var report = summary[benchmarkCase];
            if (report is null)
            {
                return "-";
            }

            var bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is { } value ? (value / sizeMiB).ToString("N1", CultureInfo.InvariantCulture) + " B" : "-";
        }
    }

    private abstract class TransferColumn : IColumn
    {
        public abstract string Id { get; }

        public abstract string ColumnName { get; }

        public abstract string Legend { get; }

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            SizeMiB(benchmarkCase) is { } size ? Compute(summary, benchmarkCase, size) : "-";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
            GetValue(summary, benchmarkCase);

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        protected abstract string Compute(Summary summary, BenchmarkCase benchmarkCase, double sizeMiB);
    }
}
