using System.Globalization;

namespace Tuning.StorageBenchmarks;

/// <summary>The CPU time used so far by every process named <c>postgres</c> on this machine (Linux /proc), in milliseconds.</summary>
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
                ticks += double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
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
