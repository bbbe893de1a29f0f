namespace Tuning.Quality.Problems;

/// <summary>
/// Test problems with black-box constraints (the <c>--constrained</c> group): each trial reports the objective and
/// every constraint gᵢ, and only trials with every gᵢ ≤ 0 count. <see cref="Validation"/> are problems from the
/// constrained Bayesian-optimization literature; <see cref="HeldOut"/> are classic constrained test functions that no
/// default is chosen against (report them separately).
/// </summary>
internal static class ConstrainedFunctions
{
    /// <summary>Gets the validation problems.</summary>
    public static IProblem[] Validation =>
    [
        // Gardner, Kusner, Xu, Weinberger, Cunningham: "Bayesian Optimization with Inequality Constraints", ICML 2014,
        // simulation 1. The constraint is cos(x1 + x2) ≤ ½, which removes diagonal bands of the box; the minimum −2
        // lies at (3π/2, 0), where it is not active.
        new ConstrainedBoxProblem(
            "Gardner-2 (one constraint)", 2, 0, 6, 40, -2, 2,
            x => (Math.Cos(2 * x[0]) * Math.Cos(x[1])) + Math.Sin(x[0]),
            x => (Math.Cos(x[0]) * Math.Cos(x[1])) - (Math.Sin(x[0]) * Math.Sin(x[1])) - 0.5),

        // Gramacy et al.: "Modeling an Augmented Lagrangian for Blackbox Constrained Optimization", Technometrics 2016.
        // A linear objective whose minimum lies where the wavy first constraint is active; the value 0.5997880520 (at
        // x ≈ (0.195123, 0.404665)) is the minimum of x1 + x2 along that boundary, found by bisection on x2 and a
        // golden-section search on x1 (the paper gives 0.5998).
        new ConstrainedBoxProblem(
            "Gramacy-2 (two constraints)", 2, 0, 1, 40, 0.5997880520, 2,
            x => x[0] + x[1],
            x => 1.5 - x[0] - (2 * x[1]) - (0.5 * Math.Sin(2 * Math.PI * ((x[0] * x[0]) - (2 * x[1])))),
            x => (x[0] * x[0]) + (x[1] * x[1]) - 1.5),

        // Hartmann-6 with the outcome constraint ‖x‖₁ ≤ 3 of BoTorch's constrained closed-loop tutorial: half of the
        // cube is infeasible, the optimum (coordinates summing to 2.07) is not.
        new ConstrainedBoxProblem(
            "Hartmann-6, sum ≤ 3 (one constraint)", 6, 0, 1, 80, Hartmann6.Minimum, 0,
            x => Hartmann6.Value(x),
            x => x.Sum() - 3),
    ];

    /// <summary>Gets the held-out problems.</summary>
    public static IProblem[] HeldOut =>
    [
        // Simionescu's function: 0.1·x1·x2 inside a flower-shaped disc; minimum −0.072 at (±0.848528, ∓0.848528),
        // on the boundary, at the tips of two of the eight petals.
        new ConstrainedBoxProblem(
            "Simionescu-2 (held out)", 2, -1.25, 1.25, 40, -0.072, 0.15625,
            x => 0.1 * x[0] * x[1],
            x => (x[0] * x[0]) + (x[1] * x[1]) - Math.Pow(1 + (0.2 * Math.Cos(8 * Math.Atan2(x[0], x[1]))), 2)),

        // Rosen and Suzuki (1965), as in Hock and Schittkowski's test problem 43: a quadratic objective under three
        // quadratic constraints, minimum −44 at (0, 1, 2, −1), where two of them are active; a tenth of the box is
        // feasible. The objective's maximum over [−3, 3]⁴ is 159.
        new ConstrainedBoxProblem(
            "Rosen-Suzuki-4 (held out)", 4, -3, 3, 60, -44, 159,
            x => (x[0] * x[0]) + (x[1] * x[1]) + (2 * x[2] * x[2]) + (x[3] * x[3]) - (5 * x[0]) - (5 * x[1]) - (21 * x[2]) + (7 * x[3]),
            x => (x[0] * x[0]) + (x[1] * x[1]) + (x[2] * x[2]) + (x[3] * x[3]) + x[0] - x[1] + x[2] - x[3] - 8,
            x => (x[0] * x[0]) + (2 * x[1] * x[1]) + (x[2] * x[2]) + (2 * x[3] * x[3]) - x[0] - x[3] - 10,
            x => (2 * x[0] * x[0]) + (x[1] * x[1]) + (x[2] * x[2]) + (2 * x[0]) - x[1] - x[3] - 5),
    ];
}
