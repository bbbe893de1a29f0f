namespace Tuning.Tests.Spaces.Typed;

public enum Booster
{
    Gbdt,
    Dart,
    Goss,
}

/// <summary>Every kind of parameter a property can declare, and two properties that are not parameters.</summary>
public sealed class AllKinds
{
    [FloatRange(-2.5, 3.5)]
    public double Plain { get; set; }

    [FloatRange(1e-5, 1e-1, Log = true)]
    public double LogScale { get; set; }

    [FloatRange(0, 1, Step = 0.05)]
    public double Stepped { get; set; }

    [FloatRange(0.1, 0.9)]
    public float Single { get; set; }

    [IntRange(-3, 12)]
    public int Count { get; set; }

    [IntRange(8, 512, Log = true)]
    public int Width { get; set; }

    [IntRange(0, 100, Step = 10)]
    public int Tens { get; set; }

    public bool Flag { get; set; }

    public Booster Booster { get; set; }

    [Choices(Booster.Gbdt, Booster.Goss)]
    public Booster Limited { get; set; }

    [Choices("adam", "sgd")]
    public string Optimizer { get; set; } = "adam";

    [Choices(32, 64, 128)]
    public int Batch { get; set; }

    [Choices(0.5, 0.9, 0.99)]
    public double Momentum { get; set; }

    [Choices(0.25, 0.75)]
    public float Ratio { get; set; }

    [FloatRange(0, 1)]
    public double? Optional { get; set; }

    public bool? MaybeFlag { get; set; }

    public int Computed => Count * 2;

    [NotTuned]
    public string Label { get; set; } = "kept";
}

/// <summary>Conditions on an enum, an int range, a bool, string choices, and a chain of two.</summary>
public sealed class Conditional
{
    public Booster Booster { get; set; }

    [FloatRange(0.01, 0.5, Log = true)]
    [ActiveWhen(nameof(Booster), Booster.Dart)]
    public double? DropRate { get; set; }

    [IntRange(1, 4)]
    public int Layers { get; set; }

    [IntRange(8, 64)]
    [ActiveWhen(nameof(Layers), 3, 4)]
    public int Deep { get; set; } = -1;

    public bool UseMomentum { get; set; }

    [FloatRange(0.5, 0.99)]
    [ActiveWhen(nameof(UseMomentum), true)]
    public double Momentum { get; set; } = 0.123;

    [Choices("a", "b", "c")]
    [ActiveWhen(nameof(UseMomentum), true)]
    public string Nested { get; set; } = "none";

    [Choices(1, 2)]
    [ActiveWhen(nameof(Nested), "b", "c")]
    public int Chained { get; set; } = 7;
}

/// <summary>A positional record: attributes on the parameters, a default for the conditional one.</summary>
public sealed record Positional(
    [FloatRange(0, 1)] double Rate,
    [IntRange(1, 5)] int Depth,
    bool Flag,
    [property: Choices("x", "y")] string Kind,
    [IntRange(1, 3), ActiveWhen("Flag", true)] int Extra = 99);

/// <summary>A struct with an init-only property.</summary>
public struct Point
{
    [FloatRange(0, 1)]
    public double X { get; init; }

    [IntRange(0, 9)]
    public int Y { get; set; }
}

public class BaseParameters
{
    [FloatRange(0, 1)]
    public double First { get; set; }
}

public sealed class DerivedParameters : BaseParameters
{
    [IntRange(1, 2)]
    public int Second { get; set; }
}

public class VirtualParameters
{
    [IntRange(1, 4)]
    public virtual int Layers { get; set; }
}

/// <summary>Overrides a property without repeating its attribute: the base's declaration still holds.</summary>
public sealed class OverridingParameters : VirtualParameters
{
    public override int Layers { get; set; }
}

/// <summary>Two choices that differ only in case, and a parameter active under one of them.</summary>
public sealed class CaseSensitiveChoices
{
    [Choices("sgd", "SGD")]
    public string Optimizer { get; set; } = "sgd";

    [FloatRange(0, 1), ActiveWhen(nameof(Optimizer), "sgd")]
    public double? Momentum { get; set; }
}

/// <summary>A parameter class whose setter refuses a value.</summary>
public sealed class PickySetter
{
    private int _depth;

    [IntRange(1, 9)]
    public int Depth
    {
        get => _depth;
        set => _depth = value == 3 ? throw new ArgumentOutOfRangeException(nameof(value), value, "3 is unlucky") : value;
    }
}

/// <summary>Float properties on grids whose values a float does not hold exactly (0.05f is 0.0500000007…).</summary>
public sealed class SteppedSingles
{
    [FloatRange(0.0, 0.5, Step = 0.05)]
    public float Dropout { get; set; }

    [FloatRange(0.0, 1.0, Step = 0.1)]
    public float? Fraction { get; set; }
}

/// <summary>Parents whose [ActiveWhen] values are numbers of another type than the choices: as [Choices] takes them.</summary>
public sealed class NumericParents
{
    [Choices(0.25, 0.75)]
    public float Ratio { get; set; } = 0.25f;

    [Choices(0.5, 1)]
    public double Momentum { get; set; } = 0.5;

    [FloatRange(0, 1)]
    [ActiveWhen(nameof(Ratio), 0.25)]
    public double? WhenQuarter { get; set; }

    [IntRange(1, 4)]
    [ActiveWhen(nameof(Momentum), 1)]
    public int? WhenOne { get; set; }
}

public class HiddenBase
{
    [FloatRange(0, 1)]
    public double Rate { get; set; }

    [IntRange(1, 3)]
    public int Depth { get; set; } = 1;
}

/// <summary>Hides its base class's float <c>Rate</c> with an int of the same name (C#'s new).</summary>
public sealed class Hiding : HiddenBase
{
    [Choices(8, 16)]
    public new int Rate { get; set; } = 8;
}
