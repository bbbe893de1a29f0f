using Tuning.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tuning.Cli.Tests.Support;

/// <summary>
/// A fact that needs the PostgreSQL server of the test run (<c>TUNING_POSTGRES</c>): reported as skipped, with the
/// reason, when there is none — unless <c>CI_REQUIRE_POSTGRES=1</c>, which makes it run and fail.
/// </summary>
[XunitTestCaseDiscoverer("Tuning.Cli.Tests.Support.PostgresFactDiscoverer", "Tuning.Cli.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="PostgresFactAttribute"/> tests, as skipped ones without a PostgreSQL server.</summary>
public sealed class PostgresFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        PostgresServer.SkipReason is string skip
            ? new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)
            : base.CreateTestCase(discoveryOptions, testMethod, factAttribute);
}
