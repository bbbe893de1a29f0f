namespace Tuning;

/// <summary>How a model-based suggester spent an ask: fitting its model(s) and searching the acquisition.</summary>
/// <param name="Observations">The number of trials the model was fitted to.</param>
/// <param name="FitDuration">The time spent fitting the models (hyperparameters and conditioning).</param>
/// <param name="AcquisitionDuration">The time spent maximizing the acquisition for every suggestion of the ask.</param>
public sealed record ModelFit(int Observations, TimeSpan FitDuration, TimeSpan AcquisitionDuration);
