using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Tuning.Benchmarks;

/// <summary>
/// A short job (3 warm-ups, 7 measured iterations, one launch) so a full run takes minutes on a shared 2-core
/// machine, and a CSV exporter whose cells are plain invariant numbers in nanoseconds (units in the header only).
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(7).WithLaunchCount(1).WithId("Short"));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median, BaselineRatioColumn.RatioMean);
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberGroupSeparator = string.Empty;
        var style = new SummaryStyle(culture, printUnitsInHeader: true, sizeUnit: null, timeUnit: TimeUnit.Nanosecond, printUnitsInContent: false);
        AddExporter(new CsvExporter(CsvSeparator.Comma, style));
        WithOptions(ConfigOptions.JoinSummary);
    }
}
