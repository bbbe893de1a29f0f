using System.Text;

namespace Tuning.Cli.Output;

/// <summary>RFC 4180 CSV: comma-separated fields, CRLF line ends, and fields quoted when they hold a comma, a quote or a line break.</summary>
internal static class Csv
{
    /// <summary>Appends one record and its CRLF.</summary>
    public static void AppendRecord(StringBuilder csv, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(fields);
        bool first = true;
        foreach (string field in fields)
        {
            if (!first)
            {
                csv.Append(',');
            }

            first = false;
            AppendField(csv, field);
        }

        csv.Append("\r\n");
    }

    private static void AppendField(StringBuilder csv, string field)
    {
        if (field.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            csv.Append(field);
            return;
        }

        csv.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
