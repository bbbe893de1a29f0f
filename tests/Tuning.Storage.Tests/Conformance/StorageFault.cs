namespace Tuning.Storage.Tests;

/// <summary>A bug a <see cref="DocumentStudyStorage"/> can be given, each one a storage of one's own could have.</summary>
public enum StorageFault
{
    /// <summary>None: the storage conforms.</summary>
    None,

    /// <summary>An ask reads the study and runs its proposer without the study's lock, and writes the study back from what it read.</summary>
    NoAskLock,

    /// <summary>Tells, reports, attributes and heartbeats read the study without its lock and write it back whole.</summary>
    NoWriteLock,

    /// <summary>Changes to a finished trial are not written, though returned as stored (an <c>UPDATE … WHERE state = 'running'</c> copied from the tell).</summary>
    DropsChangesToFinishedTrials,

    /// <summary>Studies are listed by name, not oldest first (an <c>ORDER BY name</c>).</summary>
    ListsStudiesByName,

    /// <summary>Parameters already in the queue are not added again (a unique index on the queue).</summary>
    QueueIsASet,

    /// <summary>Study names are compared ignoring case (the default collation of some databases).</summary>
    CaseInsensitiveNames,

    /// <summary>The queue lives in the storage object, not in the store: another opening of the store sees none.</summary>
    KeepsTheQueueInTheInstance,

    /// <summary>Reading the queue of an unknown study gives an empty queue instead of an exception.</summary>
    EmptyQueueForUnknownStudies,

    /// <summary>A trial that finishes loses its attributes (the finished trial is written from its values alone).</summary>
    FinishForgetsAttributes,

    /// <summary>Listing the studies throws <see cref="NotSupportedException"/>.</summary>
    CannotListStudies,

    /// <summary>Times are kept to the millisecond, not to the 100 ns of <see cref="StoredTrialCodec"/>.</summary>
    TimesToTheMillisecond,

    /// <summary>A trial whose last heartbeat is exactly at the cut-off counts as stale (<c>&lt;=</c> for <c>&lt;</c>).</summary>
    StaleAtTheCutOff,

    /// <summary>A tell keeps the state and values but not the fail reason (a column left out of the <c>UPDATE</c>).</summary>
    TellDropsTheFailReason,

    /// <summary>An ask claims the newest enqueued parameters first (the queue used as a stack).</summary>
    QueueServedNewestFirst,

    /// <summary>A sweep puts the parameters of the trials it fails at the front of the queue instead of its end.</summary>
    RequeuesAtTheFront,

    /// <summary>Studies are listed by when their name was last written, so a renamed study moves to the end (an <c>ORDER BY updated_at</c>).</summary>
    ListsRenamedStudiesLast,

    /// <summary>Attribute keys and values are written normalized to Unicode form C (as some document databases store text).</summary>
    NormalizesAttributeText,

    /// <summary>Attribute keys are compared ignoring case, so <c>Path</c> replaces <c>path</c> (a case-insensitive collation).</summary>
    AttributeKeysIgnoreCase,

    /// <summary>A study is imported in steps, created first and then given its trials one by one, so an import that fails part way leaves a study behind.</summary>
    ImportsStudiesInSteps,

    /// <summary>An ask whose proposer returns more parameter sets than it was asked for starts the first ones and drops the rest.</summary>
    DropsExtraProposals,

    /// <summary>Creating and renaming a study take any name: empty, white space, or with a lone UTF-16 surrogate.</summary>
    AcceptsAnyName,

    /// <summary>A report with a negative step is ignored instead of refused (a check written for increasing steps only).</summary>
    IgnoresNegativeSteps,

    /// <summary>An attribute whose key is empty or white space is ignored instead of refused.</summary>
    IgnoresBlankAttributeKeys,

    /// <summary>A tell whose state is running is ignored instead of refused.</summary>
    IgnoresTellsAsRunning,
}
