namespace Tuning.MultiFidelity;

/// <summary>
/// How the multi-fidelity machinery sees a declared <see cref="Tuning.Fidelity"/>: the model's fidelity coordinate
/// (the unit coordinate, target at 1, for a range; the task's index for tasks), the fidelity kernel, and the extra
/// parameter of the augmented search space over which the acquisition is maximized (a float or int over the range on
/// the declared scale, or a categorical over the tasks), so that the ordinary acquisition optimizer searches x and the
/// fidelity together.
/// </summary>
internal sealed class FidelityAxis
{
    private readonly int _xColumns;

    public FidelityAxis(SearchSpace space, int xColumns)
    {
        Declaration = space.Fidelity ?? throw new InvalidOperationException("The space declares no fidelity.");
        _xColumns = xColumns;
        Fidelity d = Declaration;
        Parameter = d.Kind switch
        {
            FidelityKind.Float => new Parameter(d.Name, ParameterKind.Float, d.Low, d.High, d.IsLog, null, [], isBoolean: false, condition: null),
            FidelityKind.Int => new Parameter(d.Name, ParameterKind.Int, d.Low, d.High, d.IsLog, 1, [], isBoolean: false, condition: null),
            _ => new Parameter(d.Name, ParameterKind.Categorical, 0, d.Tasks.Count - 1, false, 1, [.. d.Tasks.Select(t => t.Name)], isBoolean: false, condition: null),
        };
        AugmentedSpace = new SearchSpace([.. space.Parameters, Parameter]);
        TargetCoordinate = Coordinate(d.TargetRaw);
    }

    public Fidelity Declaration { get; }

    /// <summary>Gets the space's parameters followed by the fidelity as one more parameter.</summary>
    public SearchSpace AugmentedSpace { get; }

    /// <summary>Gets the fidelity as a parameter of <see cref="AugmentedSpace"/>.</summary>
    public Parameter Parameter { get; }

    public double TargetCoordinate { get; }

    public bool IsTasks => Declaration.IsTasks;

    public IFidelityKernel NewKernel() =>
        IsTasks ? new TaskFidelityKernel(Declaration.Tasks.Count, (int)Declaration.TargetRaw) : new DecayFidelityKernel();

    /// <summary>The model's coordinate of a raw fidelity value.</summary>
    public double Coordinate(double raw) => IsTasks ? raw : Declaration.Unit(raw);

    /// <summary>The raw fidelity value of an augmented point's fidelity coordinate.</summary>
    public double RawOfUnit(double unit) => ParameterCodec.Decode(Parameter, unit);

    /// <summary>The augmented point's fidelity coordinate of a raw fidelity value.</summary>
    public double UnitOfRaw(double raw) => ParameterCodec.Encode(Parameter, raw);

    /// <summary>Reads the fidelity from augmented features: the model coordinate, its derivative by the feature, and the raw value.</summary>
    public (double Coordinate, double Slope, double Raw) FromFeatures(ReadOnlySpan<double> augmented)
    {
        switch (Declaration.Kind)
        {
            case FidelityKind.Float:
                {
                    // The feature is the float's unit coordinate on the declared scale, which is the model's coordinate.
                    double u = Math.Clamp(augmented[_xColumns], 0, 1);
                    double raw = Declaration.FromUnit(u);
                    return (u, 1, raw);
                }

            case FidelityKind.Int:
                {
                    double raw = ParameterCodec.Decode(Parameter, augmented[_xColumns]);
                    return (Declaration.Unit(raw), 0, raw);
                }

            default:
                {
                    int best = 0;
                    for (int k = 1; k < Declaration.Tasks.Count; k++)
                    {
                        if (augmented[_xColumns + k] > augmented[_xColumns + best])
                        {
                            best = k;
                        }
                    }

                    return (best, 0, best);
                }
        }
    }

    /// <summary>d log cost / d coordinate at a raw value of a float fidelity (0 otherwise).</summary>
    public double LogCostSlope(double raw)
    {
        if (Declaration.Kind != FidelityKind.Float)
        {
            return 0;
        }

        Fidelity d = Declaration;
        double rawByUnit = d.IsLog ? raw * Math.Log(d.High / d.Low) : d.High - d.Low;
        return rawByUnit / (d.FixedCost + raw);
    }
}
