#!/usr/bin/python3
"""Optuna's TPE and random search under its Hyperband pruner on the recorded problems of the fidelity suite.

Also TPE on full runs only (no pruner), on the MLP at 27 epochs with a budget of 40 runs: the noisy suite's problem
(`dotnet run -c Release --project benchmarks/Tuning.Quality -- --noisy`), and the held-out MLP on breast cancer alike
(`-- --heldout`), where every trial replays one recorded training and the best result is the trial with the best
observed value.

The peer measurement beside `dotnet run -c Release --project benchmarks/Tuning.Quality -- --fidelity`: the same
recordings (benchmarks/Tuning.Quality/Data), the same grids, reports, costs, budgets and regret as the suite's pruner
methods (FidelityCurves.Run): each trial replays one recorded training of its configuration, drawn at random, reports
at the problem's steps and stops when the pruner says so; it costs the fidelity it reached; the best result is the
completed trial with the best observed value, and its regret is the mean over the recorded trainings of its
configuration minus the grid's best such mean. Runs end when the budget is spent (or after 10 trials per unit of it).

Usage (Debian's python3-optuna; see README.md):
    /usr/bin/python3 benchmarks/Peers/optuna_fidelity.py [--seeds 10] [--first-seed 0] [--only NAME]
"""

import argparse
import csv
import gzip
import math
import os
import random
import statistics
import warnings

import optuna

# A stepped float range such as [-4, -1] in steps of 1/3 is exact on the grid; Optuna's divisibility check sees rounding.
warnings.filterwarnings("ignore", message="The distribution is specified by", category=UserWarning)

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tuning.Quality", "Data")
MAX_TRIALS_PER_UNIT_OF_BUDGET = 10


class Axis:
    """A grid parameter as the suite declares it: levels low, low + step, ... (an int or a stepped float)."""

    def __init__(self, name, low, step, is_int):
        self.name, self.low, self.step, self.is_int = name, low, step, is_int


class Problem:
    """A recorded problem: a grid of configurations, several trainings each, and the reports of a pruned run."""

    def __init__(self, name, file, axes, reports, target_column, budget):
        # reports: (step, column, cost) in order; the last is the target fidelity, of cost 1.
        self.name, self.axes, self.reports, self.budget = name, axes, reports, budget
        runs = {}
        with gzip.open(os.path.join(DATA, file), "rt") as f:
            rows = (line for line in f if line.strip() and not line.startswith("#"))
            reader = csv.reader(rows)
            header = next(reader)
            p = header.index("replicate")
            self.columns = header[p + 1:]
            for cells in reader:
                key = tuple(float(c) for c in cells[:p])
                runs.setdefault(key, []).append([float(c) for c in cells[p + 1:]])
        self.runs = runs
        self.levels = [sorted({k[i] for k in runs}) for i in range(p)]
        target = self.columns.index(target_column)
        self.means = {k: statistics.fmean(r[target] for r in rs) for k, rs in runs.items()}
        self.optimum = min(self.means.values())
        self.replicates = min(len(rs) for rs in runs.values())

    def suggest(self, trial):
        key = []
        for axis, levels in zip(self.axes, self.levels):
            high = round(axis.low + axis.step * (len(levels) - 1), 12)
            if axis.is_int:
                v = trial.suggest_int(axis.name, int(axis.low), int(high), step=int(axis.step))
            else:
                v = trial.suggest_float(axis.name, axis.low, high, step=axis.step)
            key.append(levels[int(round((v - axis.low) / axis.step))])
        return tuple(key)


def mlp_grid(name, file, log2_smallest_hidden, log2_smallest_batch):
    """An MLP recording's grid (benchmarks/Tuning.Quality.Recorder): epochs 1-27, reports after 1, 3, 9 and 27."""
    return Problem(
        name, file,
        [Axis("log2_hidden", log2_smallest_hidden, 1, True), Axis("log10_learning_rate", -4, 1 / 3, False),
         Axis("log10_weight_decay", -6, 2, True), Axis("dropout", 0, 0.25, False),
         Axis("log2_batch_size", log2_smallest_batch, 2, True)],
        [(e, f"epoch{e}", e / 27) for e in (1, 3, 9, 27)], "epoch27", 30)


def mlp():
    return mlp_grid("MLP on digits (TorchSharp, recorded; epochs 1-27)", "mlp-digits.csv.gz", 4, 4)


def mlp_breast_cancer():
    return mlp_grid("MLP on breast cancer, held out (TorchSharp, recorded; epochs 1-27)", "mlp-breast-cancer.csv.gz", 3, 3)


def mlp_breast_cancer_full_runs():
    return Problem(
        "MLP on breast cancer, 27 epochs (TorchSharp, recorded; replicate per trial)", "mlp-breast-cancer.csv.gz",
        mlp_breast_cancer().axes, [(27, "epoch27", 1.0)], "epoch27", 40)


def mlp_full_runs():
    return Problem(
        "MLP on digits, 27 epochs (TorchSharp, recorded; replicate per trial)", "mlp-digits.csv.gz",
        mlp().axes, [(27, "epoch27", 1.0)], "epoch27", 40)


def lightgbm_axes():
    return [Axis("log10_learning_rate", -2.5, 0.25, False), Axis("log2_leaves", 1, 1, True),
            Axis("log2_min_leaf", 1, 2, True), Axis("log10_l2", -2, 2, True)]


