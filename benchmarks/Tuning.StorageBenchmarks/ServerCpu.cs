using System.Globalization;

namespace Tuning.StorageBenchmarks;

/// <summary>
/// The CPU time used so far by every process named <c>postgres</c> on this machine and by their exited children (Linux
/// /proc), in milliseconds: the database server's share of a benchmark, if no other PostgreSQL runs here.
/// </summary>
internal static class ServerCpu
{
    public static double Milliseconds()
    {
        double ticks = 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                int open = stat.IndexOf('(', StringComparison.Ordinal), close = stat.LastIndexOf(')');
                if (open < 0 || close < 0 || !stat[(open + 1)..close].StartsWith("postgres", StringComparison.Ordinal))
                {
                    continue;
                }

                string[] fields = stat[(close + 2)..].Split(' ');
                // Own time, and the time of exited children (backends of closed connections) the process has reaped.
                for (int f = 11; f <= 14; f++)
                {
                    ticks += double.Parse(fields[f], CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // the process ended
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ticks * 10; // clock ticks of 10 ms
    }
}
