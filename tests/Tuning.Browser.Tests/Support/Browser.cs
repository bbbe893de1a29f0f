using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Tuning.Browser.Tests.Support;

/// <summary>
/// One headless Chromium for every browser test (starting one takes about a second), driven through Debian's
/// chromedriver. Selenium is given the driver's path, so it never tries to download one.
/// </summary>
public sealed class BrowserSession : IDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string DriverFolder = "/usr/bin";
    public const string DriverName = "chromedriver";

    private readonly Lazy<ChromeDriver> _driver = new(Start);

    /// <summary>Gets whether Chromium and its driver are installed (<c>apt-get install chromium chromium-driver</c>).</summary>
    public static bool IsInstalled => File.Exists(ChromiumPath) && File.Exists(Path.Combine(DriverFolder, DriverName));

    public ChromeDriver Driver => _driver.Value;

    /// <summary>Opens a page and waits until the report's script has drawn every chart.</summary>
    public void Open(string url)
    {
        Driver.Navigate().GoToUrl(url);
        WaitUntil(() => Script<bool?>("return window.TuningReport ? window.TuningReport.state.ready : null") == true, "the page's charts to be drawn");
    }

    public T? Script<T>(string script, params object[] arguments)
    {
        object? result = Driver.ExecuteScript(script, arguments);
        return result is null ? default : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void WaitUntil(Func<bool> condition, string what, double seconds = 20)
    {
        var wait = new WebDriverWait(Driver, TimeSpan.FromSeconds(seconds)) { PollingInterval = TimeSpan.FromMilliseconds(100), Message = "waiting for " + what };
        wait.Until(_ => condition());
    }

    /// <summary>The console messages of level SEVERE since the last call (an uncaught error, a failed load).</summary>
    public IReadOnlyList<string> ConsoleErrors() =>
        [.. Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level == LogLevel.Severe).Select(e => e.Message)];

    /// <summary>For each chart on the page, its id, the marks it says it draws, and the marks found drawn.</summary>
    public IReadOnlyList<(string Id, long Expected, long Drawn)> ChartPoints()
    {
        var rows = (IReadOnlyCollection<object>)Driver.ExecuteScript(
            "return Array.from(document.querySelectorAll('.chart')).map(d => [d.id, Number(d.getAttribute('data-points')), window.TuningReport.renderedPoints(d)]);")!;
        return [.. rows.Cast<IReadOnlyCollection<object>>().Select(r => r.ToArray()).Select(r => ((string)r[0], Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>The ids of the charts whose legend overlaps a plot area (where the data are drawn), and how many charts with a legend were checked.</summary>
    public (IReadOnlyList<string> Overlapping, long Checked) LegendsOverData()
    {
        var result = (IReadOnlyList<object>)Driver.ExecuteScript(
            "const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;"
            + "const charts = Array.from(document.querySelectorAll('.chart')).filter(d => d.querySelector('.legend') && d.querySelector('.nsewdrag'));"
            + "const overlapping = charts.filter(d => {"
            + "  const l = d.querySelector('.legend').getBoundingClientRect();"
            + "  return Array.from(d.querySelectorAll('.nsewdrag')).some(p => hit(l, p.getBoundingClientRect()));"
            + "}).map(d => d.id);"
            + "return [overlapping, charts.length];")!;
        return ([.. ((IReadOnlyCollection<object>)result[0]).Cast<string>()], Convert.ToInt64(result[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Saves a screenshot of the page, <paramref name="height"/> pixels tall (the whole page when null).</summary>
    public string Screenshot(string name, int? height = null)
    {
        long full = Script<long>("return Math.ceil(document.documentElement.scrollHeight)");
        Driver.Manage().Window.Size = new System.Drawing.Size(1400, (int)Math.Min(height ?? full, 16000));
        Driver.ExecuteScript("window.scrollTo(0, 0); window.dispatchEvent(new Event('resize'));");
        Thread.Sleep(400); // plotly redraws the responsive charts after a resize
        string path = Path.Combine(Artifacts.Folder, name);
        Driver.GetScreenshot().SaveAsFile(path);
        Driver.Manage().Window.Size = new System.Drawing.Size(1400, 1000);
        return path;
    }

    public void Dispose()
    {
        if (_driver.IsValueCreated)
        {
            _driver.Value.Quit();
        }
    }

    private static ChromeDriver Start()
    {
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(DriverFolder, DriverName);
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };

        // WebGL (plotly's parallel coordinates) runs on SwiftShader in a headless browser without a GPU.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--enable-unsafe-swiftshader", "--window-size=1400,1000", "--disable-dev-shm-usage");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return driver;
    }
}
