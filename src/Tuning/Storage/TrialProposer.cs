namespace Tuning;

/// <summary>
/// Chooses the parameters of the trials an ask starts. <see cref="IStudyStorage.StartTrials"/> calls it while it holds
/// the study's ask lock: no other ask on the study, in any process, starts trials until this one commits, so the
/// proposal sees every trial started before it as pending and an enqueued configuration is claimed once.
/// </summary>
/// <param name="snapshot">What the ask sees under the lock: the trials changed since the caller's revision, and the
/// enqueued parameters this ask claimed (as running trials not yet committed).</param>
/// <returns>Exactly <see cref="AskSnapshot.Count"/> parameter sets, each a JSON object.</returns>
/// <remarks>
/// <para>
/// This is the one place where a storage calls back into its caller, and it does so inside its transaction: the
/// suggester runs under the ask lock, because a suggester that did not see the other workers' running trials would
/// suggest the same points they are evaluating. A slow suggester therefore makes the other workers' asks wait (on
/// SQLite, their tells too); tells on PostgreSQL and reports do not wait for it.
/// </para>
/// <para>A proposer that throws rolls the ask back: nothing is started and no enqueued parameters are consumed.</para>
/// </remarks>
public delegate IReadOnlyList<string> TrialProposer(AskSnapshot snapshot);
