using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using Perfolizer.Horology;

namespace Tuning.Benchmarks;

/// <summary>
/// A short job (3 warm-ups, 7 measured iterations, one launch) so a full run takes minutes on a shared 2-core
/// machine, a GitHub-markdown table, and a CSV whose cells are plain invariant numbers in nanoseconds (units in the
/// header only) in <c>BenchmarkDotNet.Artifacts/results/*-report.csv</c>.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddColumnProvider(DefaultColumnProviders.Instance);
        AddLogger(ConsoleLogger.Default);
        AddAnalyser([.. DefaultConfig.Instance.GetAnalysers()]);
        AddValidator([.. DefaultConfig.Instance.GetValidators()]);
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(7).WithLaunchCount(1).WithId("Short"));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberGroupSeparator = string.Empty;
        var style = new SummaryStyle(culture, printUnitsInHeader: true, sizeUnit: null, timeUnit: TimeUnit.Nanosecond, printUnitsInContent: false);
        AddExporter(MarkdownExporter.GitHub);
        AddExporter(new CsvExporter(CsvSeparator.Comma, style));
        WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond));
    }
}
