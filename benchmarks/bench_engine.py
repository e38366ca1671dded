"""How fast is the engine? Medians of several runs, printed as a small table.

    python benchmarks/bench_engine.py [--runs 7]

Measures:
- one epoch of the training scene's default run (`default_training_setup`),
  and how many epochs a second that is (budget: >= 50 on one core, so the
  screen never waits for training);
- one forward + backward pass of a [2, 16, 16, 1] network on a batch of 32,
  against a lean, hand-fused NumPy pass of the same maths (loss and every
  gradient, no traces kept): the price of the engine's readability, budget
  <= 1.3x. The two are timed in turns (interleaved), many times, and the
  median of the per-turn ratios is printed, so a busy machine slows both alike;
- the same 32 samples done one at a time in a Python loop, and the ratio,
  which is what vectorising over the batch buys.

BLAS threads are pinned to one, so the numbers are for one core. Times are the
process's CPU time, which other jobs on a shared machine distort less than the
wall clock.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Callable  # noqa: E402

if __package__ in (None, ""):  # run as a script: make `engine` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from engine import MLP, StoppingRules, Trainer, default_training_setup  # noqa: E402

EPOCHS_PER_RUN = 20
LOOPED_PASSES_PER_RUN = 60
RATIO_TURNS = 41
PASSES_PER_TURN = 500
LEAN_BUDGET = 1.3


def time_per_call(setup: Callable[[], Callable[[], object]], calls: int, runs: int) -> float:
    """Median over `runs` of the mean time of one call; `setup` makes a fresh callable per run."""
    results = []
    for _ in range(runs):
        call = setup()
        results.append(mean_time(call, calls))
    return statistics.median(results)


def mean_time(call: Callable[[], object], calls: int) -> float:
    """CPU seconds per call, averaged over `calls` calls."""
    start = time.process_time()
    for _ in range(calls):
        call()
    return (time.process_time() - start) / calls


def epoch_of_default_run() -> Callable[[], object]:
    """A fresh default training run that cannot stop within EPOCHS_PER_RUN epochs."""
    setup = default_training_setup(seed=0)
    trainer = Trainer(setup.net.copy(), setup.split, setup.learning_rate, setup.batch_size,
                      StoppingRules(max_epochs=EPOCHS_PER_RUN + 1), setup.seed, setup.loss)
    return trainer.step_epoch


def batch_of_32() -> tuple[MLP, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return MLP([2, 16, 16, 1], seed=0), rng.normal(size=(32, 2)), rng.integers(0, 2, 32)


def batched_pass() -> Callable[[], object]:
    net, X, y = batch_of_32()
    return lambda: net.gradients(X, y, "cross_entropy")


def lean_pass() -> Callable[[], object]:
    """The same loss and gradients as `batched_pass`, written out for this one network shape."""
    net, X, y = batch_of_32()
    W1, b1, W2, b2, W3, b3 = net.params

    def fused():
        Y = y[:, None]
        h1 = np.tanh(X @ W1 + b1)
        h2 = np.tanh(h1 @ W2 + b2)
        z3 = h2 @ W3 + b3
        a3 = 0.5 * (1.0 + np.tanh(0.5 * z3))
        loss = float((np.logaddexp(0.0, z3) - Y * z3).sum() / len(X))
        d3 = (a3 - Y) / len(X)
        d2 = (d3 @ W3.T) * (1.0 - h2 * h2)
        d1 = (d2 @ W2.T) * (1.0 - h1 * h1)
        return loss, [X.T @ d1, d1.sum(axis=0), h1.T @ d2, d2.sum(axis=0), h2.T @ d3, d3.sum(axis=0)]

    return fused


def engine_over_lean(turns: int) -> tuple[float, float, float]:
    """Median engine time, median lean time and median ratio of the two, timed in turns."""
    engine, lean = batched_pass(), lean_pass()
    net, X, y = batch_of_32()
    loss, gradients = lean()
    if not np.isclose(loss, net.loss(X, y, "cross_entropy")) or not all(
            np.allclose(g, e) for g, e in zip(gradients, engine())):
        raise SystemExit("the lean pass does not compute the engine's gradients; fix it before comparing")
    times: list[tuple[float, float]] = []
    for _ in range(turns):
        times.append((mean_time(engine, PASSES_PER_TURN), mean_time(lean, PASSES_PER_TURN)))
    return (statistics.median(e for e, _ in times), statistics.median(le for _, le in times),
            statistics.median(e / le for e, le in times))


def looped_pass() -> Callable[[], object]:
    """The same mean gradient, one sample at a time, as a student might first write it."""
    net, X, y = batch_of_32()

    def one_by_one():
        total = [np.zeros_like(p) for p in net.params]
        for i in range(len(X)):
            for t, g in zip(total, net.gradients(X[i : i + 1], y[i : i + 1], "cross_entropy")):
                t += g
        return [t / len(X) for t in total]

    return one_by_one


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median taken), >= 5")
    runs = max(5, parser.parse_args().runs)

    epoch = time_per_call(epoch_of_default_run, EPOCHS_PER_RUN, runs)
    batched, lean, ratio = engine_over_lean(max(RATIO_TURNS, runs))
    looped = time_per_call(looped_pass, LOOPED_PASSES_PER_RUN, runs)

    rows = [
        ("default training run, one epoch", f"{epoch * 1e3:8.3f} ms", f"{1 / epoch:8.0f} epochs/s (budget >= 50)"),
        ("[2,16,16,1] fwd+bwd, batch of 32", f"{batched * 1e6:8.1f} µs",
         f"{ratio:8.2f}x a lean hand-fused pass (budget <= {LEAN_BUDGET})"),
        ("lean hand-fused pass, same maths", f"{lean * 1e6:8.1f} µs", ""),
        ("same 32 samples one at a time", f"{looped * 1e6:8.1f} µs", f"{looped / batched:8.1f}x slower than batched"),
    ]
    print(f"engine benchmark: median of {runs} runs, Python {sys.version.split()[0]}, NumPy {np.__version__}, one BLAS thread")
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'median':>11}  note")
    for what, median, note in rows:
        print(f"{what:<{width}}  {median:>11}  {note}")


if __name__ == "__main__":
    main()
