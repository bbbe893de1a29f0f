using FsCheck.Fluent;
using FsCheck;
using Tuning.Bayesian.Kernels;
using Tuning.Bayesian.Models;
using Tuning.Tests.Support;

namespace Tuning.Tests.Bayesian;

/// <summary>
/// A Gaussian process over d unit features (a space of d floats on [0, 1]), given by its parts: the rows, the
/// targets and the Matérn hyperparameters. Generated structurally, so a failing case shrinks to fewer rows, rounder
/// coordinates and plainer hyperparameters.
/// </summary>
internal sealed record GpSpec(double[][] Rows, double[] Targets, double[] LogLengthscales, double LogSignal, double LogNoise)
{
    public int Dimensions => LogLengthscales.Length;

    public GaussianProcess Condition() =>
        GaussianProcess.Condition(
            new MaternKernel(ModelSpecs.Map(Dimensions), [.. LogLengthscales.Select(Math.Exp)], Math.Exp(LogSignal)),
            Math.Exp(LogNoise),
            [.. Rows.SelectMany(r => r)],
            Targets)!;

    public override string ToString() =>
        $"GP ℓ=e^[{string.Join(", ", LogLengthscales)}] σ²=e^{LogSignal} noise=e^{LogNoise:G3} on {ModelSpecs.Describe(Rows, Targets)}";
}

/// <summary>A constraint's model with its thresholds in the model's units (NaN for none).</summary>
internal sealed record ConstraintSpec(GpSpec Model, double Lower, double Upper)
{
    public ConstraintModel Condition() => new(Model.Condition(), Lower, Upper);

    public override string ToString() => $"{Lower} ≤ c ≤ {Upper} with {Model}";
}

/// <summary>A Gaussian process over (x, s): unit features, a fidelity coordinate per row, and the kernel family's θ.</summary>
/// <param name="Tasks">0 for a range fidelity (coordinates in [0, 1], target at 1), else the number of tasks (coordinates are task indices).</param>
/// <param name="Target">The target task's index (tasks only).</param>
internal sealed record FidelityGpSpec(double[][] Rows, double[] Coordinates, double[] Targets, int Tasks, int Target, double[] Offsets, double LogNoise)
{
    public int Dimensions => Rows[0].Length;

    public double TargetCoordinate => Tasks == 0 ? 1 : Target;

    public FidelityKernelFamily Family => new(ModelSpecs.Map(Dimensions), Tasks == 0 ? new ExponentialDecayFidelityKernel() : new TaskFidelityKernel(Tasks, Target));

    /// <summary>θ: the family's starting point moved by the offsets, inside the family's bounds.</summary>
    public double[] Theta
    {
        get
        {
            FidelityKernelFamily family = Family;
            double[] theta = new double[family.Count], lower = new double[family.Count], upper = new double[family.Count];
            family.Initial(theta, 0);
            family.Bounds(lower, upper);
            for (int i = 0; i < theta.Length; i++)
            {
                theta[i] = Math.Clamp(theta[i] + Offsets[i], lower[i], upper[i]);
            }

            return theta;
        }
    }

    public GaussianProcess Condition()
    {
        double[] rows = [.. Rows.SelectMany((r, i) => r.Append(Coordinates[i]))];
        return GaussianProcess.Condition(Family.Create(Theta), Math.Exp(LogNoise), rows, Targets)!;
    }

    public override string ToString() =>
        $"{(Tasks == 0 ? "range" : $"{Tasks} tasks, target {Target}")}, θ offsets [{string.Join(", ", Offsets)}], noise e^{LogNoise:G3}, "
        + $"coordinates [{string.Join(", ", Coordinates)}] on {ModelSpecs.Describe(Rows, Targets)}";
}

/// <summary>Generators and shrinkers of model specifications.</summary>
internal static class ModelSpecs
{
    private static readonly FeatureMap[] Maps = [.. Enumerable.Range(1, 6).Select(d => new FeatureMap(UnitSpace(d)))];

    /// <summary>The feature map of d floats on [0, 1] (1 ≤ d ≤ 6): the features are the coordinates.</summary>
    public static FeatureMap Map(int d) => Maps[d - 1];

    public static SearchSpace UnitSpace(int d)
    {
        var builder = new SearchSpaceBuilder();
        for (int c = 0; c < d; c++)
        {
            builder.Float($"x{c}", 0, 1);
        }

        return builder.Build();
    }

    /// <summary>A coordinate on a grid of 1/1000 (so that probes sometimes coincide with rows).</summary>
    public static Gen<double> Unit => Gen.Choose(0, 1000).Select(k => k / 1000.0);

    public static Gen<double[]> Point(int d) => Unit.ArrayOf(d);

    public static IEnumerable<double[]> ShrinkPoint(double[] point) => Shrink.Array(point, u => Shrink.Toward(u, 0.5), minLength: point.Length);

