using System.Text;

namespace Tuning.TestSupport;

/// <summary>A strict RFC 4180 reader: CRLF record ends, quoted fields with doubled quotes and embedded line breaks.</summary>
internal static class CsvReader
{
    public static List<string[]> Read(string csv)
    {
        var records = new List<string[]>();
        var record = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (i < csv.Length)
        {
            if (csv[i] == '"' && field.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= csv.Length)
                    {
                        throw new FormatException("A quoted field is not closed.");
                    }

                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(csv[i++]);
                }

                if (i < csv.Length && csv[i] != ',' && csv[i] != '\r')
                {
                    throw new FormatException($"Text follows a closing quote at {i}.");
                }

                continue;
            }

            switch (csv[i])
            {
                case ',':
                    record.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r' when i + 1 < csv.Length && csv[i + 1] == '\n':
                    record.Add(field.ToString());
                    field.Clear();
                    records.Add([.. record]);
                    record.Clear();
                    i += 2;
                    break;
                case '\r' or '\n':
                    throw new FormatException($"A bare line break at {i} outside quotes.");
                case '"':
                    throw new FormatException($"A quote inside an unquoted field at {i}.");
                default:
                    field.Append(csv[i++]);
                    break;
            }
        }

        if (field.Length > 0 || record.Count > 0)
        {
            throw new FormatException("The last record has no CRLF.");
        }

        return records;
    }
}
