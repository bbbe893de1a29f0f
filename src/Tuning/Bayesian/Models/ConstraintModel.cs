using Tuning.Bayesian.Kernels;

namespace Tuning.Bayesian.Models;

/// <summary>A constraint metric's Gaussian process with its thresholds mapped into the model's standardized units (NaN for none).</summary>
internal sealed record ConstraintModel(GaussianProcess Model, double Lower, double Upper)
{
    /// <summary>
    /// Fits a model to each constraint of the history, on the completed trials, standardized linearly (constraint values
    /// are not ranked); a constraint whose fit fails is left out.
    /// </summary>
    public static List<ConstraintModel> FitAll(TrainingData data, IKernelFamily family, FitMemory memory, ModelSettings settings)
    {
        var constraints = new List<ConstraintModel>();
        foreach ((Metric metric, double[] values) in data.Constraints)
        {
            (double[] standardized, Func<double, double> toModel) = OutputTransform.Linear(values);
            GaussianProcess? model = GaussianProcessFitter.Update(
                memory, new ModelRole(ModelKind.Constraint, metric.Name), family, data.CompletedFeatures, standardized, data.CompletedKeys, settings,
                ranked: false).Model;
            if (model is not null)
            {
                constraints.Add(new ConstraintModel(model, metric.Min is double lo ? toModel(lo) : double.NaN, metric.Max is double hi ? toModel(hi) : double.NaN));
            }
        }

        return constraints;
    }

    /// <summary>
    /// The same constraints over readers of their models for another thread (<see cref="GaussianProcess.ForAnotherThread"/>),
    /// or null if a model cannot be shared.
    /// </summary>
    public static List<ConstraintModel>? ForAnotherThread(IReadOnlyList<ConstraintModel> constraints)
    {
        var copies = new List<ConstraintModel>(constraints.Count);
        foreach (ConstraintModel c in constraints)
        {
            if (c.Model.ForAnotherThread() is not GaussianProcess model)
            {
                return null;
            }

            copies.Add(c with { Model = model });
        }

        return copies;
    }

    /// <summary>
    /// Appends a pending point (its features) to every constraint model at its predicted mean (the kriging believer);
    /// returns whether every predicted mean meets its thresholds.
    /// </summary>
    public static bool AppendPredicted(List<ConstraintModel> constraints, double[] features)
    {
        bool feasible = true;
        foreach (ConstraintModel c in constraints)
        {
            (double mean, _) = c.Model.Predict(features, default, default);
            c.Model.Append(features, mean);
            feasible &= (double.IsNaN(c.Lower) || mean >= c.Lower) && (double.IsNaN(c.Upper) || mean <= c.Upper);
        }

        return feasible;
    }
}
