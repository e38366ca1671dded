"""gdtui's engine: the mathematics behind every scene, in plain NumPy.

Read it in this order; each module only uses the ones before it:

- `engine.descent`: the update rule of the whole course. `descend(...)`
  yields a `DescentStep` per step for any number of walkers, each with a
  `Status` and its last move; `turned_back` tells a zig-zag from a creep;
  `run(...)` returns a `DescentPath`; learning-rate schedules `constant`,
  `inverse_time_decay`, `exponential_decay`, and momentum.
- `engine.functions`: the functions the lecture studies, with derivatives by
  hand: `parabola`, `parabola_slope`, `parabola_curvature`, and
  `PARABOLA_MIN`, solved by `where_slope_is_zero` (Newton on f'); `plane`,
  `plane_gradient`; the hiking `Terrain` (`height`, `gradient`, `minima`,
  `nearest_minimum`, `lowered_to_zero`) and `default_terrain()`;
  `line_data` and `LineFitLoss` for SGD on a two-parameter surface;
  `central_difference` and `numerical_gradient` to check them by numbers.
- `engine.tangent`: `secant_slope` and `line_through`, the derivative
  scene's secant shrinking onto the tangent.
- `engine.stability`: why a learning rate is too small, good, too large or
  far too large on a parabola: `error_factor` q = 1 - η·f'', `forecast`
  (steps to the tolerance, zig-zag, divergence), the boundaries
  `one_step_rate` 1/f'' and `divergence_edge` 2/f'', and `factors_seen`,
  q measured from a walk.
- `engine.data`: `dogs_vs_cats(...)` -> `Dataset`, `split(...)` -> `Split`,
  `batches(...)`; `animals(seed)`, the lecture's one data set of `ANIMALS`.
- `engine.network`: `MLP` (sigmoid outputs) with `forward`, `forward_trace`,
  `loss`, `evaluate`, `gradients`, `backward_trace`, `apply_gradients`,
  `predict_proba`; `zero_one_loss`, `accuracy`.
- `engine.neuron`: `neuron(...)`, one unit with every product and sum.
- `engine.loss_profile`: why training needs a smooth loss: the 0/1 loss and
  the cross-entropy of one logistic unit as its weight sweeps.
- `engine.chain_rule`: backpropagation in a 1-1-1 network written out as the
  chain rule, `gradient_check` (the secant of one nudged parameter against
  backprop), and what reusing δ saves as networks grow.
- `engine.minibatch`: `MiniBatchWalk`, SGD's path on `LineFitLoss`;
  `gradient_spread`, how far batch gradients scatter around the full one;
  `loss_after`, the loss at equal cost (example gradients spent).
- `engine.training`: `Trainer`, `StoppingRules`, `StopReason`, `History`,
  `EpochRecord`, `default_training_setup()`.

Nothing here imports Textual, `tui` or `scenes`; the arrow only points the
other way. What no scene and no line above uses does not belong here.
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
from engine.network import MLP, BackwardTrace, ForwardTrace, accuracy, zero_one_loss
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
    "numerical_gradient", "parabola", "parabola_curvature", "parabola_slope", "plane", "plane_gradient", "run",
    "split", "where_slope_is_zero", "zero_one_loss",
]
