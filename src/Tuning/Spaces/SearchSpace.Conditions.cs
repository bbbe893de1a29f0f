namespace Tuning;

// The conditions of a space: which parameter's value activates which, and the order that decodes parents first.
public sealed partial class SearchSpace
{
    /// <summary>Gets whether parameter <paramref name="index"/> is active, given the raw values of its ancestors.</summary>
    internal bool IsActive(int index, ReadOnlySpan<double> raw)
    {
        int parent = _parentIndex[index];
        if (parent < 0)
        {
            return true;
        }

        double parentValue = raw[parent];
        return !double.IsNaN(parentValue) && Array.IndexOf(_activatingValues[index], parentValue) >= 0;
    }

    /// <summary>Gets the index of the parameter whose value decides whether parameter <paramref name="index"/> is active, or −1.</summary>
    internal int ParentIndex(int index) => _parentIndex[index];

    /// <summary>
    /// Gets the parent's raw values (a categorical's indices) under which parameter <paramref name="index"/> is active,
    /// in ascending order and each once, however the condition listed them: the set two spaces compare.
    /// </summary>
    internal ReadOnlySpan<double> ActivatingValues(int index) => _activatingValues[index];

    /// <summary>
    /// Gets the parent's values under which parameter <paramref name="index"/> is active as a condition names them (an
    /// int, a bool, or a choice), in the order and uniqueness of <see cref="ActivatingValues"/>: the one way a stored
    /// definition writes a condition, so that equal spaces write equal definitions.
    /// </summary>
    internal object[] ActivatingChoices(int index)
    {
        Parameter parent = Parameters[_parentIndex[index]];
        return [.. _activatingValues[index].Select(raw => parent.Kind == ParameterKind.Int
            ? (object)(int)raw
            : parent.IsBoolean ? raw != 0 : parent.Choices[(int)raw])];
    }

    /// <summary>Gets the parameter indices ordered so that every parent comes before its children.</summary>
    internal ReadOnlySpan<int> DecodeOrder => _decodeOrder;

    /// <summary>
    /// The name a refused condition's exception gives: the builder methods' <c>when</c> parameter, which carried the
    /// condition (the space's own names, such as the child parameter, are no parameters a caller passed).
    /// </summary>
    private static readonly string WhenParameter = "when";

    private (int Parent, double[] Values) ResolveCondition(Parameter child)
    {
        if (child.Condition is not Condition condition)
        {
            return (-1, []);
        }

        if (!_indexByName.TryGetValue(condition.Parent, out int parentIndex))
        {
            throw new ArgumentException(
                condition.Parent == Fidelity?.Name
                    ? $"Parameter '{child.Name}' is conditional on '{condition.Parent}', but '{condition.Parent}' is the space's fidelity, not a parameter; a condition's parent is a categorical or int parameter."
                    : $"Parameter '{child.Name}' is conditional on '{condition.Parent}', which is not a parameter of the space.",
                WhenParameter);
        }

        Parameter parent = Parameters[parentIndex];
        if (parent.Kind == ParameterKind.Float)
        {
            throw new ArgumentException(
                $"Parameter '{child.Name}' is conditional on the float '{parent.Name}'; a parent must be categorical or int.",
                WhenParameter);
        }

        var values = new double[condition.Values.Count];
        for (int k = 0; k < values.Length; k++)
        {
            object value = condition.Values[k];
            try
            {
                values[k] = ToRaw(parent, value, WhenParameter);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(
                    $"Parameter '{child.Name}' is conditional on '{parent.Name}' = '{value}', a value '{parent.Name}' cannot take: {ExceptionMessage.WithoutParameter(e)}",
                    WhenParameter,
                    e);
            }
        }

        // A set: ("c", "a", "a") and ("flag", "true", true) activate on what ("c", "a") and ("flag", true) activate on.
        return (parentIndex, [.. values.Distinct().Order()]);
    }

    private int[] TopologicalOrder()
    {
        var order = new List<int>(Count);
        var state = new byte[Count]; // 0 unvisited, 1 on the current path, 2 done
        for (int i = 0; i < Count; i++)
        {
            Visit(i, new List<int>());
        }

        return [.. order];

        void Visit(int i, List<int> path)
        {
            if (state[i] == 2)
            {
                return;
            }

            path.Add(i);
            if (state[i] == 1)
            {
                string cycle = string.Join(" -> ", path.SkipWhile(p => p != i).Select(p => Parameters[p].Name));
                throw new ArgumentException($"The conditions form a cycle: {cycle}.", WhenParameter);
            }

            state[i] = 1;
            if (_parentIndex[i] >= 0)
            {
                Visit(_parentIndex[i], path);
            }

            state[i] = 2;
            order.Add(i);
            path.RemoveAt(path.Count - 1);
        }
    }
}
