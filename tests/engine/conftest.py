"""Engine tests run with NumPy floating-point problems and all warnings as errors.

Underflow stays silent: it is NumPy's default, never a warning, and harmless
(exp(-1000) is simply 0).
"""

import warnings

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def numpy_strict():
    with np.errstate(all="raise", under="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        yield
