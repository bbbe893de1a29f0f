namespace Tuning.Tests.Support;

/// <summary>Builds random search spaces (every kind of parameter, log scales, steps, nested conditions) from a seed.</summary>
internal static class RandomSpaces
{
    public static SearchSpace Build(int seed, int maxParameters = 8)
    {
        var random = new Random(seed);
        var builder = new SearchSpaceBuilder();
        int count = random.Next(1, maxParameters + 1);
        var parents = new List<(string Name, object[] Values)>();
        for (int i = 0; i < count; i++)
        {
            string name = $"p{i}";
            Condition? when = null;
            if (parents.Count > 0 && random.NextDouble() < 0.35)
            {
                (string parent, object[] values) = parents[random.Next(parents.Count)];
                object[] chosen = [.. values.OrderBy(_ => random.Next()).Take(random.Next(1, values.Length + 1))];
                when = new Condition(parent, chosen);
            }

            switch (random.Next(7))
            {
                case 0:
                    {
                        double low = Math.Round((random.NextDouble() * 20) - 10, 3);
                        builder.Float(name, low, low + 0.001 + (random.NextDouble() * 50), when: when);
                        break;
                    }

                case 1:
                    {
                        double low = Math.Pow(10, random.Next(-8, 2));
                        builder.Float(name, low, low * Math.Pow(10, random.Next(1, 6)), log: true, when: when);
                        break;
                    }

                case 2:
                    {
                        // Decimal steps and bounds, and doubles that no short decimal writes (1/3, π/10, 0.1 + 0.2).
                        bool plain = random.Next(4) == 0;
                        double step = plain
                            ? new[] { 1.0 / 3, 1.0 / 30, Math.PI / 10, 0.1 + 0.2 }[random.Next(4)]
                            : new[] { 0.01, 0.1, 0.25, 0.5, 2.5 }[random.Next(5)];
                        double low = plain ? random.NextDouble() * 3 : Math.Round(random.NextDouble() * 3, 2);
                        builder.Float(name, low, low + (step * random.Next(1, 40)) + (random.NextDouble() * step), step: step, when: when);
                        break;
                    }

                case 3:
                    {
                        int low = random.Next(-20, 20);
                        int high = low + random.Next(1, 30);
                        builder.Int(name, low, high, when: when);
                        parents.Add((name, [.. Enumerable.Range(low, Math.Min(high - low + 1, 4)).Select(v => (object)v)]));
                        break;
                    }

                case 4:
                    {
                        int low = random.Next(1, 64);
                        builder.Int(name, low, low * random.Next(2, 300), log: true, when: when);
                        break;
                    }

                case 5:
                    {
                        int low = random.Next(-5, 5);
                        int step = random.Next(2, 7);
                        builder.Int(name, low, low + (step * random.Next(1, 10)) + random.Next(step), step: step, when: when);
                        break;
                    }

                default:
                    {
                        if (random.NextDouble() < 0.3)
                        {
                            builder.Bool(name, when);
                            parents.Add((name, [true, false]));
                        }
                        else
                        {
                            string[] choices = [.. Enumerable.Range(0, random.Next(1, 6)).Select(k => $"c{k}")];
                            builder.Categorical(name, choices, when);
                            parents.Add((name, choices));
                        }

                        break;
                    }
            }
        }

        return builder.Build();
    }
}
