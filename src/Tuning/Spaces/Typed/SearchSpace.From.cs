namespace Tuning;

public sealed partial class SearchSpace
{
    /// <summary>
    /// Builds a search space from the public properties of a class, record or struct: one parameter per property, named
    /// as the property, in declaration order (base classes first). Read a trial into an instance with
    /// <see cref="TypedParameters.Bind{T}(Trial)"/>.
    /// </summary>
    /// <typeparam name="T">The parameter class.</typeparam>
    /// <returns>The search space; building it again for the same type gives an equivalent space.</returns>
    /// <remarks>
    /// <list type="bullet">
    /// <item><description><c>double</c> and <c>float</c> properties need <see cref="FloatRangeAttribute"/>, <c>int</c> properties <see cref="IntRangeAttribute"/>.</description></item>
    /// <item><description><see cref="ChoicesAttribute"/> makes a string, int, double, float or enum property a categorical of the given values.</description></item>
    /// <item><description><c>bool</c> and enum properties are categoricals without an attribute (an enum takes all its members).</description></item>
    /// <item><description><see cref="ActiveWhenAttribute"/> makes a property conditional on another; when inactive, binding leaves it at its default (give it a nullable type to see that).</description></item>
    /// <item><description>Nullable value types are allowed; read-only properties are not parameters; <see cref="NotTunedAttribute"/> leaves a settable one out.</description></item>
    /// <item><description>Attributes may be written on a positional record's parameters as well as on its properties.</description></item>
    /// <item><description>A property that hides an inherited one of the same name (<c>new</c>) is the parameter; the hidden one is not.</description></item>
    /// </list>
    /// </remarks>
    /// <example>
    /// <code>
    /// public sealed class MlpParameters
    /// {
    ///     [FloatRange(1e-5, 1e-1, Log = true)] public double LearningRate { get; set; }
    ///     [IntRange(16, 256, Log = true)] public int Hidden { get; set; }
    ///     public bool UseMomentum { get; set; }
    ///     [FloatRange(0.5, 0.99), ActiveWhen(nameof(UseMomentum), true)] public double? Momentum { get; set; }
    /// }
    ///
    /// SearchSpace space = SearchSpace.From&lt;MlpParameters&gt;();
    /// MlpParameters p = study.Ask().Bind&lt;MlpParameters&gt;();
    /// </code>
    /// </example>
    /// <exception cref="ArgumentException">
    /// The type cannot be a parameter class; the message names the property at fault: a settable property with no range
    /// (other than a bool or an enum), a range on a string or on a property of the wrong type, choices of the wrong
    /// type, a condition on a property that is not tuned or is a float, an invalid range, or no tuned property at all.
    /// </exception>
    public static SearchSpace From<T>() => TypedSpaceModel.For(typeof(T)).Space;
}
