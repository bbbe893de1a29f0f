using Tuning.TestSupport;

namespace Tuning.Browser.Tests.Support;

/// <summary>
/// A fact that needs Chromium and chromedriver: skipped, with the reason, where they are not installed — except in CI
/// (<c>CI=true</c>), whose script installs them, so that a missing browser fails there instead of passing unseen.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!BrowserSession.IsInstalled && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Skip = $"Chromium and chromedriver are not installed ({BrowserSession.ChromiumPath}, {BrowserSession.DriverFolder}/{BrowserSession.DriverName}): apt-get install chromium chromium-driver";
        }
    }
}

/// <summary>A fact that needs the browser and the PostgreSQL server of the test run (<c>TUNING_POSTGRES</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserPostgresFactAttribute : FactAttribute
{
    public BrowserPostgresFactAttribute()
    {
        Skip = new BrowserFactAttribute().Skip ?? PostgresServer.SkipReason;
    }
}

/// <summary>Every browser test shares one browser and runs one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSession>
{
    public const string Name = "browser";
}
