namespace Tuning.Optimization;

/// <summary>A smooth function to minimize: returns f(x) and writes ∇f(x) into <paramref name="gradient"/>.</summary>
/// <param name="x">The point.</param>
/// <param name="gradient">Receives the gradient at <paramref name="x"/>.</param>
/// <returns>The function's value; +∞ or NaN tells the optimizer to step back.</returns>
internal delegate double ObjectiveWithGradient(ReadOnlySpan<double> x, Span<double> gradient);
