namespace Tuning.Reporting;

/// <summary>One plot of the HTML report: a stable id (also its file name), a heading, a caption, and the PNG.</summary>
internal sealed record ReportPlot(string Id, string Title, string Caption, byte[] Png);
