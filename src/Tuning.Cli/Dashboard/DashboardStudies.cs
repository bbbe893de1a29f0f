using System.Collections.Concurrent;

namespace Tuning.Cli.Dashboard;

/// <summary>
/// The studies the dashboard shows, each opened once and kept: a kept <see cref="Study"/> reads only the trials that
/// changed since its last read, so following a running study costs little. The dashboard never asks or tells.
/// </summary>
internal sealed class DashboardStudies(IStudyStorage storage)
{
    private readonly ConcurrentDictionary<string, (long Id, Study Study)> _open = new(StringComparer.Ordinal);

    /// <summary>Lists the storage's studies, oldest first.</summary>
    public IReadOnlyList<StoredStudy> List() => storage.ListStudies();

    /// <summary>Gets the named study, or <see langword="null"/> if the storage has none of that name.</summary>
    /// <exception cref="FormatException">The stored study cannot be read.</exception>
    public Study? Find(string name)
    {
        StoredStudy? stored = storage.FindStudy(name);
        if (stored is null)
        {
            _open.TryRemove(name, out _);
            return null;
        }

        // A study deleted and created again under the same name is a new study: open it afresh.
        if (_open.TryGetValue(name, out (long Id, Study Study) kept) && kept.Id == stored.Id)
        {
            return kept.Study;
        }

        Study study = Study.Open(storage, name);
        _open[name] = (stored.Id, study);
        return study;
    }
}
