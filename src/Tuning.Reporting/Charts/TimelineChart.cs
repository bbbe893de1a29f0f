using System.Globalization;
using System.Text.Json.Nodes;

namespace Tuning.Reporting;

/// <summary>
/// Timeline: each trial as a bar from its start to its end (the snapshot's time while it runs), colored by state, in
/// one lane per worker. Trials do not record which worker ran them, so the lanes are inferred: each trial takes the
/// first lane free when it started. With workers that run one trial at a time, there are as many lanes as workers
/// ran at once.
/// </summary>
internal static class TimelineChart
{
    public static ChartFigure? Build(ChartContext context)
    {
        IReadOnlyList<Trial> trials = context.Snapshot.Trials;
        if (trials.Count == 0)
        {
            return null;
        }

        DateTimeOffset now = context.Snapshot.TakenAt;
        int[] lanes = Lanes(trials, now);
        int laneCount = lanes.Length == 0 ? 0 : lanes.Max() + 1;
        var data = new JsonArray();
        foreach ((TrialState state, string color) in Plotly.StateColors)
        {
            int[] indices = [.. Enumerable.Range(0, trials.Count).Where(i => trials[i].State == state)];
            if (indices.Length == 0)
            {
                continue;
            }

            data.Add(new JsonObject
            {
                ["type"] = "bar",
                ["orientation"] = "h",
                ["name"] = ChartContext.StateName(state),
                ["base"] = Plotly.Strings(indices.Select(i => Time(trials[i].StartedAt))),
                ["x"] = Plotly.Numbers(indices.Select(i => Math.Max(1, (End(trials[i], now) - trials[i].StartedAt).TotalMilliseconds))),
                ["y"] = Plotly.Strings(indices.Select(i => LaneName(lanes[i]))),
                // The trial's shared hover text (which lists every parameter) by id, then the bar's own times.
                ["trialIds"] = context.HoverIds(indices.Select(i => trials[i])),
                ["customdata"] = Plotly.Strings(indices.Select(i => $"started {Time(trials[i].StartedAt)} UTC<br>ran {Numbers.Duration(End(trials[i], now) - trials[i].StartedAt)}")),
                ["hovertemplate"] = "%{text}<br>%{customdata}<extra></extra>",
                ["textposition"] = "none",
                ["marker"] = new JsonObject { ["color"] = color, ["line"] = new JsonObject { ["color"] = "#fff", ["width"] = 0.5 } },
            });
        }

        JsonObject layout = Plotly.Layout("time (UTC)", "worker (inferred)", Math.Max(240, 120 + (26 * laneCount)));
        layout["xaxis"]!["type"] = "date";
        layout["yaxis"]!["type"] = "category";
        layout["yaxis"]!["categoryorder"] = "array";
        layout["yaxis"]!["categoryarray"] = Plotly.Strings(Enumerable.Range(0, laneCount).Reverse().Select(LaneName));
        layout["barmode"] = "overlay";
        return new ChartFigure(
            "timeline",
            "Timeline",
            "Each trial from its start to its end, colored by how it ended. Trials do not record their worker, so each trial is drawn in the first lane free when it started: with workers that run one trial at a time, one lane per worker. Drag to zoom into a period.",
            data,
            layout,
            trials.Count);
    }

    /// <summary>
    /// Gives each trial (in the given order) the first lane whose previous trial had ended when it started, taking the
    /// trials by start time. Lanes that ended are moved to a heap of free lanes as the starts pass their ends, so a study
    /// with many trials running at once (thousands left running by workers that died) costs O(n log n), not trials × lanes.
    /// </summary>
    internal static int[] Lanes(IReadOnlyList<Trial> trials, DateTimeOffset now)
    {
        var lanes = new int[trials.Count];
        var busy = new PriorityQueue<int, DateTimeOffset>(); // lanes by the end of their latest trial
        var free = new PriorityQueue<int, int>(); // lanes whose latest trial ended by the current start, lowest first
        int laneCount = 0;
        foreach (int i in Enumerable.Range(0, trials.Count).OrderBy(i => trials[i].StartedAt).ThenBy(i => trials[i].Id))
        {
            // Starts never decrease, so a lane free at an earlier start is free at this one too.
            while (busy.TryPeek(out int ended, out DateTimeOffset end) && end <= trials[i].StartedAt)
            {
                busy.Dequeue();
                free.Enqueue(ended, ended);
            }

            int lane = free.TryDequeue(out int reused, out _) ? reused : laneCount++;
            busy.Enqueue(lane, End(trials[i], now));
            lanes[i] = lane;
        }

        return lanes;
    }

    private static DateTimeOffset End(Trial trial, DateTimeOffset now) => trial.FinishedAt ?? (now > trial.StartedAt ? now : trial.StartedAt);

    private static string LaneName(int lane) => "worker " + (lane + 1).ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
