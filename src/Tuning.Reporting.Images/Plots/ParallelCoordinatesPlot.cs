using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// Parallel coordinates: one vertical axis per parameter and a last one for the metric; every completed trial at the
/// target fidelity is a line through its values, colored by its metric value (trials at a lower fidelity do not compare,
/// as in the HTML report). The best trials are drawn last, on top; infeasible trials are grey.
/// </summary>
/// <remarks>
/// Each parameter axis spans the parameter's domain (in log space for log-scaled parameters; one slot per choice for
/// categoricals), labelled at its ends; the metric axis spans the values seen. A conditional parameter's axis has an
/// extra slot below it, labelled "inactive", through which pass the lines of the trials in which it is inactive.
/// </remarks>
internal static class ParallelCoordinatesPlot
{
    private const double Margin = 0.06;

    /// <summary>Where the lines of trials in which a conditional parameter is inactive cross its axis.</summary>
    private const double InactiveSlot = -0.2;

    public static Plot Draw(PlotData snapshot, PlotOptions options)
    {
        Metric metric = snapshot.Metric(options);
        string title = $"Parallel coordinates: {metric.Name}";
        List<Trial> trials = [.. snapshot.CompletedAtTarget.Where(t => t.Values.ContainsKey(metric.Name))];
        if (trials.Count == 0)
        {
            return PlotCanvas.Message(title, snapshot.NoTrialToDraw());
        }

        IReadOnlyList<Parameter> parameters = snapshot.Space.Parameters;
        int metricAxis = parameters.Count;
        double[] values = [.. trials.Select(t => Numbers.Drawn(t.Values[metric.Name]))];
        double min = values.Min(), max = values.Max();
        var colors = new ColorScale(values);

        Plot plot = PlotCanvas.Create(title);
        plot.HideGrid();
        foreach (Trial trial in DrawOrder(snapshot, trials, metric))
        {
            double value = Numbers.Drawn(trial.Values[metric.Name]);
            Color color = snapshot.IsFeasible(trial) ? colors.ColorOf(value) : PlotCanvas.InfeasibleColor.WithAlpha(0.6);
            var line = new Coordinates[metricAxis + 1];
            for (int j = 0; j < metricAxis; j++)
            {
                line[j] = new Coordinates(j, ParameterScale.Position(trial, parameters[j]) ?? InactiveSlot);
            }

            line[metricAxis] = new Coordinates(metricAxis, max > min ? (value - min) / (max - min) : 0.5);
            ScottPlot.Plottables.Scatter polyline = plot.Add.ScatterLine(line, color);
            polyline.LineWidth = 1.5f;
        }

        for (int j = 0; j <= metricAxis; j++)
        {
            plot.Add.Line(j, 0, j, 1).Color = Colors.Black.WithAlpha(0.6);
            if (j < metricAxis && parameters[j].Condition is not null)
            {
                plot.Add.Line(j, InactiveSlot - 0.02, j, InactiveSlot + 0.02).Color = Colors.Black.WithAlpha(0.6);
                AddLabel(plot, j, InactiveSlot, "inactive");
            }

            IEnumerable<(double Position, string Label)> labels = j == metricAxis
                ? [(0, Numbers.Short(min)), (1, Numbers.Short(max))]
                : AxisLabels(parameters[j]);
            foreach ((double position, string label) in labels)
            {
                AddLabel(plot, j, position, label);
            }
        }

        string[] names = [.. parameters.Select(p => p.Name), metric.Name];
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, names.Length).Select(j => (double)j)], Stagger(names, options.Width));
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
        double bottom = parameters.Any(p => p.Condition is not null) ? InactiveSlot - Margin : -Margin * 1.5;
        plot.Axes.SetLimits(-0.4, metricAxis + 0.4, bottom, 1 + (Margin * 1.5));
        colors.AddColorBar(plot, PlotCanvas.MetricLabel(metric));
        return plot;
    }

    /// <summary>Infeasible trials first, then the feasible ones from worst to best, so the best lines are on top.</summary>
    private static IEnumerable<Trial> DrawOrder(PlotData snapshot, List<Trial> trials, Metric metric)
    {
        double sign = metric.Kind == MetricKind.Maximize ? 1 : -1;
        return trials
            .OrderBy(t => snapshot.IsFeasible(t) ? 1 : 0)
            .ThenBy(t => sign * t.Values[metric.Name])
            .ThenBy(t => t.Id);
    }

    /// <summary>
    /// Puts every other axis name on a second line when the names are too long to sit side by side (about 7 pixels a
    /// character at the default font size), so that long names stay readable without rotating them.
    /// </summary>
    internal static string[] Stagger(string[] names, int width)
    {
        double room = width * 0.85 / names.Length;
        bool crowded = names.Any(name => name.Length * 7.0 > room);
        return crowded ? [.. names.Select((name, j) => j % 2 == 1 ? "\n" + name : name)] : names;
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
        // Ends sit just outside the axis; a categorical's inner choices, and the inactive slot, sit on it.
        double y = position == 0 ? -Margin : position == 1 ? 1 + Margin : position;
        ScottPlot.Plottables.Text text = plot.Add.Text(label, axis, y);
        text.LabelFontSize = 11;
        text.LabelAlignment = Alignment.MiddleCenter;
        text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
    }
}
