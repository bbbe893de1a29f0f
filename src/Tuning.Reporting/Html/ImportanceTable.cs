using System.Globalization;
using System.Text;

namespace Tuning.Reporting;

/// <summary>The table of parameter importances, with what the estimate means and where it misleads.</summary>
internal static class ImportanceTable
{
    public static void Write(StringBuilder html, StudySnapshot snapshot, IReadOnlyList<ParameterImportance> importances)
    {
        html.Element(
            "p",
            $"For {snapshot.Study.Objectives[0].Name}: the share of its variance across the completed trials at the target fidelity that each parameter explains on its own "
            + "(the variance of the means of the objective within bins of the parameter, over the total variance, corrected for chance as ω²). "
            + "Conditional parameters are measured on the trials in which they are active (– for one active in none). Interactions are not attributed, so the shares need not sum to 1; "
            + "trials clustered by a Bayesian optimizer make the estimate less faithful than random or Sobol trials.",
            "note").Append('\n');
        html.Append("<table class=\"importance\">\n");
        html.Row(["parameter", "importance", "active in trials"], "th");
        foreach (ParameterImportance importance in importances)
        {
            string value = ImportanceText.WasMeasured(importance) ? ImportanceText.Value(importance) : "–";
            html.Row([importance.Name, value, importance.ActiveTrials.ToString(CultureInfo.InvariantCulture)]);
        }

        html.Append("</table>\n");
    }
}
