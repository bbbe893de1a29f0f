using FsCheck;
using FsCheck.Fluent;

namespace Tuning.Tests.Support;

/// <summary>A fidelity declaration: an epoch range, a data fraction with a fixed cost, or tasks.</summary>
/// <param name="Kind">0: epochs 1…<paramref name="Size"/>; 1: fraction <paramref name="Size"/>/100…1 at fixed cost 0.1; 2: tasks costing <paramref name="TaskCosts"/> percent.</param>
/// <param name="Size">The range's upper end, or its lower end in percent, or the number of tasks.</param>
/// <param name="Log">Whether a range is on a log scale.</param>
/// <param name="TaskCosts">Each task's cost in percent of the target's (the target's own entry is ignored).</param>
/// <param name="Target">The target task's index.</param>
internal sealed record FidelitySpec(int Kind, int Size, bool Log, int[] TaskCosts, int Target)
{
    public static Gen<FidelitySpec> Generate =>
        from kind in Gen.Choose(0, 2)
        from size in kind switch { 0 => Gen.Choose(3, 300), 1 => Gen.Choose(1, 50), _ => Gen.Choose(2, 4) }
        from log in Gen.Elements(false, true)
        from costs in Gen.Choose(1, 99).ArrayOf(kind == 2 ? size : 0)
        from target in Gen.Choose(0, Math.Max(costs.Length - 1, 0))
        select new FidelitySpec(kind, size, log, costs, target);

    /// <summary>The declaration added to a builder.</summary>
    public SearchSpaceBuilder AddTo(SearchSpaceBuilder builder) => Kind switch
    {
        0 => builder.IntFidelity("epochs", 1, Size, log: Log),
        1 => builder.FloatFidelity("fraction", Size / 100.0, 1, fixedCost: 0.1, log: Log),
        _ => builder.Tasks("task", [.. TaskCosts.Select((c, i) => new FidelityTask($"t{i}", i == Target ? 1 : c / 100.0))]),
    };

    /// <summary>The space of <paramref name="d"/> floats on [0, 1] with this fidelity.</summary>
    public SearchSpace UnitSpace(int d)
    {
        var builder = new SearchSpaceBuilder();
        for (int c = 0; c < d; c++)
        {
            builder.Float($"x{c}", 0, 1);
        }

        return AddTo(builder).Build();
    }

    /// <summary>The values at the fidelity a fraction <paramref name="u"/> of the way along the range (or through the tasks).</summary>
    public static ParameterValues At(ParameterValues values, double u)
    {
        Fidelity f = values.Space.Fidelity!;
        return f.Kind switch
        {
            FidelityKind.Tasks => values.WithTask(f.Tasks[Math.Min((int)(u * f.Tasks.Count), f.Tasks.Count - 1)].Name),
            FidelityKind.Int => values.WithFidelity(Math.Round(f.Low + (u * (f.High - f.Low)))),
            _ => values.WithFidelity(f.Low + (u * (f.High - f.Low))),
        };
    }

    public override string ToString() => Kind switch
    {
        0 => $"epochs 1–{Size}{(Log ? " log" : "")}",
        1 => $"fraction {Size / 100.0}–1{(Log ? " log" : "")}, fixed cost 0.1",
        _ => $"tasks costing [{string.Join(", ", TaskCosts.Select((c, i) => i == Target ? "1" : $"{c / 100.0}"))}]",
    };
}
