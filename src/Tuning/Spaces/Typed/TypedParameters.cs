namespace Tuning;

/// <summary>
/// Reads trials into instances of a parameter class declared for <see cref="SearchSpace.From{T}"/>, and enqueues
/// instances as trials.
/// </summary>
public static class TypedParameters
{
    /// <summary>
    /// Creates an instance of <typeparamref name="T"/> whose properties hold the trial's parameters; a property whose
    /// parameter is inactive keeps its default (its initializer's value, or a constructor parameter's default).
    /// </summary>
    /// <typeparam name="T">The parameter class the study's space was built from with <see cref="SearchSpace.From{T}"/>.</typeparam>
    /// <param name="trial">The trial.</param>
    /// <returns>A new instance.</returns>
    /// <exception cref="ArgumentException">
    /// <typeparamref name="T"/> is not a valid parameter class, or the trial's space lacks one of its parameters or holds
    /// it with another kind.
    /// </exception>
    public static T Bind<T>(this Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return (T)TypedSpaceModel.For(typeof(T)).Create(trial.Parameters, nameof(trial));
    }

    /// <summary>Creates an instance of <typeparamref name="T"/> whose properties hold the given parameter values.</summary>
    /// <typeparam name="T">The parameter class the space was built from with <see cref="SearchSpace.From{T}"/>.</typeparam>
    /// <param name="values">The values, for example <c>study.BestTrial.Parameters</c>.</param>
    /// <returns>A new instance; a property whose parameter is inactive keeps its default.</returns>
    /// <exception cref="ArgumentException">
    /// <typeparamref name="T"/> is not a valid parameter class, or the values' space lacks one of its parameters or holds
    /// it with another kind.
    /// </exception>
    public static T Bind<T>(this ParameterValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return (T)TypedSpaceModel.For(typeof(T)).Create(values, nameof(values));
    }

    /// <summary>
    /// Enqueues a configuration given as an instance of the parameter class, such as a library's defaults: the next
    /// <see cref="Study.Ask()"/> returns it. Properties whose conditions do not hold are left out, whatever they hold.
    /// </summary>
    /// <typeparam name="T">
    /// The parameter class the study's space was built from with <see cref="SearchSpace.From{T}"/>; for
    /// <see cref="object"/>, an interface or an abstract class, the class of <paramref name="parameters"/>.
    /// </typeparam>
    /// <param name="study">The study.</param>
    /// <param name="parameters">
    /// The configuration. <see cref="ParameterValues"/> (even when typed as <see cref="object"/>) and a
    /// <see cref="Trial"/>'s parameters go to <see cref="Study.Enqueue(ParameterValues)"/>, and a dictionary keyed by parameter names, whatever its value type
    /// (a <c>Dictionary&lt;string, double&gt;</c>, say), or an anonymous object (<c>new { lr = 0.01, layers = 3 }</c>), to
    /// <see cref="Study.Enqueue(IReadOnlyDictionary{string, object})"/>.
    /// </param>
    /// <exception cref="ArgumentException">
    /// <typeparamref name="T"/> is not a valid parameter class; or, naming <paramref name="parameters"/>, a value lies
    /// outside its parameter's domain, is not one of its choices, or is null where its parameter is active.
    /// </exception>
    public static void Enqueue<T>(this Study study, T parameters)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(parameters);
        switch (parameters)
        {
            case ParameterValues values:
                study.Enqueue(values);
                return;
            case Trial trial:
                study.Enqueue(trial.Parameters);
                return;
        }

        if (NamedValues.TryRead(parameters, nameof(parameters), out IReadOnlyDictionary<string, object> named))
        {
            study.Enqueue(named);
            return;
        }

        // An instance known only as an object, an interface or an abstract class is read by its own class.
        Type type = typeof(T) == typeof(object) || typeof(T).IsInterface || typeof(T).IsAbstract ? parameters.GetType() : typeof(T);
        TypedSpaceModel model = TypedSpaceModel.For(type);
        try
        {
            study.Enqueue(model.ToParameterValues(study.Space, parameters));
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{type.Name}: {ExceptionMessage.WithoutParameter(e)}", nameof(parameters), e);
        }
    }
}
