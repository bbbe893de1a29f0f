using TorchSharp;
using TorchSharp.Modules;
using Tuning;
using static TorchSharp.torch;

namespace TorchSharpDigits;

/// <summary>One training run: a 64 → hidden → 10 MLP with ReLU and dropout, trained with AdamW, one epoch at a time.</summary>
internal sealed class MlpTrainer : IDisposable
{
    private readonly DigitsData _data;
    private readonly Hyperparameters _h;
    private readonly Random _shuffle;
    private readonly Sequential _model;
    private readonly optim.Optimizer _optimizer;
    private readonly CrossEntropyLoss _loss = nn.CrossEntropyLoss();

    public MlpTrainer(DigitsData data, Hyperparameters h, int seed)
    {
        _data = data;
        _h = h;
        _shuffle = new Random(seed);
        torch.manual_seed(seed);
        _model = nn.Sequential(
            ("hidden", nn.Linear(DigitsData.Features, h.Hidden)),
            ("relu", nn.ReLU()),
            ("dropout", nn.Dropout(h.Dropout)),
            ("output", nn.Linear(h.Hidden, DigitsData.Classes)));
        _optimizer = optim.AdamW(_model.parameters(), lr: h.LearningRate, weight_decay: h.WeightDecay);
    }

    /// <summary>Trains one epoch over shuffled mini-batches, then scores the validation rows.</summary>
    /// <returns>The validation cross-entropy and accuracy.</returns>
    /// <exception cref="TrialFailedException">The validation loss is not finite: training diverged, which fails the trial while the study goes on.</exception>
    public (double Loss, double Accuracy) TrainEpoch()
    {
        _model.train();
        long[] order = [.. Enumerable.Range(0, _data.TrainCount).Select(i => (long)i)];
        _shuffle.Shuffle(order);
        using Tensor permutation = tensor(order);
        for (int start = 0; start < order.Length; start += _h.BatchSize)
        {
            using DisposeScope scope = NewDisposeScope();
            Tensor rows = permutation.narrow(0, start, Math.Min(_h.BatchSize, order.Length - start));
            _optimizer.zero_grad();
            Tensor loss = _loss.forward(_model.forward(_data.TrainX.index_select(0, rows)), _data.TrainY.index_select(0, rows));
            loss.backward();
            _optimizer.step();
        }

        (double validationLoss, double accuracy) = Evaluate();
        return double.IsFinite(validationLoss) ? (validationLoss, accuracy) : throw new TrialFailedException("the validation loss diverged");
    }

    /// <summary>The cross-entropy and accuracy on the validation rows.</summary>
    private (double Loss, double Accuracy) Evaluate()
    {
        _model.eval();
        using var noGrad = no_grad();
        using DisposeScope scope = NewDisposeScope();
        Tensor logits = _model.forward(_data.ValidX);
        double loss = _loss.forward(logits, _data.ValidY).item<float>();
        double accuracy = logits.argmax(1).eq(_data.ValidY).to_type(ScalarType.Float32).mean().item<float>();
        return (loss, accuracy);
    }

    public void Dispose()
    {
        _optimizer.Dispose();
        _model.Dispose();
        _loss.Dispose();
    }
}
