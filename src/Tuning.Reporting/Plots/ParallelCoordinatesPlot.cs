using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// Parallel coordinates: one vertical axis per parameter and a last one for the metric; every completed trial is a
/// line through its values, colored by its metric value. The best trials are drawn last, on top. A line breaks at a
/// parameter that is inactive in that trial; infeasible trials are grey.
/// </summary>
/// <remarks>
/// Each parameter axis spans the parameter's domain (in log space for log-scaled parameters; one slot per choice for
/// categoricals), labelled at its ends; the metric axis spans the values seen.
/// </remarks>
internal static class ParallelCoordinatesPlot
{
    private const double Margin = 0.06;

    public static byte[] Render(StudySnapshot snapshot, PlotOptions options)
    {
        Metric metric = snapshot.Metric(options.Metric);
        string title = $"Parallel coordinates: {metric.Name}";
        List<Trial> trials = [.. snapshot.Completed.Where(t => t.Values.ContainsKey(metric.Name))];
        if (trials.Count == 0)
        {
            return PlotCanvas.Message(title, HistoryPlot.NoCompletedTrial(snapshot), options);
        }

        IReadOnlyList<Parameter> parameters = snapshot.Space.Parameters;
        int metricAxis = parameters.Count;
        double[] values = [.. trials.Select(t => t.Values[metric.Name])];
        double min = values.Min(), max = values.Max();
        var colors = new ColorScale(values);

        using Plot plot = PlotCanvas.Create(title);
        plot.HideGrid();
        foreach (Trial trial in DrawOrder(snapshot, trials, metric))
        {
            double value = trial.Values[metric.Name];
            Color color = snapshot.IsFeasible(trial) ? colors.ColorOf(value) : PlotCanvas.InfeasibleColor.WithAlpha(0.6);
            var run = new List<Coordinates>();
            for (int j = 0; j <= metricAxis; j++)
            {
                double? y = j == metricAxis ? (max > min ? (value - min) / (max - min) : 0.5) : ParameterScale.Position(trial, parameters[j]);
                if (y is double position)
                {
                    run.Add(new Coordinates(j, position));
                }
                else
                {
                    AddRun(plot, run, color);
                    run = [];
                }
            }

            AddRun(plot, run, color);
        }

        for (int j = 0; j <= metricAxis; j++)
        {
            plot.Add.VerticalLine(j, 1, Colors.Black.WithAlpha(0.6));
            IEnumerable<(double Position, string Label)> labels = j == metricAxis
                ? [(0, Numbers.Short(min)), (1, Numbers.Short(max))]
                : AxisLabels(parameters[j]);
            foreach ((double position, string label) in labels)
            {
                AddLabel(plot, j, position, label);
            }
        }

        string[] names = [.. parameters.Select(p => p.Name), metric.Name];
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, names.Length).Select(j => (double)j)], names);
        if (names.Length > 6)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
            plot.Axes.Bottom.MinimumSize = 20 + (7 * names.Max(n => n.Length));
        }

        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        plot.Axes.SetLimits(-0.4, metricAxis + 0.4, -Margin * 1.5, 1 + (Margin * 1.5));
        colors.AddColorBar(plot, PlotCanvas.MetricLabel(metric));
        return PlotCanvas.Render(plot, options);
    }

    /// <summary>Infeasible trials first, then the feasible ones from worst to best, so the best lines are on top.</summary>
    private static IEnumerable<Trial> DrawOrder(StudySnapshot snapshot, List<Trial> trials, Metric metric)
    {
        double sign = metric.Kind == MetricKind.Maximize ? 1 : -1;
        return trials
            .OrderBy(t => snapshot.IsFeasible(t) ? 1 : 0)
            .ThenBy(t => sign * t.Values[metric.Name])
            .ThenBy(t => t.Id);
    }

    private static void AddRun(Plot plot, List<Coordinates> run, Color color)
    {
        if (run.Count == 0)
        {
            return;
        }

        ScottPlot.Plottables.Scatter line = plot.Add.Scatter(run.ToArray(), color);
        line.LineWidth = 1.5f;
        line.MarkerSize = run.Count == 1 ? 5 : 0;
    }

    /// <summary>The labels along a parameter's axis: every choice of a categorical with few choices, else the two ends.</summary>
    private static IEnumerable<(double Position, string Label)> AxisLabels(Parameter parameter)
    {
        if (parameter.Kind == ParameterKind.Categorical && parameter.Choices.Count <= 8)
        {
            return parameter.Choices.Select((choice, i) => (ParameterScale.Position(parameter, i), choice));
        }

        double low = parameter.Kind == ParameterKind.Categorical ? 0 : parameter.Low;
        double high = parameter.Kind == ParameterKind.Categorical ? parameter.Choices.Count - 1 : parameter.High;
        return [(ParameterScale.Position(parameter, low), ParameterScale.Format(parameter, low)), (ParameterScale.Position(parameter, high), ParameterScale.Format(parameter, high))];
    }

    private static void AddLabel(Plot plot, int axis, double position, string label)
    {
        // Ends sit just outside the axis; a categorical's inner choices sit on it.
        double y = position <= 0 ? -Margin : position >= 1 ? 1 + Margin : position;
        ScottPlot.Plottables.Text text = plot.Add.Text(label, axis, y);
        text.LabelFontSize = 11;
        text.LabelAlignment = Alignment.MiddleCenter;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
    }
}
