namespace Tuning;

public sealed partial class SearchSpaceBuilder
{
    /// <summary>
    /// Declares a parameter for each tuned property of <typeparamref name="T"/>, as <see cref="SearchSpace.From{T}"/>
    /// does, so that a space can combine them with other declarations, such as a fidelity:
    /// <c>new SearchSpaceBuilder().Properties&lt;MlpParameters&gt;().IntFidelity("epochs", 1, 27).Build()</c>.
    /// <see cref="TypedParameters.Bind{T}(Trial)"/> reads the properties back and ignores the other parameters.
    /// </summary>
    /// <typeparam name="T">The parameter class.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">
    /// <typeparamref name="T"/> cannot be a parameter class (see <see cref="SearchSpace.From{T}"/>), or a property's name
    /// is already declared; the message names the property, and the builder is left as it was.
    /// </exception>
    public SearchSpaceBuilder Properties<T>()
    {
        TypedSpaceModel model = TypedSpaceModel.For(typeof(T));
        int before = _parameters.Count;
        try
        {
            model.Declare(this);
        }
        catch (ArgumentException)
        {
            for (int i = _parameters.Count - 1; i >= before; i--)
            {
                _names.Remove(_parameters[i].Name);
                _parameters.RemoveAt(i);
            }

            throw;
        }

        return this;
    }
}
