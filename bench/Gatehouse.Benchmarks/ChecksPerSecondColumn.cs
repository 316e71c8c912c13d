using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Gatehouse.Benchmarks;

/// <summary>Checks per second from the median time per check (every benchmark of <see cref="CheckBenchmarks"/> times one check).</summary>
public sealed class ChecksPerSecondColumn : IColumn
{
    /// <summary>Adds the median and this column to the default configuration.</summary>
    public sealed class Config : ManualConfig
    {
        /// <summary>Creates the configuration.</summary>
        public Config() => AddColumn(StatisticColumn.Median, new ChecksPerSecondColumn());
    }

    /// <inheritdoc/>
    public string Id => nameof(ChecksPerSecondColumn);

    /// <inheritdoc/>
    public string ColumnName => "Checks/s";

    /// <inheritdoc/>
    public bool AlwaysShow => true;

    /// <inheritdoc/>
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc/>
    public int PriorityInCategory => 0;

    /// <inheritdoc/>
    public bool IsNumeric => true;

    /// <inheritdoc/>
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc/>
    public string Legend => "Checks answered per second, from the median time per check";

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc/>
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) =>
        summary[benchmarkCase]?.ResultStatistics is { } statistics
            ? (1e9 / statistics.Median).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)
            : "-";

    /// <inheritdoc/>
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc/>
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
