"""Exercise checkers: each takes a learner's function, tries it on several small cases and returns a
:class:`CheckResult` (``.passed``, ``.message``, a first hint that names the mistake). A checker
never raises and never hangs: every call of learner code has a time limit (``set_time_limit``).

A check cell passes the *name* of the learner's function or answer, e.g.
``checks.check_backprop("backprop")``: the checker looks it up in the notebook, so a check run
before its exercise cell says "run the exercise cell above first". The object itself is accepted
too. After a NOT YET, ``checks.more()`` (or ``result.more()``) gives more help.

Each checker sits in the module of its topic; the classic mistakes of each concept are written once,
in ``_mistakes.py``, and shared by every checker the concept appears in.
"""

from ..exercises import (
    suspect_backprop,
)  # kept importable here for now; it lives in nnbp_helpers.exercises
from ._base import CheckResult, handed_in_package, more
from ._limits import set_time_limit, time_limit
from .backprop import (
    check_backprop,
    check_equal_weights,
    check_hidden_delta,
    check_tanh_hidden_delta,
)
from .capstone import YourNetwork, check_your_network, your_network
from .cost import (
    check_confident_mistake,
    check_cost,
    check_dc_dz,
    check_negative_cost,
    check_one_hot,
)
from .forward import (
    check_digit_network,
    check_forward,
    check_init_weights,
    check_sigmoid_gradient,
    check_theta_shapes,
    check_weight_index,
    check_zero_input,
)
from .gradcheck import (
    check_bug_layers,
    check_double_gradient,
    check_gradapprox_count,
    check_numerical_gradient,
    check_planted_bug,
)
from .initialisation import check_initial_cost
from .intuition import check_blame_step, check_delta_by_hand, check_most_blamed
from .training import check_gradient_step, check_training_loop

__all__ = [
    "CheckResult",
    "more",
    "handed_in_package",
    "set_time_limit",
    "time_limit",
    "check_weight_index",
    "check_sigmoid_gradient",
    "check_zero_input",
    "check_forward",
    "check_init_weights",
    "check_cost",
    "check_theta_shapes",
    "check_one_hot",
    "check_backprop",
    "check_numerical_gradient",
    "check_hidden_delta",
    "check_planted_bug",
    "check_tanh_hidden_delta",
    "check_equal_weights",
    "check_gradapprox_count",
    "check_double_gradient",
    "check_bug_layers",
    "suspect_backprop",
    "check_dc_dz",
    "check_negative_cost",
    "check_confident_mistake",
    "check_digit_network",
    "check_blame_step",
    "check_delta_by_hand",
    "check_most_blamed",
    "check_gradient_step",
    "check_training_loop",
    "check_initial_cost",
    "your_network",
    "YourNetwork",
    "check_your_network",
]
