using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Tuning.MLNet;

/// <summary>A <see cref="TrainerSearchSpace"/> whose trainer takes options of type <typeparamref name="TOptions"/>.</summary>
/// <typeparam name="TOptions">The trainer's ML.NET options class, such as <c>LightGbmBinaryTrainer.Options</c>.</typeparam>
public sealed class TrainerSearchSpace<TOptions> : TrainerSearchSpace
    where TOptions : TrainerInputBaseWithLabel, new()
{
    private readonly Action<TOptions> _defaults;
    private readonly Action<TOptions, ParameterValues> _tune;
    private readonly Action<TOptions>? _configure;
    private readonly Func<MLContext, TOptions, IEstimator<ITransformer>> _create;

    internal TrainerSearchSpace(
        string trainer,
        TrainerTask task,
        SearchSpace space,
        bool producesProbabilities,
        Action<TOptions> defaults,
        Action<TOptions, ParameterValues> tune,
        Action<TOptions>? configure,
        Func<MLContext, TOptions, IEstimator<ITransformer>> create)
        : this(trainer, task, space, producesProbabilities, defaults, tune, configure, create, Configure(defaults, configure))
    {
    }

    private TrainerSearchSpace(
        string trainer,
        TrainerTask task,
        SearchSpace space,
        bool producesProbabilities,
        Action<TOptions> defaults,
        Action<TOptions, ParameterValues> tune,
        Action<TOptions>? configure,
        Func<MLContext, TOptions, IEstimator<ITransformer>> create,
        TOptions configured)
        : base(trainer, task, space, producesProbabilities, configured.LabelColumnName, configured.FeatureColumnName)
    {
        _defaults = defaults;
        _tune = tune;
        _configure = configure;
        _create = create;
    }

    /// <summary>Creates the trainer's options for a point of the space: the defaults, then the tuned values, then <c>configure</c>.</summary>
    /// <param name="parameters">The tuned values, from <see cref="TrainerSearchSpace.Space"/>.</param>
    /// <returns>New options.</returns>
    /// <exception cref="ArgumentException">
    /// The values are not a point of the space: a parameter is missing, or a value lies outside its range (values of
    /// another space are checked against this one's ranges; its other parameters are ignored).
    /// </exception>
    public TOptions CreateOptions(ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return CreateOptions(parameters, nameof(parameters));
    }

    /// <summary>Creates the trainer's options for a trial, such as the best one.</summary>
    /// <param name="trial">A trial of a study over the space.</param>
    /// <returns>New options.</returns>
    /// <exception cref="ArgumentException">The trial's values do not belong to the space.</exception>
    public TOptions CreateOptions(Trial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        return CreateOptions(trial.Parameters, nameof(trial));
    }

    /// <summary>Creates the options with ML.NET's default hyperparameters, the one-thread default and <c>configure</c>.</summary>
    /// <returns>New options.</returns>
    public TOptions CreateDefaultOptions() => Configure(_defaults, _configure);

    /// <inheritdoc />
    public override IEstimator<ITransformer> CreateTrainer(MLContext ml, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return CreateTrainer(ml, parameters, nameof(parameters));
    }

    /// <inheritdoc />
    internal override IEstimator<ITransformer> CreateTrainer(MLContext ml, ParameterValues parameters, string paramName)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return _create(ml, CreateOptions(parameters, paramName));
    }

    /// <inheritdoc />
    public override IEstimator<ITransformer> CreateDefaultTrainer(MLContext ml)
    {
        ArgumentNullException.ThrowIfNull(ml);
        return _create(ml, CreateDefaultOptions());
    }

    /// <summary>The options for a point of the space, whose problems the exception blames on <paramref name="paramName"/>.</summary>
    private TOptions CreateOptions(ParameterValues parameters, string paramName)
    {
        var options = new TOptions();
        _defaults(options);
        _tune(options, PointOfSpace(parameters, paramName));
        _configure?.Invoke(options);
        return options;
    }

    /// <summary>
    /// The values of this space's parameters as a point of it: as they are when they come from it, else validated
    /// against it (a study reopened from its storage has an equal space of its own, a space of the same names may have
    /// wider ranges, and a space that also tunes a featurizer, or declares a fidelity, has values the trainer ignores).
    /// </summary>
    /// <exception cref="ArgumentException">The values are not a point of the space; the exception names <paramref name="paramName"/>.</exception>
    private ParameterValues PointOfSpace(ParameterValues parameters, string paramName)
    {
        if (ReferenceEquals(parameters.Space, Space))
        {
            return parameters;
        }

        IReadOnlyDictionary<string, object> given = parameters.ToDictionary();
        var own = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (Parameter parameter in Space.Parameters)
        {
            if (given.TryGetValue(parameter.Name, out object? value))
            {
                own[parameter.Name] = value;
            }
        }

        try
        {
            return Space.CreateValues(own);
        }
        catch (ArgumentException e)
        {
            string problem = e.ParamName is string name ? e.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : e.Message;
            throw new ArgumentException($"The values are not a point of {this}'s search space: {problem}", paramName, e);
        }
    }

    /// <summary>The options after the defaults and <paramref name="configure"/>, which must leave a label and a feature column to read.</summary>
    /// <exception cref="ArgumentException"><paramref name="configure"/> set the label or feature column name to null, empty or white space.</exception>
    private static TOptions Configure(Action<TOptions> defaults, Action<TOptions>? configure)
    {
        var options = new TOptions();
        defaults(options);
        configure?.Invoke(options);
        foreach ((string option, string? column) in (ReadOnlySpan<(string, string?)>)[("LabelColumnName", options.LabelColumnName), ("FeatureColumnName", options.FeatureColumnName)])
        {
            if (string.IsNullOrWhiteSpace(column))
            {
                throw new ArgumentException(
                    $"The configure action set {typeof(TOptions).Name}.{option} to {(column is null ? "null" : $"'{column}'")}; the trainer needs the name of a column to read.",
                    nameof(configure));
            }
        }

        return options;
    }
}
