using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Tuning.Storage.Sqlite;

/// <summary>
/// Tells whether the database file is still at its path. On Linux and macOS a database file that is deleted, renamed
/// or replaced while open stays open under its old inode, and SQLite in write-ahead-log mode goes on writing to it and
/// reporting success: every change would be lost with the inode, or would land in a file nobody opens by that name.
/// A connection of its own keeps the file that the storage opened; SQLite's <c>SQLITE_FCNTL_HAS_MOVED</c> file control
/// compares it with the file at the path.
/// </summary>
/// <remarks>
/// On Windows an open database cannot be deleted or renamed, and SQLite answers that it has not moved. With a SQLite
/// library other than the bundled <c>e_sqlite3</c>, the file is not watched.
/// </remarks>
internal sealed class DatabaseFileWatch : IDisposable
{
    /// <summary>SQLite's <c>SQLITE_FCNTL_HAS_MOVED</c>.</summary>
    private const int HasMovedOperation = 20;

    private static volatile bool s_unavailable;
    private readonly Lock _gate = new();
    private readonly SqliteConnection _keeper;

    /// <summary>Opens a connection that keeps the file at <paramref name="connectionString"/>'s path open, to compare with the path later.</summary>
    public DatabaseFileWatch(string connectionString)
    {
        _keeper = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite }.ToString());
        _keeper.Open();
    }

    /// <summary>Gets a value indicating whether the path no longer names the file opened first: it was deleted, moved away or replaced.</summary>
    public bool HasMoved
    {
        get
        {
            if (s_unavailable)
            {
                return false;
            }

            lock (_gate)
            {
                if (_keeper.Handle is not { IsInvalid: false, IsClosed: false } handle)
                {
                    return false; // disposed with the storage
                }

                bool added = false;
                try
                {
                    handle.DangerousAddRef(ref added);
                    int moved = 0;
                    return NativeMethods.FileControl(handle.DangerousGetHandle(), "main", HasMovedOperation, ref moved) == 0 && moved != 0;
                }
                catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
                {
                    s_unavailable = true;
                    return false;
                }
                finally
                {
                    if (added)
                    {
                        handle.DangerousRelease();
                    }
                }
            }
        }
    }

    /// <summary>Closes the connection that keeps the file.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _keeper.Dispose();
        }
    }

    private static class NativeMethods
    {
        [DllImport("e_sqlite3", EntryPoint = "sqlite3_file_control", CallingConvention = CallingConvention.Cdecl)]
        public static extern int FileControl(IntPtr database, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int operation, ref int result);
    }
}
