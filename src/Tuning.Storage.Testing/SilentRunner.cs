using FsCheck;
using Microsoft.FSharp.Collections;
using Microsoft.FSharp.Core;

namespace Tuning.Storage.Testing;

/// <summary>
/// Runs an FsCheck property without writing to the console (FsCheck's own runners print "Ok, passed 25 tests." on
/// every run) and keeps the outcome, so that the check can report a failure in its own words.
/// </summary>
internal sealed class SilentRunner : IRunner
{
    /// <summary>Gets the failure, with the smallest arguments FsCheck shrank it to, or <see langword="null"/> if the property held.</summary>
    public TestResult.Failed? Failure { get; private set; }

    public void OnStartFixture(Type t)
    {
    }

    public void OnArguments(int ntest, FSharpList<object> args, FSharpFunc<int, FSharpFunc<FSharpList<object>, string>> every)
    {
    }

    public void OnShrink(FSharpList<object> args, FSharpFunc<FSharpList<object>, string> everyShrink)
    {
    }

    public void OnFinished(string name, TestResult testResult) => Failure = testResult as TestResult.Failed;
}
