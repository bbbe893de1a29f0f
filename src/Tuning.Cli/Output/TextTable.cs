namespace Tuning.Cli.Output;

/// <summary>A plain-text table with aligned columns (by <see cref="TerminalWidth"/>): numbers right-aligned, text left-aligned, each cell on one line (<see cref="Text.OneLine"/>), no trailing spaces.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table; a header starting with <c>&gt;</c> marks a right-aligned column (the mark is not shown).</summary>
    public TextTable(params IReadOnlyList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _rightAligned = [.. headers.Select(h => h.StartsWith('>'))];
        _headers = [.. headers.Select(h => Text.OneLine(h.StartsWith('>') ? h[1..] : h))];
    }

    /// <summary>Gets the number of rows added.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds a row, one cell per column.</summary>
    public void Add(params IReadOnlyList<string> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != _headers.Length)
        {
            throw new ArgumentException($"The row has {cells.Count} cells; the table has {_headers.Length} columns.", nameof(cells));
        }

        _rows.Add([.. cells.Select(Text.OneLine)]);
    }

    /// <summary>Writes the header and the rows, each line starting with <paramref name="indent"/>.</summary>
    public void Write(TextWriter writer, string indent = "")
    {
        ArgumentNullException.ThrowIfNull(writer);
        int[] widths = [.. _headers.Select((h, i) => _rows.Aggregate(TerminalWidth.Of(h), (w, row) => Math.Max(w, TerminalWidth.Of(row[i]))))];
        WriteLine(writer, indent, _headers, widths);
        foreach (string[] row in _rows)
        {
            WriteLine(writer, indent, row, widths);
        }
    }

    private void WriteLine(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var line = new System.Text.StringBuilder(indent);
        for (int i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(TerminalWidth.Pad(cells[i], widths[i], right: _rightAligned[i]));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
