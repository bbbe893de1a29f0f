namespace Tuning.Tests.Spaces.Typed;

public sealed class TypedSpaceMisuseTests
{
    public sealed class NoRange
    {
        [FloatRange(0, 1)]
        public double Fine { get; set; }

        public double LearningRate { get; set; }
    }

    public sealed class RangeOnString
    {
        [FloatRange(0, 1)]
        public string Optimizer { get; set; } = "adam";
    }

    public sealed class StringWithoutChoices
    {
        public string Optimizer { get; set; } = "adam";
    }

    public sealed class IntRangeOnDouble
    {
        [IntRange(0, 10)]
        public double Rate { get; set; }
    }

    public sealed class FloatRangeOnInt
    {
        [FloatRange(0, 10)]
        public int Layers { get; set; }
    }

    public sealed class RangeOnBool
    {
        [IntRange(0, 1)]
        public bool Flag { get; set; }
    }

    public sealed class RangeOnEnum
    {
        [IntRange(0, 2)]
        public Booster? Booster { get; set; }
    }

    public sealed class TwoDeclarations
    {
        [FloatRange(0, 1)]
        [Choices(0.5, 1.0)]
        public double Rate { get; set; }
    }

    public sealed class WrongChoiceType
    {
        [Choices(1, 2, "three")]
        public int Batch { get; set; }
    }

    public sealed class FloatBeyondItsType
    {
        [FloatRange(0, 1e39)]
        public float Scale { get; set; }
    }

    public sealed class FloatChoiceBeyondItsType
    {
        [Choices(1.0, 1e39)]
        public float Scale { get; set; }
    }

    public sealed class FloatRangeBelowItsType
    {
        [FloatRange(1e-50, 0.1, Log = true)]
        public float LearningRate { get; set; }
    }

    public sealed class FloatChoiceBelowItsType
    {
        [Choices(0.0, 1e-50)]
        public float Scale { get; set; }
    }

    public enum SharedValue
    {
        Fast = 1,
#pragma warning disable CA1069 // two members sharing a value is the misuse under test
        Quick = 1,
#pragma warning restore CA1069
        Slow = 2,
    }

    public sealed class EnumWithSharedValue
    {
        public SharedValue Speed { get; set; }
    }

    public sealed class DuplicateChoices
    {
        [Choices("a", "a")]
        public string Name { get; set; } = "a";
    }

    public sealed class UnsupportedType
    {
        public decimal Amount { get; set; }
    }

    public sealed class InvalidRange
    {
        [FloatRange(1, 0)]
        public double Backwards { get; set; }
    }

    public sealed class LogWithoutPositiveBound
    {
        [IntRange(0, 10, Log = true)]
        public int Width { get; set; }
    }

    public sealed class UnknownParent
    {
        [FloatRange(0, 1)]
        [ActiveWhen("Optimiser", "sgd")]
        public double Momentum { get; set; }
    }

    public sealed class FloatParent
    {
        [FloatRange(0, 1)]
        public double Rate { get; set; }

        [IntRange(0, 1)]
        [ActiveWhen(nameof(Rate), 1)]
        public int Child { get; set; }
    }

    public sealed class ParentValueAsText
    {
        public bool Flag { get; set; }

        [FloatRange(0, 1)]
        [ActiveWhen(nameof(Flag), "true")]
        public double FlagChild { get; set; }
    }

    public sealed class EnumParentValueAsText
    {
        public Booster Booster { get; set; }

        [FloatRange(0, 1)]
        [ActiveWhen(nameof(Booster), "Dart")]
        public double DropRate { get; set; }
    }

    public sealed class ParentValueOfWrongType
    {
        public bool Flag { get; set; }

        [IntRange(0, 1)]
        [ActiveWhen(nameof(Flag), "yes")]
        public int Child { get; set; }
    }

    public sealed class ParentValueNotAChoice
    {
        [Choices("adam", "sgd")]
        public string Optimizer { get; set; } = "adam";

        [FloatRange(0, 1)]
        [ActiveWhen(nameof(Optimizer), "rmsprop")]
        public double Momentum { get; set; }
    }

    public sealed class Cycle
    {
        [Choices(1, 2)]
        [ActiveWhen(nameof(B), 1)]
        public int A { get; set; }

        [Choices(1, 2)]
        [ActiveWhen(nameof(A), 1)]
        public int B { get; set; }
    }

    public sealed class ReadOnlyWithRange
    {
        [FloatRange(0, 1)]
        public double Rate { get; } = 0.5;
    }

    public sealed class NothingToTune
    {
        public int Computed => 3;
    }

    public sealed class NoUsableConstructor(int secret)
    {
        [IntRange(0, 10)]
        public int Value { get; set; } = secret;
    }

    public abstract class AbstractParameters
    {
        [FloatRange(0, 1)]
        public double Rate { get; set; }
    }

    public sealed class NotTunedAndRange
    {
        [NotTuned]
        [FloatRange(0, 1)]
        public double Rate { get; set; }
    }

