namespace Tuning.Bayesian.Models;

/// <summary>How well predictions rank observed values: Kendall's τ_b between the two (Kendall 1945), in [−1, 1].</summary>
internal static class RankAgreement
{
    /// <summary>Kendall's τ_b of the pairs (predicted_i, observed_i), ties corrected; 0 when either side is constant.</summary>
    public static double Kendall(ReadOnlySpan<double> predicted, ReadOnlySpan<double> observed)
    {
        int n = predicted.Length;
        double concordant = 0, discordant = 0, tiesPredicted = 0, tiesObserved = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                int a = Math.Sign(predicted[i] - predicted[j]), b = Math.Sign(observed[i] - observed[j]);
                if (a == 0 && b == 0)
                {
                    continue;
                }

                if (a == 0)
                {
                    tiesPredicted++;
                }
                else if (b == 0)
                {
                    tiesObserved++;
                }
                else if (a == b)
                {
                    concordant++;
                }
                else
                {
                    discordant++;
                }
            }
        }

        double denominator = Math.Sqrt((concordant + discordant + tiesPredicted) * (concordant + discordant + tiesObserved));
        return denominator > 0 ? (concordant - discordant) / denominator : 0;
    }
}
