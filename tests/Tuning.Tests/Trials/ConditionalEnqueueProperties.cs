using FsCheck;
using FsCheck.Fluent;
using Tuning.Tests.Support;

namespace Tuning.Tests.Trials;

/// <summary>
/// Enqueueing into a space with conditions: exactly the parameters active under the given values must have one, and a
/// refusal names the parameter at fault and the argument that carried it.
/// </summary>
public sealed class ConditionalEnqueueProperties
{
    private static Arbitrary<(SpaceSpec Space, int[] Unit)> Cases() =>
        Arb.Zip(SpaceSpec.Arbitrary(maxParameters: 6, maxSize: 5), Arb.From(Gen.Choose(0, 1000).ArrayOf(6), v => Shrink.Array(v, x => Shrink.Toward(x, 0), minLength: 6)))
            .Convert(c => (c.Item1, c.Item2), c => (c.Item1, c.Item2));

    [Fact]
    public void A_complete_active_assignment_is_enqueued_and_served_as_it_was()
    {
        PropertyCheck.ForAll(
            Cases(),
            c =>
            {
                SearchSpace space = c.Space.Build();
                ParameterValues point = space.Decode([.. c.Unit.Take(space.Count).Select(u => u / 1000.0)]);
                var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));

                study.Enqueue(point.ToDictionary());

                Trial served = study.Ask();
                Assert.Equal(point, served.Parameters);
                SpaceAssert.Valid(space, served.Parameters);
            },
            maxTest: 100);
    }

    [Fact]
    public void A_value_for_an_inactive_parameter_is_refused_naming_it_and_nothing_is_enqueued()
    {
        PropertyCheck.ForAll(
            Cases(),
            c =>
            {
                SearchSpace space = c.Space.Build();
                ParameterValues point = space.Decode([.. c.Unit.Take(space.Count).Select(u => u / 1000.0)]);
                var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
                foreach (Parameter inactive in space.Parameters.Where(p => !point.IsActive(p.Name)))
                {
                    var given = new Dictionary<string, object>(point.ToDictionary()) { [inactive.Name] = AnyValue(inactive) };

                    var e = Assert.Throws<ArgumentException>(() => study.Enqueue(given));

                    Assert.Equal("parameters", e.ParamName);
                    Assert.Contains($"'{inactive.Name}'", e.Message, StringComparison.Ordinal);
                    Assert.Contains("inactive", e.Message, StringComparison.Ordinal);
                    Assert.Contains(inactive.Condition!.ToString(), e.Message, StringComparison.Ordinal);
                }

                Assert.Empty(study.Enqueued);
            },
            maxTest: 100);
    }

    [Fact]
    public void An_active_parameter_without_a_value_is_refused_naming_it_and_nothing_is_enqueued()
    {
        PropertyCheck.ForAll(
            Cases(),
            c =>
            {
                SearchSpace space = c.Space.Build();
                ParameterValues point = space.Decode([.. c.Unit.Take(space.Count).Select(u => u / 1000.0)]);
                var study = new Study(space, Metric.Minimize("loss"), new RandomSuggester(seed: 1));
                foreach (Parameter active in space.Parameters.Where(p => point.IsActive(p.Name)))
                {
                    Dictionary<string, object> given = point.ToDictionary().Where(kv => kv.Key != active.Name).ToDictionary();

                    var e = Assert.Throws<ArgumentException>(() => study.Enqueue(given));

                    Assert.Equal("parameters", e.ParamName);
                    Assert.Contains($"'{active.Name}' is active but has no value", e.Message, StringComparison.Ordinal);
                }

                Assert.Empty(study.Enqueued);
            },
            maxTest: 100);
    }

    /// <summary>A value in the parameter's domain, so that only its being given can be refused.</summary>
    private static object AnyValue(Parameter p) => p.Kind switch
    {
        ParameterKind.Float => p.Low,
        ParameterKind.Int => (int)p.Low,
        _ when p.IsBoolean => true,
        _ => p.Choices[0],
    };
}
