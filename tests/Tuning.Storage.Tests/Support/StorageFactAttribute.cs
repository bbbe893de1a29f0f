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
        ITypeInfo type = testMethod.TestClass.Class;
        string? skip = null;
        if (type.GetCustomAttributes(typeof(RequiresPostgresRestartAttribute)).Any())
        {
            skip = PostgresEnvironment.RestartSkipReason;
        }
        else if (type.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any())
        {
            skip = PostgresEnvironment.SkipReason;
        }

        return skip is null
            ? base.CreateTestCase(discoveryOptions, testMethod, factAttribute)
            : new XunitSkippedDataRowTestCase(
                DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip);
    }
}
