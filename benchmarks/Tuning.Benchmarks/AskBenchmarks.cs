using BenchmarkDotNet.Attributes;
using Tuning.Bayesian.Models;
using Tuning.Bayesian.Optimizers;
using Tuning.Bayesian.Proposals;

namespace Tuning.Benchmarks;

/// <summary>
/// One <see cref="GaussianProcessSuggester"/> suggestion after n completed trials of a smooth 10-D function with a
/// random history, as in the reference measurement of Optuna 4.6's GPSampler. The suggester is warmed up once, so
/// every measured call is a steady-state ask: a warm-started hyperparameter fit plus the acquisition search.
/// <c>Fit</c> times the model fit alone, so the acquisition's share is <c>Ask − Fit</c>.
/// </summary>
[MemoryDiagnoser]
public class AskBenchmarks
{
    private SuggestionContext _context = null!;
    private GaussianProcessSuggester _suggester = null!;
    private FeatureMap _map = null!;
    private FitMemory _warm = null!;
    private AcquisitionOptimizer _optimizer = null!;

    [Params(50, 100, 200, 500, 1000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var builder = new SearchSpaceBuilder();
        for (int i = 0; i < 10; i++)
        {
            builder.Float($"x{i}", 0, 1);
        }

        SearchSpace space = builder.Build();
        var study = new Study(space, Metric.Minimize("y"), new RandomSuggester(seed: N));
        for (int i = 0; i < N; i++)
        {
            Trial trial = study.Ask();
            double y = 0;
            for (int k = 0; k < 10; k++)
            {
                double x = trial.GetDouble($"x{k}");
                y += Math.Sin((3 * x) + k) + (x * x);
            }

            study.Tell(trial, y);
        }

        _context = new SuggestionContext(space, study.Metrics, study.Trials);
        _suggester = new GaussianProcessSuggester(seed: 1);
        _suggester.Suggest(_context, 1);
        _map = new FeatureMap(space);
        _warm = new FitMemory();
        _optimizer = new AcquisitionOptimizer(_map, 2048, 10);
        SingleObjectiveProposal.Prepare(_context, _map, new GaussianProcessOptions(), _warm, _optimizer);
    }

    [Benchmark]
    public IReadOnlyList<ParameterValues> Ask() => _suggester.Suggest(_context, 1);

    [Benchmark]
    public object? Fit() => SingleObjectiveProposal.Prepare(_context, _map, new GaussianProcessOptions(), _warm, _optimizer);
}
