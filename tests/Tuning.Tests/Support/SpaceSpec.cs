using FsCheck;
using FsCheck.Fluent;

namespace Tuning.Tests.Support;

/// <summary>The kinds of parameter a generated space holds.</summary>
internal enum Shape
{
    Float,
    LogFloat,
    SteppedFloat,
    Int,
    LogInt,
    SteppedInt,
    Categorical,
    Bool,
}

/// <summary>One parameter of a generated space.</summary>
/// <param name="Shape">Its kind.</param>
/// <param name="Size">Its number of values for a discrete kind; a log float's span in decades.</param>
/// <param name="Parent">The index of an earlier parameter it depends on, or −1.</param>
/// <param name="When">The indices of the parent's values under which it is active.</param>
internal sealed record ParameterSpec(Shape Shape, int Size, int Parent, int[] When)
{
    public bool CanBeParent => Shape is Shape.Categorical or Shape.Bool or Shape.Int or Shape.LogInt or Shape.SteppedInt;

    /// <summary>The values a child's condition can name: choices, bools, or the integer values.</summary>
    public object[] Values => Shape switch
    {
        Shape.Categorical => [.. Enumerable.Range(0, Size).Select(k => (object)$"c{k}")],
        Shape.Bool => [true, false],
        Shape.Int => [.. Enumerable.Range(0, Size).Select(k => (object)(k - 3))],
        Shape.LogInt => [.. Enumerable.Range(1, Size).Select(k => (object)k)],
        Shape.SteppedInt => [.. Enumerable.Range(0, Size).Select(k => (object)(3 * k))],
        _ => [],
    };
}

/// <summary>
/// A search space given by its parameters' kinds, sizes and conditions, so that a failing space shrinks to fewer,
/// plainer parameters (a structural counterpart of <see cref="RandomSpaces"/>).
/// </summary>
internal sealed record SpaceSpec(ParameterSpec[] Parameters)
{
    public static readonly Shape[] AllShapes = Enum.GetValues<Shape>();

    public SearchSpace Build()
    {
        var builder = new SearchSpaceBuilder();
        for (int i = 0; i < Parameters.Length; i++)
        {
            ParameterSpec p = Parameters[i];
            string name = $"p{i}";
            Condition? when = p.Parent < 0 ? null : new Condition($"p{p.Parent}", [.. p.When.Select(k => Parameters[p.Parent].Values[k])]);
            switch (p.Shape)
            {
                case Shape.Float: builder.Float(name, -2, 3, when: when); break;
                case Shape.LogFloat: builder.Float(name, 1e-3, 1e-3 * Math.Pow(10, p.Size), log: true, when: when); break;
                case Shape.SteppedFloat: builder.Float(name, 0, 0.25 * (p.Size - 1), step: 0.25, when: when); break;
                case Shape.Int: builder.Int(name, -3, p.Size - 4, when: when); break;
                case Shape.LogInt: builder.Int(name, 1, p.Size, log: true, when: when); break;
                case Shape.SteppedInt: builder.Int(name, 0, 3 * (p.Size - 1), step: 3, when: when); break;
                case Shape.Categorical: builder.Categorical(name, [.. Enumerable.Range(0, p.Size).Select(k => $"c{k}")], when); break;
                default: builder.Bool(name, when); break;
            }
        }

        return builder.Build();
    }

    public override string ToString() => Build().ToString().Replace(Environment.NewLine, "; ", StringComparison.Ordinal);

    /// <summary>Spaces of 1 to <paramref name="maxParameters"/> parameters of the given kinds, discrete ones with up to <paramref name="maxSize"/> values.</summary>
    public static Arbitrary<SpaceSpec> Arbitrary(int maxParameters, int maxSize, bool conditions = true, Shape[]? shapes = null) =>
        Arb.From(Generate(maxParameters, maxSize, conditions, shapes ?? AllShapes), s => Shrink(s, Plainest(shapes ?? AllShapes)));

    /// <summary>The kind a parameter shrinks to: a float if allowed, else the first kind allowed.</summary>
    public static Shape Plainest(Shape[] shapes) => shapes.Contains(Shape.Float) ? Shape.Float : shapes[0];

    public static Gen<SpaceSpec> Generate(int maxParameters, int maxSize, bool conditions, Shape[] shapes) =>
        Gen.Choose(1, maxParameters).SelectMany(count =>
        {
            Gen<ParameterSpec[]> parameters = Gen.Constant(Array.Empty<ParameterSpec>());
            for (int i = 0; i < count; i++)
            {
                parameters = parameters.SelectMany(earlier => Next(earlier, maxSize, conditions, shapes).Select(p => (ParameterSpec[])[.. earlier, p]));
            }

            return parameters.Select(p => new SpaceSpec(p));
        });

    private static Gen<ParameterSpec> Next(ParameterSpec[] earlier, int maxSize, bool conditions, Shape[] shapes)
    {
        int[] parents = [.. Enumerable.Range(0, earlier.Length).Where(i => earlier[i].CanBeParent)];
        return from shape in Gen.Elements(shapes)
               from size in shape switch
               {
                   Shape.Categorical => Gen.Choose(1, Math.Min(5, maxSize)),
                   Shape.Bool => Gen.Constant(2),
                   Shape.LogFloat => Gen.Choose(1, 6),
                   _ => Gen.Choose(2, maxSize),
               }
               from parent in conditions && parents.Length > 0 ? Gen.Frequency((2, Gen.Constant(-1)), (1, Gen.Elements(parents))) : Gen.Constant(-1)
               from chosen in Gen.Elements(false, true).ArrayOf(parent < 0 ? 0 : earlier[parent].Values.Length)
               select new ParameterSpec(shape, size, parent, parent < 0 ? [] : chosen.Contains(true) ? [.. Enumerable.Range(0, chosen.Length).Where(k => chosen[k])] : [0]);
    }

    /// <summary>Fewer parameters, fewer conditions, plainer kinds (<paramref name="plainest"/>), fewer values.</summary>
    public static IEnumerable<SpaceSpec> Shrink(SpaceSpec s, Shape plainest = Shape.Float)
    {
        ParameterSpec[] ps = s.Parameters;
        for (int i = 0; i < ps.Length && ps.Length > 1; i++)
        {
            yield return new SpaceSpec([.. ps.Where((_, j) => j != i).Select(p => p.Parent == i ? p with { Parent = -1, When = [] } : p.Parent > i ? p with { Parent = p.Parent - 1 } : p)]);
        }

        for (int i = 0; i < ps.Length; i++)
        {
            bool isParent = ps.Any(p => p.Parent == i);
            if (ps[i].Parent >= 0)
            {
                yield return With(i, ps[i] with { Parent = -1, When = [] });
            }

            if (!isParent && ps[i].Shape != plainest)
            {
                yield return With(i, ps[i] with { Shape = plainest, Size = 2 });
            }

            if (!isParent && ps[i].Size > 2 && ps[i].Shape is not (Shape.Float or Shape.Bool))
            {
                yield return With(i, ps[i] with { Size = 2 });
            }
        }

        SpaceSpec With(int index, ParameterSpec replacement)
        {
            ParameterSpec[] copy = [.. ps];
            copy[index] = replacement;
            return new SpaceSpec(copy);
        }
    }
}
