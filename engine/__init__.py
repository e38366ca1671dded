"""gdtui's engine: the mathematics behind every scene, in plain NumPy.

Read it in this order:

- `engine.functions`: the functions the lecture studies, with derivatives by
  hand: `parabola`, `parabola_slope`, `parabola_curvature`, and
  `PARABOLA_MIN`, solved by `where_slope_is_zero` (Newton on f'); `plane`,
  `plane_gradient`; the hiking `Terrain` (`height`, `gradient`, `grid`,
  `minima`, `nearest_minimum`, `basin_of`) and `default_terrain()`;
  `line_data` and `LineFitLoss` for SGD on a two-parameter surface;
  `central_difference` and `numerical_gradient` to check them by numbers.
- `engine.descent`: `descend(...)` yields a `DescentStep` per step for any
  number of walkers, each with a `Status`; `run(...)` returns a
  `DescentPath`; schedules `constant`, `inverse_time_decay`,
  `exponential_decay`.
- `engine.data`: `dogs_vs_cats(...)` -> `Dataset`, `split(...)` -> `Split`,
  `batches(...)`.
- `engine.network`: `MLP` with `forward`, `forward_trace`, `loss`,
  `evaluate`, `gradients`, `backward_trace`, `apply_gradients`, `predict`;
  `zero_one_loss`, `accuracy`.
- `engine.training`: `Trainer`, `StoppingRules`, `StopReason`, `History`,
  `EpochRecord`, `default_training_setup()`.

Nothing here imports Textual, `tui` or `scenes`; the arrow only points the
other way.
"""

from engine.data import CLASSES, FEATURES, Dataset, Split, batches, dogs_vs_cats, split
from engine.descent import (
    DescentPath,
    DescentStep,
    Status,
    constant,
    descend,
    exponential_decay,
    inverse_time_decay,
    run,
)
from engine.functions import (
    PARABOLA_MIN,
    Bump,
    LineFitLoss,
    Minimum,
    Terrain,
    central_difference,
    default_terrain,
    line_data,
    numerical_gradient,
    parabola,
    parabola_curvature,
    parabola_slope,
    plane,
    plane_gradient,
    where_slope_is_zero,
)
from engine.network import MLP, BackwardTrace, ForwardTrace, accuracy, to_labels, zero_one_loss
from engine.training import (
    EpochRecord,
    History,
    StoppingRules,
    StopReason,
    Trainer,
    TrainingSetup,
    default_training_setup,
)

__all__ = [
    "BackwardTrace", "Bump", "CLASSES", "Dataset", "DescentPath", "DescentStep", "EpochRecord",
    "FEATURES", "ForwardTrace", "History", "LineFitLoss", "MLP", "Minimum", "PARABOLA_MIN", "Split",
    "Status", "StopReason", "StoppingRules", "Terrain", "Trainer", "TrainingSetup", "accuracy",
    "batches", "central_difference", "constant", "default_terrain", "default_training_setup",
    "descend", "dogs_vs_cats", "exponential_decay", "inverse_time_decay", "line_data",
    "numerical_gradient", "parabola", "parabola_curvature", "parabola_slope", "plane", "plane_gradient", "run", "split",
    "to_labels", "where_slope_is_zero", "zero_one_loss",
]
