using Tuning.Storage;

namespace Tuning;

// The study's queue of hand-picked configurations, which asks serve before asking the suggester.
public sealed partial class Study
{
    /// <summary>
    /// Enqueues hand-picked parameters; the next <see cref="Ask()"/> serves them before asking the suggester. Parameters
    /// enqueued twice are run twice (to measure a configuration's noise, say).
    /// </summary>
    /// <param name="parameters">
    /// A value for every parameter active under them: numbers for floats (of any numeric type), whole numbers for ints
    /// (of any integer type, or a double such as 3.0), strings for categoricals, bools for bool parameters, as .NET
    /// values or as the <see cref="System.Text.Json.JsonElement"/>s System.Text.Json reads from a configuration file; and
    /// none, or null, for a parameter that is inactive under them.
    /// </param>
    /// <exception cref="ArgumentException">
    /// A name is unknown, a value is missing or null, given to an inactive parameter, of the wrong type, or outside its domain.
    /// </exception>
    public void Enqueue(IReadOnlyDictionary<string, object> parameters)
    {
        ParameterValues values = Space.Assign(parameters, nameof(parameters));
        Storage.Enqueue(_studyId, ParametersJson.Write(values));
    }

    /// <summary>
    /// Enqueues the parameters of a trial, of this study or of another one (to carry good configurations over to a new
    /// study, say): the next <see cref="Ask()"/> serves them before asking the suggester. They are read by name, so the
    /// other study's space may order its parameters differently or give them wider domains.
    /// </summary>
    /// <param name="parameters">
    /// Values with a value for every parameter of this space that is active under them, and none for another parameter;
    /// a fidelity's value is taken over under its name, and the target fidelity is served when they have none.
    /// </param>
    /// <exception cref="ArgumentException">
    /// Naming <paramref name="parameters"/> and the parameter at fault: a parameter is unknown to this space, an active
    /// one has no value, or a value is of the wrong type, not one of its choices, or outside its domain.
    /// </exception>
    public void Enqueue(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Enqueue(parameters.ToDictionary());
    }

    /// <summary>Gets the parameters enqueued and not yet served.</summary>
    public IReadOnlyList<ParameterValues> Enqueued =>
        [.. Storage.ReadEnqueued(_studyId).Select(json => ParametersJson.Read(Space, json))];
}
