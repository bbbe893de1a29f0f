using System.Text;

namespace Tuning.Reporting;

/// <summary>
/// Writes a file whole or not at all: the text goes to a temporary file beside it, which then replaces the file in one
/// rename. A write that fails part way (a full disk, a failing device) leaves the earlier file as it was and no
/// temporary file behind, where writing in place would leave it truncated. Used by <see cref="StudyReport.WriteHtml"/>
/// and by the command-line tool's exports.
/// </summary>
/// <remarks>
/// The replacement is the file the user named, as writing in place would have made it: a symbolic link is written
/// through to the file it points to (the link stays a link), and an existing file keeps its permissions (an export
/// made readable by its owner only stays so). The temporary file's name does not grow with the file's, so any name
/// the file system takes can be written, and a failure names the file, never the temporary one.
/// </remarks>
internal static class ReplacedFile
{
    /// <summary>Writes <paramref name="write"/>'s output to <paramref name="fullPath"/> (a full path whose folder exists) in UTF-8 without a byte-order mark.</summary>
    public static void Write(string fullPath, Action<TextWriter> write)
    {
        string target = FinalTarget(fullPath);
        string temporary = Path.Combine(Path.GetDirectoryName(target)!, $".tuning-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16, leaveOpen: true))
                {
                    write(writer);
                }

                // On the disk before the rename, so that a crash right after it cannot leave an empty file in its place.
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e)
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }

            if (Renamed(e, temporary, fullPath) is Exception named)
            {
                throw named;
            }

            throw;
        }
    }

    /// <summary>The file a path names: itself, or for a symbolic link (to a link…) the file it finally points to, existing or not.</summary>
    private static string FinalTarget(string fullPath)
    {
        var file = new FileInfo(fullPath);
        return file.LinkTarget is null ? fullPath : file.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
    }

    /// <summary>
    /// The failure as the user should read it: a message that quotes the temporary file quotes the file itself instead,
    /// in an exception of the same kind; <see langword="null"/> for a failure that does not quote it (such as the writer's own).
    /// </summary>
    private static Exception? Renamed(Exception e, string temporary, string fullPath)
    {
        if (!e.Message.Contains(temporary, StringComparison.Ordinal))
        {
            return null;
        }

        string message = e.Message.Replace(temporary, fullPath, StringComparison.Ordinal);
        return e switch
        {
            UnauthorizedAccessException => new UnauthorizedAccessException(message, e),
            DirectoryNotFoundException => new DirectoryNotFoundException(message, e),
            PathTooLongException => new PathTooLongException(message, e),
            IOException => new IOException(message, e),
            _ => null,
        };
    }
}