def lightgbm(name="LightGBM on diabetes (ML.NET, recorded; iterations 3-243)", file="lightgbm-diabetes.csv.gz"):
    return Problem(
        name, file, lightgbm_axes(),
        [(i, f"iteration{i}", i / 243) for i in (3, 9, 27, 81, 243)], "iteration243", 30)


def lightgbm_rows(name="LightGBM on diabetes as tasks (recorded; 10%/30%/100% of rows)", file="lightgbm-diabetes.csv.gz"):
    return Problem(
        name, file, lightgbm_axes(),
        [(1, "rows10", 0.1), (2, "rows30", 0.3), (3, "iteration243", 1.0)], "iteration243", 30)


def lightgbm_friedman():
    return lightgbm("LightGBM on 100k rows, held out (ML.NET, recorded; iterations 3-243)", "lightgbm-friedman.csv.gz")


def lightgbm_friedman_rows():
    return lightgbm_rows("LightGBM on 100k rows as tasks, held out (recorded; 10%/30%/100% of rows)", "lightgbm-friedman.csv.gz")


def run(problem, sampler, seed, prune=True):
    """One run: the (cost, regret) after every trial, as FidelityCurves.Run records it."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    pruner = optuna.pruners.HyperbandPruner(
        min_resource=problem.reports[0][0], max_resource=problem.reports[-1][0], reduction_factor=3) if prune else optuna.pruners.NopPruner()
    # Hyperband assigns trials to brackets by a hash of the study name: a fixed name keeps a seeded run reproducible.
    study = optuna.create_study(study_name=f"{problem.name} seed {seed}", direction="minimize", sampler=sampler, pruner=pruner)
    noise = random.Random(seed + 1_000_003)
    events, cost, best_observed, regret = [], 0.0, math.inf, math.inf
    max_trials = MAX_TRIALS_PER_UNIT_OF_BUDGET * math.ceil(problem.budget)
    while cost < problem.budget and len(events) < max_trials:
        trial = study.ask()
        key = problem.suggest(trial)
        training = problem.runs[key][noise.randrange(problem.replicates)]
        for k, (step, column, step_cost) in enumerate(problem.reports):
            observed = training[problem.columns.index(column)]
            trial.report(observed, step)
            if k == len(problem.reports) - 1:
                study.tell(trial, observed)
                cost += step_cost
                if observed < best_observed:
                    best_observed = observed
                    regret = max(problem.means[key] - problem.optimum, 0.0)
            elif trial.should_prune():
                study.tell(trial, state=optuna.trial.TrialState.PRUNED)
                cost += step_cost
                break
        events.append((cost, regret))
    return events


def regret_at(events, cost):
    regret = math.inf
    for c, r in events:
        if c > cost + 1e-9:
            break
        regret = r
    return regret


def quartiles(values):
    v = sorted(values)
    def at(q):
        x = q * (len(v) - 1)
        lo, hi = math.floor(x), math.ceil(x)
        # Between two runs without a result (inf) the interpolation would be inf - inf = nan.
        return v[lo] if v[hi] == v[lo] else v[lo] + (v[hi] - v[lo]) * (x - lo)
    return at(0.25), at(0.5), at(0.75)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    parser.add_argument("--first-seed", type=int, default=0)
    parser.add_argument("--only", default=None)
    args = parser.parse_args()
    pruned = {
        "Optuna TPE+Hyperband": lambda seed: optuna.samplers.TPESampler(seed=seed),
        "Optuna Random+Hyperband": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    }
    full_runs = {
        "Optuna TPE": lambda seed: optuna.samplers.TPESampler(seed=seed),
        "Optuna Random": lambda seed: optuna.samplers.RandomSampler(seed=seed),
    }
    print(f"Optuna {optuna.__version__}; median [interquartile range] over {args.seeds} seeds "
          f"({args.first_seed}..{args.first_seed + args.seeds - 1}) of the regret of the best target-fidelity result.")
    print()
    print("| problem | budget | method | regret at 25% | regret at 50% | regret at 100% | trials |")
    print("|---|---|---|---|---|---|---|")
    problems = ((mlp(), pruned), (lightgbm(), pruned), (lightgbm_rows(), pruned), (mlp_full_runs(), full_runs),
                (mlp_breast_cancer(), pruned), (mlp_breast_cancer_full_runs(), full_runs),
                (lightgbm_friedman(), pruned), (lightgbm_friedman_rows(), pruned))
    for problem, methods in problems:
        if args.only and args.only.lower() not in problem.name.lower():
            continue
        for name, sampler in methods.items():
            prune = methods is pruned
            runs = [run(problem, sampler(seed), seed, prune) for seed in range(args.first_seed, args.first_seed + args.seeds)]
            cells = []
            for share in (0.25, 0.5, 1.0):
                q1, median, q3 = quartiles([regret_at(r, share * problem.budget) for r in runs])
                cells.append(f"{median:.2E} [{q1:.2E}, {q3:.2E}]".replace("INF", "inf"))
            trials = statistics.median(len(r) for r in runs)
            print(f"| {problem.name} | {problem.budget} | {name} | {' | '.join(cells)} | {trials:.0f} |", flush=True)


if __name__ == "__main__":
    main()
