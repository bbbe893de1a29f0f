using Tuning.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tuning.Storage.Tests;

/// <summary>
/// A fact that reports itself skipped, with the reason, when its class needs a service this run lacks: PostgreSQL
/// (<see cref="RequiresPostgresAttribute"/>) or a PostgreSQL server it may restart (<see cref="RequiresPostgresRestartAttribute"/>).
/// </summary>
[XunitTestCaseDiscoverer("Tuning.Storage.Tests.StorageFactDiscoverer", "Tuning.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StorageFactAttribute : FactAttribute;

/// <summary>A theory whose rows report themselves skipped, with the reason, when its class needs a service this run lacks.</summary>
[XunitTestCaseDiscoverer("Tuning.Storage.Tests.StorageTheoryDiscoverer", "Tuning.Storage.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StorageTheoryAttribute : TheoryAttribute;

/// <summary>Marks a test class whose tests run against PostgreSQL (<c>TUNING_POSTGRES</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>Marks a test class that restarts the PostgreSQL server (<c>TUNING_POSTGRES_PGDATA</c>, <c>TUNING_POSTGRES_PGBIN</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPostgresRestartAttribute : Attribute;

/// <summary>Discovers <see cref="StorageFactAttribute"/> tests, as skipped ones when their service is missing.</summary>
public sealed class StorageFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IXunitTestCase CreateTestCase(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        string? skip = SkipReason(testMethod.TestClass.Class);
        return skip is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }

    /// <summary>Why the tests of a class cannot run in this run, or <see langword="null"/>.</summary>
    internal static string? SkipReason(ITypeInfo type)
    {
        if (type.GetCustomAttributes(typeof(RequiresPostgresRestartAttribute)).Any())
        {
            return PostgresServer.RestartSkipReason;
        }

        return type.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any() ? PostgresServer.SkipReason : null;
    }
}

/// <summary>Discovers <see cref="StorageTheoryAttribute"/> tests, as one skipped test when their service is missing.</summary>
public sealed class StorageTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        string? skip = StorageFactDiscoverer.SkipReason(testMethod.TestClass.Class);
        return skip is null
            ? base.Discover(discoveryOptions, testMethod, theoryAttribute)
            : [new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
    }
}
