"""How fast is the engine? Medians of several runs, printed as a small table.

    python benchmarks/bench_engine.py [--runs 7]

Measures:
- one epoch of the training scene's default run (`default_training_setup`),
  and how many epochs a second that is (budget: >= 50 on one core, so the
  screen never waits for training);
- one forward + backward pass of a [2, 16, 16, 1] network on a batch of 32;
- the same 32 samples done one at a time in a Python loop, and the ratio,
  which is what vectorising over the batch buys.

BLAS threads are pinned to one, so the numbers are for one core.
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
PASSES_PER_RUN = 2000


def time_per_call(setup: Callable[[], Callable[[], object]], calls: int, runs: int) -> float:
    """Median over `runs` of the mean time of one call; `setup` makes a fresh callable per run."""
    results = []
    for _ in range(runs):
        call = setup()
        start = time.perf_counter()
        for _ in range(calls):
            call()
        results.append((time.perf_counter() - start) / calls)
    return statistics.median(results)


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
    batched = time_per_call(batched_pass, PASSES_PER_RUN, runs)
    looped = time_per_call(looped_pass, PASSES_PER_RUN // 32, runs)

    rows = [
        ("default training run, one epoch", f"{epoch * 1e3:8.3f} ms", f"{1 / epoch:8.0f} epochs/s (budget >= 50)"),
        ("[2,16,16,1] fwd+bwd, batch of 32", f"{batched * 1e6:8.1f} µs", ""),
        ("same 32 samples one at a time", f"{looped * 1e6:8.1f} µs", f"{looped / batched:8.1f}x slower than batched"),
    ]
    print(f"engine benchmark: median of {runs} runs, Python {sys.version.split()[0]}, NumPy {np.__version__}, one BLAS thread")
    width = max(len(r[0]) for r in rows)
    print(f"{'what':<{width}}  {'median':>11}  note")
    for what, median, note in rows:
        print(f"{what:<{width}}  {median:>11}  {note}")


if __name__ == "__main__":
    main()
