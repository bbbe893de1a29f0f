using Microsoft.Extensions.Logging;
using Microsoft.ML;

namespace Tuning.Docs.Tests;

/// <summary>
/// The base class of every compiled README block: the names the READMEs use without declaring them (the study being
/// discussed, a trial, a progress sink, placeholder training functions). The blocks are compiled, never run.
/// </summary>
/// <remarks>The names are lower case, as the READMEs write them; a block may declare its own of the same name.</remarks>
#pragma warning disable CA1051, CA1707, IDE1006, SA1300, SA1306, CA1822 // names as the READMEs spell them
public abstract class DocContext
{
    /// <summary>A search space, as declared in an earlier block.</summary>
    protected SearchSpace space = null!;

    /// <summary>A study, as created in an earlier block.</summary>
    protected Study study = null!;

    /// <summary>A trial, as asked in an earlier block.</summary>
    protected Trial trial = null!;

    /// <summary>Any progress sink of <c>OptimizeAsync</c>.</summary>
    protected IProgress<StudyProgress> progress = null!;

    /// <summary>The caller's cancellation token.</summary>
    protected CancellationToken ct;

    /// <summary>The application's logger factory.</summary>
    protected ILoggerFactory loggerFactory = null!;

    /// <summary>An ML.NET data set.</summary>
    protected IDataView data = null!;

    /// <summary>The user's training function: takes anything, returns the objective's value.</summary>
    protected static double Train(params object?[] arguments) => arguments.Length;

    /// <summary>The user's asynchronous training function.</summary>
    protected static Task<double> TrainAsync(Trial trial, CancellationToken cancellationToken) => Task.FromResult(0.0);

    /// <summary>The user's one epoch of training followed by validation; returns the validation loss.</summary>
    protected static double TrainOneEpochAndValidate(Trial trial) => 0;
}
#pragma warning restore CA1051, CA1707, IDE1006, SA1300, SA1306, CA1822
