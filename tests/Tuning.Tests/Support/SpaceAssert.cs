namespace Tuning.Tests.Support;

/// <summary>Checks, through the public API only, that an assignment is a valid point of its space.</summary>
internal static class SpaceAssert
{
    public static void Valid(SearchSpace space, ParameterValues values)
    {
        foreach (Parameter p in space.Parameters)
        {
            bool shouldBeActive = p.Condition is not Condition c || (values.IsActive(c.Parent) && Holds(values, space[c.Parent], c));
            Assert.True(shouldBeActive == values.IsActive(p.Name), $"{p.Name}: active is {values.IsActive(p.Name)}, condition says {shouldBeActive} ({values})");
            if (!shouldBeActive)
            {
                continue;
            }

            switch (p.Kind)
            {
                case ParameterKind.Float:
                    {
                        double v = values.GetDouble(p.Name);
                        Assert.InRange(v, p.Low, p.High);
                        if (p.Step is double step)
                        {
                            double k = (v - p.Low) / step;
                            Assert.True(Math.Abs(k - Math.Round(k)) < 1e-9, $"{p.Name}={v} is not on the step {step} grid from {p.Low}");
                        }

                        break;
                    }

                case ParameterKind.Int:
                    {
                        int v = values.GetInt(p.Name);
                        Assert.InRange(v, p.Low, p.High);
                        Assert.Equal(0, (v - (int)p.Low) % (int)p.Step!.Value);
                        break;
                    }

                default:
                    if (p.IsBoolean)
                    {
                        _ = values.GetBool(p.Name);
                    }
                    else
                    {
                        Assert.Contains(values.GetString(p.Name), p.Choices);
                    }

                    break;
            }
        }
    }

    private static bool Holds(ParameterValues values, Parameter parent, Condition condition) => parent.Kind switch
    {
        ParameterKind.Int => condition.Values.Contains(values.GetInt(parent.Name)),
        _ when parent.IsBoolean => condition.Values.Contains(values.GetBool(parent.Name)),
        _ => condition.Values.Contains(values.GetString(parent.Name)),
    };
}
