using ScottPlot;

namespace Tuning.Reporting;

/// <summary>
/// A slice plot: the value of every completed trial at the target fidelity in which a parameter is active (trials at a
/// lower fidelity do not compare, as in the HTML report), against that parameter, colored by trial id (dark early,
/// bright late) so that where the search went is visible. Log-scaled parameters get a log axis; categorical ones one
/// column per choice, with a small deterministic jitter so that points do not hide each other.
/// </summary>
internal static class SlicePlot
{
    public static Plot Draw(PlotData snapshot, string parameterName, PlotOptions options)
    {
        Parameter parameter = snapshot.Space[parameterName];
        Metric metric = snapshot.Metric(options);
        string title = $"Slice: {metric.Name} by {parameter.Name}";
        List<Trial> completed = [.. snapshot.CompletedAtTarget.Where(t => t.Values.ContainsKey(metric.Name))];
        if (completed.Count == 0)
        {
            return PlotCanvas.Message(title, snapshot.NoTrialToDraw());
        }

        List<Trial> trials = [.. completed.Where(t => t.Parameters.IsActive(parameter.Name))];
        if (trials.Count == 0)
        {
            return PlotCanvas.Message(title, $"{parameter.Name} is inactive in every completed trial{(snapshot.Snapshot.HasFidelity ? " at the target fidelity" : string.Empty)} ({parameter.Condition} never held)");
        }

        Plot plot = PlotCanvas.Create(title);
        plot.YLabel(PlotCanvas.MetricLabel(metric));
        plot.XLabel(parameter.Name + (parameter.IsLog ? " (log scale)" : string.Empty));
        var colors = new ColorScale(snapshot.Trials.Select(t => (double)t.Id));
        foreach (Trial trial in trials)
        {
            double x = X(parameter, trial);
            double y = Numbers.Drawn(trial.Values[metric.Name]);
            bool feasible = snapshot.IsFeasible(trial);
            plot.Add.Marker(
                x,
                y,
                feasible ? MarkerShape.FilledCircle : MarkerShape.OpenCircle,
                7,
                feasible ? colors.ColorOf(trial.Id) : PlotCanvas.InfeasibleColor);
        }

        SetXTicks(plot, parameter);
        colors.AddColorBar(plot, "trial");
        return plot;
    }

    /// <summary>The x coordinate: log10 of a log-scaled value, the choice index (jittered) of a categorical, else the value.</summary>
    private static double X(Parameter parameter, Trial trial)
    {
        double number = ParameterScale.Number(trial, parameter)!.Value;
        return parameter.Kind switch
        {
            ParameterKind.Categorical => number + Jitter(trial.Id),
            _ when parameter.IsLog => Math.Log10(number),
            _ => number,
        };
    }

    /// <summary>A spread in [−0.15, 0.15] that depends only on the trial id, so the same study always draws the same picture.</summary>
    private static double Jitter(int id)
    {
        uint h = unchecked((uint)id * 2654435761u);
        return ((h >> 8) / (double)(1 << 24) - 0.5) * 0.3;
    }

    private static void SetXTicks(Plot plot, Parameter parameter)
    {
        // Fit the values first; the x range set below then replaces only the horizontal limits.
        plot.Axes.AutoScale();
        if (parameter.Kind == ParameterKind.Categorical)
        {
            double[] positions = [.. Enumerable.Range(0, parameter.Choices.Count).Select(i => (double)i)];
            plot.Axes.Bottom.SetTicks(positions, [.. parameter.Choices]);
            plot.Axes.SetLimitsX(-0.5, parameter.Choices.Count - 0.5);
        }
        else if (parameter.IsLog)
        {
            double low = Math.Log10(parameter.Low), high = Math.Log10(parameter.High);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                // Whole decades when the range spans several; otherwise in-between ticks, still labelled with real values.
                IntegerTicksOnly = high - low >= 2,
                LabelFormatter = x => Numbers.Short(Math.Pow(10, x)),
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            };
            SetPaddedLimits(plot, low, high);
        }
        else
        {
            SetPaddedLimits(plot, parameter.Low, parameter.High);
        }
    }

    /// <summary>Shows the parameter's whole domain, so that an unexplored end is visible as empty space.</summary>
    private static void SetPaddedLimits(Plot plot, double low, double high)
    {
        double pad = high > low ? (high - low) * 0.03 : 0.5;
        plot.Axes.SetLimitsX(low - pad, high + pad);
    }
}
