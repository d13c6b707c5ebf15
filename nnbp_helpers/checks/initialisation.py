"""Checker for notebook 06's prediction: the cost J(Θ) of the digits network at its random start."""

from __future__ import annotations

import math

from ._base import as_number, checker, failed, passed

K_DIGITS = 10
# Every weight in [−0.12, 0.12]: z ≈ 0 in every unit, so every h_k ≈ g(0) = 1/2 and each of the K
# outputs costs −log(1/2) = log 2 per instance, whatever its target.
AT_START = K_DIGITS * math.log(2)
# Random weights move J a few tenths away from K log 2 (6.55–7.04 over five seeds in notebook 06).
TOLERANCE = 0.45

# One table of the classic wrong answers: (value, how close counts, what it is, a hint that does not
# give the number away).
_MISTAKES = [
    (
        math.log(2),
        0.03,
        "that is the cost of one output unit (for one instance)",
        "J adds up the costs of all K output units, Σ_k, and averages over the instances.",
    ),
    (
        K_DIGITS * math.log10(2),
        0.03,
        "that uses the base-10 logarithm",
        "The cost uses the natural logarithm (np.log), in which log 2 ≈ 0.693.",
    ),
    (
        math.log10(2),
        0.01,
        "that is one output's cost with the base-10 logarithm",
        "The cost uses the natural logarithm (np.log), and J adds up all K output units.",
    ),
    (
        K_DIGITS * math.log2(2),
        0.03,
        "that is K · log₂ 2: each output's cost with the base-2 "
        "logarithm (or as if each output cost 1)",
        "The cost uses the natural logarithm (np.log), in which log 2 ≈ 0.693.",
    ),
    (
        math.log(K_DIGITS),
        0.03,
        "that is −log(1/10): the cost of a softmax output that spreads 1/10 over the classes",
        "Here each of the K outputs is its own sigmoid unit with its own cost, for y_k = 1 and for "
        "y_k = 0 alike; J adds up all K of them.",
    ),
    (
        -K_DIGITS * (0.1 * math.log(0.1) + 0.9 * math.log(0.9)),
        0.05,
        "that is where J goes after the first epoch, once the output units have learned that each "
        "digit is 10 % of the data",
        "At the random start nothing has been learned yet: what does each h_k say when every "
        "weight is close to 0?",
    ),
    (
        -AT_START,
        0.3,
        "J is never negative",
        "Each term −[y log h + (1 − y) log(1 − h)] is ≥ 0 for h in (0, 1): mind the minus sign.",
    ),
    (
        0.5,
        0.01,
        "0.5 is what each output unit says, not what it costs",
        "What does an answer of h = 0.5 cost, −log 0.5 when y = 1 and −log(1 − 0.5) when y = 0? "
        "Then add up the outputs.",
    ),
    (
        K_DIGITS * 0.5,
        0.01,
        "that adds up the outputs h ≈ 0.5, not their costs",
        "Each output costs −log h (target 1) or −log(1 − h) (target 0).",
    ),
    (
        0.0,
        0.01,
        "J = 0 would mean every answer is right and certain",
        "A network with tiny random weights has learned nothing: what does each output say?",
    ),
]


@checker
def check_initial_cost(answer):
    """Check the prediction of J(Θ) (λ = 0) for the [64, 25, 10] digits network at its random start.

    ``answer``: a number, or the name (a string) of the variable that holds it.
    """
    name = "check_initial_cost"
    value = answer
    if value is None:
        return failed(
            name,
            "not attempted yet (J_at_start is still None)",
            "Replace None with your prediction, a number, run that cell, then this one.",
        )
    if isinstance(value, (str, bytes)):
        return failed(
            name,
            f"{value!r} is text, not a number",
            "Write the number itself without quotes, e.g. J_at_start = 1.23 or an "
            "expression such as 4 * np.log(3).",
        )
    number = as_number(value, "J_at_start", example="1.23")
    if not math.isfinite(number):
        return failed(
            name,
            f"J_at_start = {number} is not a finite number",
            "J at the start is a modest positive number: reason it out from what h_k is.",
        )
    if abs(number - AT_START) <= TOLERANCE:
        return passed(
            name,
            f"{number:.3g}: with every weight near 0, every z ≈ 0 and every output "
            f"h_k ≈ g(0) = 0.5, so each of the K = {K_DIGITS} outputs costs log 2 per "
            f"instance, target 0 or 1 alike: J ≈ K log 2 = {AT_START:.3f}. The random "
            "weights move it a few tenths either way (a cell below measures it).",
        )
    for wrong, close, explanation, hint in _MISTAKES:
        if abs(number - wrong) <= close:
            return failed(name, f"{number:.4g}: {explanation}", hint)
    if number > 100:
        return failed(
            name,
            f"{number:.4g} is far too large: J averages over the instances",
            "J = −(1/n) Σ_i Σ_k [...]: the 1/n makes it a cost per instance.",
        )
    return failed(
        name,
        f"{number:.4g} is not what J is at the start",
        "With all weights near 0, z ≈ 0 in every unit. What is g(0)? What does one output "
        "cost with that answer, whatever its target? How many outputs are there?",
    )
