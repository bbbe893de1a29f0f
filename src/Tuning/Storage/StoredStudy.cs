namespace Tuning;

/// <summary>A study as an <see cref="IStudyStorage"/> keeps it.</summary>
/// <param name="Id">The storage's identifier of the study.</param>
/// <param name="Name">The study's unique name in the storage.</param>
/// <param name="Definition">The study's space and metrics as JSON (the format of <see cref="Study.ToJson"/>'s <c>definition</c> field).</param>
/// <param name="CreatedAt">When the study was created.</param>
public sealed record StoredStudy(long Id, string Name, string Definition, DateTimeOffset CreatedAt);
