using FsCheck;
using FsCheck.Fluent;

namespace Tuning.Reporting.Tests.Charts;

public class ChartGeometryTests
{
    private static void Check<T>(Arbitrary<T> cases, Action<T> property) =>
        Prop.ForAll(cases, property).Check(Config.QuickThrowOnFailure.WithMaxTest(200).WithReplay(20261205, 0x9E3779B97F4A7C15UL | 1));

    /// <summary>Drops one element: how a failing list shrinks.</summary>
    private static IEnumerable<T[]> WithoutOne<T>(T[] items) => Enumerable.Range(0, items.Length).Select(i => items.Where((_, j) => j != i).ToArray());

    /// <summary>Trials on a grid of positions in [0, 1]² with small integer values, so positions repeat now and then.</summary>
    private static readonly Arbitrary<(int X, int Y, int Z)[]> Points = Arb.From(
        Gen.Choose(1, 12).SelectMany(n => (from x in Gen.Choose(0, 8) from y in Gen.Choose(0, 8) from z in Gen.Choose(-5, 5) select (x, y, z)).ArrayOf(n)),
        WithoutOne);

    [Fact]
    public void The_contour_surface_passes_through_each_trial_and_stays_within_their_values()
    {
        Check(Points, points =>
        {
            double[] x = [.. points.Select(p => p.X / 8.0)], y = [.. points.Select(p => p.Y / 8.0)], z = [.. points.Select(p => (double)p.Z)];
            for (int i = 0; i < points.Length; i++)
            {
                // At a position shared by several trials the first one's value is shown.
                int first = Array.FindIndex(points, p => p.X == points[i].X && p.Y == points[i].Y);
                Assert.Equal(z[first], ContourChart.Interpolate(x, y, z, x[i], y[i]));
            }

            for (int g = 0; g <= 10; g++)
            {
                double value = ContourChart.Interpolate(x, y, z, g / 10.0, 1 - (g / 10.0));
                Assert.InRange(value, z.Min(), z.Max());
            }
        });
    }

    [Fact]
    public void The_contour_surface_of_equal_values_is_that_value_to_the_last_digit()
    {
        // Rounding in a weighted mean of equal values lands a digit off now and then: plotly.js contours that noise.
        double[] x = [0.1, 0.8, 0.35, 0.6, 0.95, 0.2], y = [0.7, 0.15, 0.45, 0.9, 0.5, 0.05], z = [-3, -3, -3, -3, -3, -3];
        for (int i = 0; i < ContourChart.GridSize; i++)
        {
            for (int j = 0; j < ContourChart.GridSize; j++)
            {
                double at = i / (ContourChart.GridSize - 1.0), atY = j / (ContourChart.GridSize - 1.0);
                Assert.Equal(-3.0, ContourChart.Interpolate(x, y, z, at, atY));
            }
        }
    }

    /// <summary>Trials as (start, length) in seconds; some still running (length 0 stands for "not finished").</summary>
    private static readonly Arbitrary<(int Start, int Length)[]> Schedules = Arb.From(
        Gen.Choose(0, 15).SelectMany(n => (from start in Gen.Choose(0, 30) from length in Gen.Choose(0, 10) select (start, length)).ArrayOf(n)),
        WithoutOne);

