using BenchmarkDotNet.Running;
using Tuning.Benchmarks;

if (args.Length > 0 && args[0] == "rand")
{
    var g = new GlibcRandom(0);
    for (int i = 0; i < 5; i++) { Console.WriteLine(g.Next()); }
    for (int i = 0; i < 9995; i++) { g.Next(); }
    Console.WriteLine(g.Next());
    return 0;
}

if (args.Length > 0 && args[0] == "study")
{
    return Tuning.Benchmarks.RunningStudy.RunningStudySpeed.Run(args);
}

if (args.Length > 0 && args[0] == "quick")
{
    QuickTiming.Run(args);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, new BenchmarkConfig());
return 0;
