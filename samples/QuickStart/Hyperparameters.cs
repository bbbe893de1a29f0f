namespace QuickStart;

/// <summary>The hyperparameters of the logistic regression, read from a trial.</summary>
internal sealed record Hyperparameters(double LearningRate, double L2, double Momentum, int Epochs, int BatchSize, string Scaling);
