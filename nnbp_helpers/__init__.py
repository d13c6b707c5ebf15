"""nnbp_helpers: the tested reference implementation behind the nnbp backpropagation notebooks.

Import it as ``import nnbp_helpers as nn``. Each function is one formula of the lecture deck;
the notation (Θ^(l) is ``thetas[l - 1]``, rows of ``X`` are instances) is in the README.
``import nnbp_helpers`` needs numpy only. The figures and widgets (matplotlib, ipywidgets) and the
exercise checkers are imported on their own: ``from nnbp_helpers import checks, viz``.
"""

from . import blame, datasets, exercises
from .gradcheck import (
    GradientCheckReport,
    gradient_check,
    numerical_gradient,
    relative_difference,
    roll,
    unroll,
)
from .network import (
    ForwardPass,
    add_bias,
    backprop,
    backprop_loop,
    cost,
    deltas,
    forward,
    init_weights,
    one_hot,
    predict,
    sigmoid,
    sigmoid_gradient,
    softplus,
)
from .training import TrainResult, train

__version__ = "0.1.0"

__all__ = [
    "sigmoid",
    "sigmoid_gradient",
    "softplus",
    "add_bias",
    "one_hot",
    "init_weights",
    "ForwardPass",
    "forward",
    "cost",
    "deltas",
    "backprop",
    "backprop_loop",
    "predict",
    "unroll",
    "roll",
    "numerical_gradient",
    "relative_difference",
    "gradient_check",
    "GradientCheckReport",
    "train",
    "TrainResult",
    "blame",
    "datasets",
    "exercises",
]