    /// <summary>2 to <paramref name="maxRows"/> rows, targets in [−2, 2], lengthscales e^[−1.5, 1], σ² e^[−1, 1], noise 1e-3 to 1e-1.</summary>
    public static Gen<GpSpec> Gp(int d, int maxRows = 12) =>
        from n in Gen.Choose(2, maxRows)
        from rows in Point(d).ArrayOf(n)
        from targets in Gen.Choose(-100, 100).Select(k => k / 50.0).ArrayOf(n)
        from lengthscales in Gen.Choose(-15, 10).Select(k => k / 10.0).ArrayOf(d)
        from signal in Gen.Choose(-10, 10).Select(k => k / 10.0)
        from noise in Gen.Choose(-69, -23).Select(k => k / 10.0)
        select new GpSpec(rows, targets, lengthscales, signal, noise);

    public static IEnumerable<GpSpec> ShrinkGp(GpSpec s)
    {
        foreach (int[] kept in Shrink.Array([.. Enumerable.Range(0, s.Targets.Length)], Shrink.None, minLength: 2))
        {
            yield return s with { Rows = [.. kept.Select(i => s.Rows[i])], Targets = [.. kept.Select(i => s.Targets[i])] };
        }

        foreach (double[] targets in Shrink.Array(s.Targets, t => Shrink.Toward(t, 0), minLength: s.Targets.Length))
        {
            yield return s with { Targets = targets };
        }

        foreach (double[] lengthscales in Shrink.Array(s.LogLengthscales, l => Shrink.Toward(l, 0), minLength: s.Dimensions))
        {
            yield return s with { LogLengthscales = lengthscales };
        }

        foreach (double signal in Shrink.Toward(s.LogSignal, 0))
        {
            yield return s with { LogSignal = signal };
        }

        for (int i = 0; i < s.Rows.Length; i++)
        {
            foreach (double[] row in ShrinkPoint(s.Rows[i]))
            {
                double[][] rows = [.. s.Rows];
                rows[i] = row;
                yield return s with { Rows = rows };
            }
        }
    }

    /// <summary>A constraint model with an upper threshold, a lower one, or both, in [−2, 2] and at most 3 apart.</summary>
    public static Gen<ConstraintSpec> Constraint(int d) =>
        from model in Gp(d)
        from kind in Gen.Choose(0, 2)
        from threshold in Gen.Choose(-20, 20).Select(k => k / 10.0)
        from width in Gen.Choose(1, 30).Select(k => k / 10.0)
        select kind switch
        {
            0 => new ConstraintSpec(model, double.NaN, threshold),
            1 => new ConstraintSpec(model, threshold, double.NaN),
            _ => new ConstraintSpec(model, threshold, threshold + width),
        };

    public static IEnumerable<ConstraintSpec> ShrinkConstraint(ConstraintSpec c) =>
        ShrinkGp(c.Model).Select(m => c with { Model = m })
            .Concat(double.IsNaN(c.Lower) || double.IsNaN(c.Upper) ? [] : [c with { Lower = double.NaN }, c with { Upper = double.NaN }]);

    /// <summary>A range-fidelity (exponential decay) or task model over d features, with 3 to 14 rows.</summary>
    public static Gen<FidelityGpSpec> FidelityGp(int d) =>
        from tasks in Gen.Elements(0, 0, 2, 3, 4)
        from target in Gen.Choose(0, Math.Max(tasks - 1, 0))
        from n in Gen.Choose(3, 14)
        from rows in Point(d).ArrayOf(n)
        from coordinates in (tasks == 0 ? Unit : Gen.Choose(0, tasks - 1).Select(k => (double)k)).ArrayOf(n)
        from targets in Gen.Choose(-100, 100).Select(k => k / 50.0).ArrayOf(n)
        from offsets in Gen.Choose(-10, 10).Select(k => k / 10.0).ArrayOf(FidelityKernel.Count(d, tasks == 0 ? new ExponentialDecayFidelityKernel() : new TaskFidelityKernel(tasks, target)))
        from noise in Gen.Choose(-69, -23).Select(k => k / 10.0)
        select new FidelityGpSpec(rows, coordinates, targets, tasks, target, offsets, noise);

    public static IEnumerable<FidelityGpSpec> ShrinkFidelityGp(FidelityGpSpec s)
    {
        foreach (int[] kept in Shrink.Array([.. Enumerable.Range(0, s.Targets.Length)], Shrink.None, minLength: 3))
        {
            yield return s with { Rows = [.. kept.Select(i => s.Rows[i])], Coordinates = [.. kept.Select(i => s.Coordinates[i])], Targets = [.. kept.Select(i => s.Targets[i])] };
        }

        foreach (double[] offsets in Shrink.Array(s.Offsets, o => Shrink.Toward(o, 0), minLength: s.Offsets.Length))
        {
            yield return s with { Offsets = offsets };
        }

        foreach (double[] targets in Shrink.Array(s.Targets, t => Shrink.Toward(t, 0), minLength: s.Targets.Length))
        {
            yield return s with { Targets = targets };
        }
    }

    public static string Describe(double[][] rows, double[] targets) =>
        string.Join(" ", rows.Select((r, i) => $"({string.Join(", ", r)})→{targets[i]}"));
}
