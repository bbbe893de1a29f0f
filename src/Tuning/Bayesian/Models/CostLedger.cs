namespace Tuning.Bayesian.Models;

/// <summary>
/// What a study's trials have cost, in units of one trial at the target fidelity: each trial its fidelity's relative
/// cost (<see cref="ParameterValues.FidelityCost"/>) whatever its state, running trials included as committed; a
/// pruned trial, when its report steps are fidelity values (<see cref="MultiFidelityOptions.ReportsAreFidelities"/>),
/// the cost of the fidelity of its last report.
/// </summary>
internal static class CostLedger
{
    public static double Spent(IEnumerable<Trial> trials, bool reportsAreFidelities)
    {
        double total = 0;
        foreach (Trial trial in trials)
        {
            total += Cost(trial, reportsAreFidelities);
        }

        return total;
    }

    public static double Cost(Trial trial, bool reportsAreFidelities)
    {
        Fidelity? fidelity = trial.Parameters.Space.Fidelity;
        if (trial.State == TrialState.Pruned && reportsAreFidelities && fidelity is { IsTasks: false } && trial.Reports.Count > 0)
        {
            return fidelity.Cost(FidelityObservations.LastStep(fidelity, trial));
        }

        return trial.FidelityCost;
    }
}
