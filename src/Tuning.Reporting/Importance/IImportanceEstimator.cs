namespace Tuning.Reporting;

/// <summary>
/// Estimates how much each parameter matters from a study's completed trials. The seam behind
/// <see cref="StudyImportance"/>: today the model-free <see cref="MainEffectImportance"/>; an estimator that reads the
/// fitted lengthscales of the Gaussian-process suggester (short lengthscale, important parameter) can plug in here.
/// </summary>
internal interface IImportanceEstimator
{
    /// <summary>Gets one importance per parameter of the sample's space, in declaration order.</summary>
    IReadOnlyList<ParameterImportance> Estimate(ImportanceSample sample);
}