    [Fact]
    public void Timeline_lanes_never_overlap_and_number_as_many_as_trials_ran_at_once()
    {
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset now = origin.AddSeconds(60);
        Check(Schedules, schedule =>
        {
            var clock = new StepClock(origin);
            var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("y"), new RandomSuggester(seed: 1), new StudyOptions { TimeProvider = clock });
            var trials = new List<Trial>();
            var ends = new List<(DateTimeOffset End, int Index)>();
            foreach ((int start, int length) in schedule.OrderBy(s => s.Start))
            {
                clock.Set(origin.AddSeconds(start));
                trials.Add(study.Ask());
                if (length > 0)
                {
                    ends.Add((origin.AddSeconds(start + length), trials.Count - 1));
                }
            }

            foreach ((DateTimeOffset end, int index) in ends.OrderBy(e => e.End))
            {
                clock.Set(end);
                study.Tell(trials[index], 1.0);
            }

            IReadOnlyList<Trial> stored = study.Trials;
            int[] lanes = TimelineChart.Lanes(stored, now);
            DateTimeOffset End(Trial t) => t.FinishedAt ?? now;
            for (int i = 0; i < stored.Count; i++)
            {
                for (int j = i + 1; j < stored.Count; j++)
                {
                    bool overlap = stored[i].StartedAt < End(stored[j]) && stored[j].StartedAt < End(stored[i]);
                    Assert.False(overlap && lanes[i] == lanes[j], $"trials {i} and {j} overlap in lane {lanes[i]}");
                }
            }

            // Greedy interval colouring by start time uses exactly the largest number of trials running at one moment.
            int mostAtOnce = stored.Count == 0 ? 0 : stored.Max(t => stored.Count(o => o.StartedAt <= t.StartedAt && End(o) > t.StartedAt));
            Assert.Equal(Math.Max(mostAtOnce, stored.Count == 0 ? 0 : 1), lanes.Length == 0 ? 0 : lanes.Max() + 1);
        });
    }

    /// <summary>Trials as (start, length) in seconds: 0 stands for "not finished", a negative length for a finish stamped by a clock set back.</summary>
    private static readonly Arbitrary<(int Start, int Length)[]> SkewedSchedules = Arb.From(
        Gen.Choose(0, 25).SelectMany(n => (from start in Gen.Choose(0, 20) from length in Gen.Choose(-3, 10) select (start, length)).ArrayOf(n)),
        WithoutOne);

    [Fact]
    public void Timeline_lanes_are_those_of_a_scan_of_every_lane_for_the_first_free_one()
    {
        var origin = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset now = origin.AddSeconds(25);
        Check(SkewedSchedules, schedule =>
        {
            var clock = new StepClock(origin);
            var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("y"), new RandomSuggester(seed: 1), new StudyOptions { TimeProvider = clock });
            var trials = new List<Trial>();
            foreach ((int start, _) in schedule)
            {
                clock.Set(origin.AddSeconds(start)); // asked out of start order: the lanes take trials by start time
                trials.Add(study.Ask());
            }

            for (int i = 0; i < trials.Count; i++)
            {
                if (schedule[i].Length != 0)
                {
                    clock.Set(origin.AddSeconds(schedule[i].Start + schedule[i].Length));
                    study.Tell(trials[i], 1.0);
                }
            }

            IReadOnlyList<Trial> stored = study.Trials;
            Assert.Equal(FirstFreeLaneByScan(stored, now), TimelineChart.Lanes(stored, now));
        });
    }

    [Fact]
    public void Timeline_lanes_of_many_trials_running_at_once_are_found_without_scanning_every_lane()
    {
        // 60,000 trials running at once (left by workers that died): each trial scanned every lane, 1.8e9 looks. The
        // limit only catches a return to that.
        const int N = 60_000;
        var study = new Study(new SearchSpaceBuilder().Float("x", 0, 1).Build(), Metric.Minimize("y"), new RandomSuggester(seed: 1));
        for (int i = 0; i < N; i++)
        {
            study.Ask();
        }

        IReadOnlyList<Trial> running = study.Trials;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int[] lanes = TimelineChart.Lanes(running, DateTimeOffset.UtcNow.AddHours(1));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"{clock.Elapsed.TotalSeconds:F1} s for the lanes of {N} trials running at once");
        Assert.Equal(N, lanes.Distinct().Count());
    }

    /// <summary>The reference: trials by start time, each in the first lane (by number) whose latest trial had ended when it started.</summary>
    private static int[] FirstFreeLaneByScan(IReadOnlyList<Trial> trials, DateTimeOffset now)
    {
        var lanes = new int[trials.Count];
        var laneEnds = new List<DateTimeOffset>();
        foreach (int i in Enumerable.Range(0, trials.Count).OrderBy(i => trials[i].StartedAt).ThenBy(i => trials[i].Id))
        {
            int lane = laneEnds.FindIndex(end => end <= trials[i].StartedAt);
            if (lane < 0)
            {
                lane = laneEnds.Count;
                laneEnds.Add(default);
            }

            laneEnds[lane] = trials[i].FinishedAt ?? (now > trials[i].StartedAt ? now : trials[i].StartedAt);
            lanes[i] = lane;
        }

        return lanes;
    }

    private sealed class StepClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public void Set(DateTimeOffset now) => _now = now;

        public override DateTimeOffset GetUtcNow() => _now;
    }
}
