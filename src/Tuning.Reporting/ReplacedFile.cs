using System.Text;

namespace Tuning.Reporting;

/// <summary>
/// Writes a file whole or not at all: the text goes to a temporary file beside it, which then replaces the file in one
/// rename. A write that fails part way (a full disk, a failing device) leaves the earlier file as it was and no
/// temporary file behind, where writing in place would leave it truncated. Used by <see cref="StudyReport.WriteHtml"/>
/// and by the command-line tool's exports.
/// </summary>
internal static class ReplacedFile
{
    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="fullPath"/> (a full path whose folder exists) in UTF-8 without a byte-order mark.</summary>
    public static void Write(string fullPath, Action<TextWriter> write)
    {
        string folder = Path.GetDirectoryName(fullPath)!;
        string temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                write(writer);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
