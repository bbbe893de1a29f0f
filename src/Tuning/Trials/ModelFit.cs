namespace Tuning;

/// <summary>How a model-based suggester spent an ask: fitting its model(s) and searching the acquisition.</summary>
/// <param name="Observations">
/// The number of trials the model was fitted to: the completed and failed ones, and the pruned ones with reports when
/// the model learns from them (<see cref="GaussianProcessOptions.UsePrunedTrials"/>,
/// <see cref="MultiFidelityOptions.ReportsAreFidelities"/>).
/// </param>
/// <param name="FitDuration">The time spent fitting the models (hyperparameters and conditioning).</param>
/// <param name="AcquisitionDuration">The time spent maximizing the acquisition for every suggestion of the ask.</param>
public sealed record ModelFit(int Observations, TimeSpan FitDuration, TimeSpan AcquisitionDuration);
