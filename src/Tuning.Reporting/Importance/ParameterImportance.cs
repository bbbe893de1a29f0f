namespace Tuning.Reporting;

/// <summary>How much of the variation of a metric one parameter explains on its own (see <see cref="StudyImportance"/>).</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Importance">
/// The share of the metric's variance across the completed trials that the parameter's main effect explains, in [0, 1].
/// </param>
/// <param name="ActiveTrials">How many completed trials the estimate rests on: those in which the parameter was active.</param>
public sealed record ParameterImportance(string Name, double Importance, int ActiveTrials);
