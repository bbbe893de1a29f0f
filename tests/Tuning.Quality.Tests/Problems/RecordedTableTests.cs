using System.Globalization;
using System.IO.Compression;
using Tuning.Quality.Problems;

namespace Tuning.Quality.Tests;

/// <summary>
/// The recorded problems look up the training a suggestion names: each parameter, turned back into the trained value
/// (2^x, 10^x or x), finds the recorded row by value, not by rank, so a level off by one or a rounded log axis shows;
/// and the optimum is the grid's best mean at the target.
/// </summary>
public sealed class RecordedTableTests
{
    public static TheoryData<string> Problems => [.. Recorded().Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Problems))]
    public void A_suggestion_reads_the_recorded_trainings_of_the_configuration_it_names(string name)
    {
        var problem = (TabularFidelityProblem)Recorded().Single(p => p.Name == name);
        Recording recording = Recording.Read(problem.File);
        var random = new Random(17);
        foreach ((long _, double fidelity) in problem.Reports)
        {
            string column = Column(name, fidelity);
            for (int k = 0; k < 100; k++)
            {
                ParameterValues x = problem.Space.Decode([.. Enumerable.Range(0, problem.Space.Count).Select(_ => random.NextDouble())]);
                double[] trained = [.. problem.Space.Parameters.Where(p => p.Name != problem.Space.Fidelity?.Name).Select(p => Trained(p.Name, x.GetDouble(p.Name)))];

                Assert.Equal(recording.Mean(trained, column), problem.TrueValue(x, fidelity), precision: 12);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void The_optimum_is_the_best_mean_of_the_grid_at_the_target(string name)
    {
        var problem = (TabularFidelityProblem)Recorded().Single(p => p.Name == name);
        Recording recording = Recording.Read(problem.File);

        Assert.Equal(recording.BestMean(Column(name, problem.TargetFidelity)), problem.Optimum, precision: 12);
    }

    private static IEnumerable<IFidelityProblem> Recorded() => TabularProblems.Fidelity().Concat(TabularProblems.HeldOutFidelity());

    /// <summary>The recorded column of a fidelity value.</summary>
    private static string Column(string problem, double fidelity) =>
        problem.StartsWith("MLP", StringComparison.Ordinal) ? $"epoch{fidelity:0}"
        : problem.Contains("tasks", StringComparison.Ordinal) ? fidelity switch { 0.1 => "rows10", 0.3 => "rows30", _ => "iteration243" }
        : $"iteration{fidelity:0}";

    /// <summary>The value a grid parameter stands for in training.</summary>
    private static double Trained(string parameter, double value) =>
        parameter.StartsWith("log2_", StringComparison.Ordinal) ? Math.Pow(2, value)
        : parameter.StartsWith("log10_", StringComparison.Ordinal) ? Math.Pow(10, value)
        : value;

    /// <summary>A recording read directly from its file: the configurations' trained values and their value columns.</summary>
    private sealed class Recording
    {
        private readonly List<(double[] Configuration, Dictionary<string, double> Values)> _rows = [];

        public static Recording Read(string file)
        {
            var recording = new Recording();
            using var reader = new StreamReader(new GZipStream(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Data", file)), CompressionMode.Decompress));
            string[]? header = null;
            while (reader.ReadLine() is string line)
            {
                if (line.Length == 0 || line.StartsWith('#'))
                {
                    continue;
                }

                string[] cells = line.Split(',');
                if (header is null)
                {
                    header = cells;
                    continue;
                }

                int keys = Array.IndexOf(header, "replicate");
                double[] numbers = [.. cells.Select(c => double.Parse(c, CultureInfo.InvariantCulture))];
                recording._rows.Add((numbers[..keys], header.Zip(numbers).Skip(keys + 1).ToDictionary(p => p.First, p => p.Second)));
            }

            return recording;
        }

        /// <summary>The mean of a column over the recorded trainings whose configuration matches, to 4 significant digits.</summary>
        public double Mean(double[] configuration, string column)
        {
            double[] values = [.. _rows.Where(r => r.Configuration.Zip(configuration).All(p => Math.Abs(p.First - p.Second) <= 1e-4 * Math.Abs(p.Second))).Select(r => r.Values[column])];
            Assert.NotEmpty(values);
            return values.Average();
        }

        public double BestMean(string column) =>
            _rows.GroupBy(r => string.Join(',', r.Configuration)).Min(g => g.Average(r => r.Values[column]));
    }
}