    [Theory]
    [InlineData(typeof(NoRange), "'NoRange.LearningRate' (double) has no range", "[FloatRange(low, high)]")]
    [InlineData(typeof(RangeOnString), "'RangeOnString.Optimizer' (string) has a range attribute", "[Choices(")]
    [InlineData(typeof(StringWithoutChoices), "'StringWithoutChoices.Optimizer' (string) has no choices", "[NotTuned]")]
    [InlineData(typeof(IntRangeOnDouble), "'IntRangeOnDouble.Rate' (double) has [IntRange]", "[FloatRange(low, high)]")]
    [InlineData(typeof(FloatRangeOnInt), "'FloatRangeOnInt.Layers' (int) has [FloatRange]", "[IntRange(low, high)]")]
    [InlineData(typeof(RangeOnBool), "'RangeOnBool.Flag' (bool) has a range", "categorical by itself")]
    [InlineData(typeof(RangeOnEnum), "'RangeOnEnum.Booster' (Booster?) has a range", "an enum is a categorical by itself")]
    [InlineData(typeof(TwoDeclarations), "'TwoDeclarations.Rate' (double) has more than one", "give it one")]
    [InlineData(typeof(WrongChoiceType), "'WrongChoiceType.Batch' (int) has the choice 'three'", "of type int")]
    [InlineData(typeof(DuplicateChoices), "'DuplicateChoices.Name' (string) lists a choice twice", "a, a")]
    [InlineData(typeof(FloatBeyondItsType), "'FloatBeyondItsType.Scale' (float) is a float, but its range [0, 1E+39] exceeds", "make the property a double")]
    [InlineData(typeof(FloatChoiceBeyondItsType), "'FloatChoiceBeyondItsType.Scale' (float) is a float, but its choice 1E+39 exceeds", "make the property a double")]
    [InlineData(typeof(FloatRangeBelowItsType), "'FloatRangeBelowItsType.LearningRate' (float) is a float, but its range [1E-50, 0.1] exceeds", "make the property a double")]
    [InlineData(typeof(FloatChoiceBelowItsType), "'FloatChoiceBelowItsType.Scale' (float) is a float, but its choice 1E-50 exceeds", "make the property a double")]
    [InlineData(typeof(EnumWithSharedValue), "'EnumWithSharedValue.Speed'", "enum whose members Fast and Quick share the value 1")]
    [InlineData(typeof(UnsupportedType), "'UnsupportedType.Amount' (Decimal) has a type that cannot be a parameter", "[NotTuned]")]
    [InlineData(typeof(InvalidRange), "'InvalidRange.Backwards'", "low (1) ≥ high (0)")]
    [InlineData(typeof(LogWithoutPositiveBound), "'LogWithoutPositiveBound.Width'", "log-scaled")]
    [InlineData(typeof(UnknownParent), "'UnknownParent.Momentum' has [ActiveWhen(\"Optimiser\"", "not a tuned property")]
    [InlineData(typeof(FloatParent), "'FloatParent.Child' has [ActiveWhen(\"Rate\"", "a float range")]
    [InlineData(typeof(ParentValueOfWrongType), "'ParentValueOfWrongType.Child' has [ActiveWhen(\"Flag\"", "'yes'")]
    [InlineData(typeof(ParentValueAsText), "'ParentValueAsText.FlagChild' has [ActiveWhen(\"Flag\"", "Property 'Flag' takes a bool; got 'true' (String).")]
    [InlineData(typeof(EnumParentValueAsText), "'EnumParentValueAsText.DropRate' has [ActiveWhen(\"Booster\"", "Property 'Booster' takes a Booster; got 'Dart' (String).")]
    [InlineData(typeof(ParentValueNotAChoice), "'ParentValueNotAChoice.Momentum' has [ActiveWhen(\"Optimizer\"", "rmsprop")]
    [InlineData(typeof(Cycle), "'Cycle'", "cycle")]
    [InlineData(typeof(ReadOnlyWithRange), "'ReadOnlyWithRange.Rate' is declared a parameter but cannot be set", "public setter")]
    [InlineData(typeof(NothingToTune), "'NothingToTune' has no tunable property", "[FloatRange]")]
    [InlineData(typeof(NoUsableConstructor), "'NoUsableConstructor' has no public parameterless constructor", "cannot be created")]
    [InlineData(typeof(AbstractParameters), "'AbstractParameters' is abstract", "creatable")]
    [InlineData(typeof(NotTunedAndRange), "'NotTunedAndRange.Rate' (double) is [NotTuned] and also has a range", "keep one")]
    public void Misuse_is_an_error_at_From_that_names_the_property(Type type, string names, string explains)
    {
        var e = Assert.Throws<ArgumentException>(() => From(type));

        Assert.Contains(names, e.Message, StringComparison.Ordinal);
        Assert.Contains(explains, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_reports_the_same_misuse()
    {
        ParameterValues values = new SearchSpaceBuilder().Float("LearningRate", 0, 1).Build().CreateValues(new Dictionary<string, object> { ["LearningRate"] = 0.5 });

        var e = Assert.Throws<ArgumentException>(() => values.Bind<NoRange>());

        Assert.Contains("'NoRange.LearningRate' (double) has no range", e.Message, StringComparison.Ordinal);
    }

    private static SearchSpace From(Type type) =>
        (SearchSpace)typeof(SearchSpace).GetMethod(nameof(SearchSpace.From))!.MakeGenericMethod(type)
            .Invoke(null, System.Reflection.BindingFlags.DoNotWrapExceptions, null, null, null)!;
}
