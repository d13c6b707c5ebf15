"""The checkers of the exercises whose answer is nowhere above them: reading Θ_ij^(l) in code
(notebook 00), the output of notebook 02's network for x = 0 (predicted before the batch shows it),
and J for one confident mistake (notebook 03). Each accepts the right answer however it is typed,
names every slip of its table, and never raises."""

from fractions import Fraction

import numpy as np
import pytest
from conftest import CRASHES, assert_fails

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks import _mistakes as mistakes
from nnbp_helpers.checks._base import FAIL_MARK, Mistake, judge_typed_number
from nnbp_helpers.checks._cases import hand_made_network, self_naming_network
from nnbp_helpers.checks.forward import _weight_index_cases

# --- Exercise 0.1: Θ_ij^(l) in code -----------------------------------------------------------


def weight(thetas, l, i, j):
    return thetas[l - 1][i - 1, j]


@pytest.mark.parametrize(
    "answer",
    [
        weight,
        lambda thetas, l, i, j: thetas[l - 1][i - 1][j],  # row, then entry
        lambda thetas, l, i, j: thetas[l - 1][i - 1 : i, j],  # a one-entry array
        lambda thetas, l, i, j: float(np.asarray(thetas[l - 1])[i - 1, j]),
    ],
)
def test_weight_index_accepts_right_answers(answer):
    result = checks.check_weight_index(answer)
    assert result.passed, str(result)


@pytest.mark.parametrize(
    "slip, words",
    [
        (lambda t, l, i, j: t[l][i, j], ["Python indices", "thetas[l] is Θ^(l+1)", "2.31"]),
        (lambda t, l, i, j: t[l][i - 1, j], ["the list starts at 0", "Which entry of the list"]),
        (lambda t, l, i, j: t[l - 1][i, j], ["rows count from 0", "unit i + 1"]),
        (lambda t, l, i, j: t[l - 1][i - 1, j - 1], ["column 0 is the bias unit's", "a_0 = 1"]),
        (lambda t, l, i, j: t[l - 1][j - 1, i], ["i and j are swapped"]),
    ],
)
def test_weight_index_names_each_classic_slip(slip, words):
    result = assert_fails(checks.check_weight_index(slip), *words)
    assert "thetas[l - 1][i - 1, j]" not in str(result)  # the first hint never gives the answer
    assert "thetas[l - 1][i - 1, j]" in result.more()  # the fix is there on request


def test_weight_index_table_names_every_slip_on_the_first_case():
    label, thetas, (l, i, j), _ = _weight_index_cases()[0]
    table = mistakes.weight_index_table(thetas, l, i, j)
    values = [v for v, _ in table]
    assert None not in values and len(set(values)) == len(values)  # each slip its own number
    for value, mistake in table:
        fixed = {(l, i, j): value}
        result = checks.check_weight_index(lambda t, a, b, c: fixed.get((a, b, c), 0.0))
        assert_fails(result, mistake.explanation)


def test_weight_index_decodes_a_weight_outside_the_table():
    # thetas[l - 1][j, i - 1] reads an entry no classic slip reads: the message says which one
    result = checks.check_weight_index(lambda t, l, i, j: t[l - 1][j, i - 1])
    assert_fails(result, "which is Θ_", "not Θ_")


@pytest.mark.parametrize(
    "crash, words",
    [
        (lambda t, l, i, j: t[l - 1, i - 1, j], ["pick the matrix first"]),
        (lambda t, l, i, j: t[5][i - 1, j], ["which list index holds Θ^(l)"]),
        (lambda t, l, i, j: t[l - 1][i + 5, j], ["Which row belongs to unit i"]),
        (lambda t, l, i, j: t[l - 1][i - 1, j + 5], ["Which column belongs to unit j"]),
    ],
)
def test_weight_index_crashes_get_index_hints(crash, words):
    assert_fails(checks.check_weight_index(crash), *words)


def test_weight_index_hard_coded_names_do_not_pass():
    # the self-naming weights (Θ_21^(1) = 1.21) cannot be guessed from l, i, j alone
    assert_fails(checks.check_weight_index(lambda t, l, i, j: l + i / 10 + j / 100), "should be")


def test_self_naming_network_names_itself():
    thetas = self_naming_network([3, 4, 4, 2])
    assert [t.shape for t in thetas] == [(4, 4), (4, 5), (2, 5)]
    assert (
        abs(weight(thetas, 1, 2, 1) - 1.21) < 1e-12 and abs(weight(thetas, 3, 2, 0) - 3.2) < 1e-12
    )


@pytest.mark.parametrize("bad", CRASHES)
def test_weight_index_broken_code_gets_feedback(bad):
    result = checks.check_weight_index(bad)
    assert not result.passed and result.message and FAIL_MARK in str(result)


# --- Exercise 2.1: h for x = (0, 0), predicted --------------------------------------------------


def h_zero_by_hand():
    theta1, theta2 = hand_made_network()
    a2 = nn.sigmoid(theta1 @ np.array([1.0, 0.0, 0.0]))
    return float(nn.sigmoid(theta2 @ np.concatenate([[1.0], a2]))[0])


@pytest.mark.parametrize(
    "answer", [h_zero_by_hand(), 0.5317, 0.532, 0.531, 0.53, np.array([0.5317])]
)
def test_zero_input_accepts_the_answer_as_typed(answer):
    result = checks.check_zero_input(answer)
    assert result.passed, str(result)
    assert "bias" in result.message


def test_zero_input_answer_is_the_package_forward_pass():
    h = nn.forward(hand_made_network(), np.zeros((1, 2))).h[0, 0]
    assert abs(h - h_zero_by_hand()) < 1e-15 and abs(h - 0.5317) < 5e-5


@pytest.mark.parametrize(
    "answer, words",
    [
        (0.5, ["g(0)", "bias units still do", "keep three decimals"]),
        (0, ["never outputs 0"]),
        (0.4256, ["hidden units were taken as 0"]),
        (0.426, ["hidden units were taken as 0"]),  # rounded to the three decimals asked for
        (0.5866, ["bias units are left out"]),
        (0.127, ["output's sigmoid is missing"]),
        (0.5025, ["hidden units' sigmoid is missing"]),
        (0.605, ["bias weight Θ_10^(2) is missing"]),
        (0.4898, ["row 0 of Θ^(1)", "column 0"]),
    ],
)
def test_zero_input_names_the_classic_slips(answer, words):
    result = assert_fails(checks.check_zero_input(answer), *words)
    assert "0.5317" not in str(result) and "0.532" not in str(result)  # no answer in the feedback


def test_zero_input_table_names_every_slip():
    for value, mistake in mistakes.zero_input_table(hand_made_network()):
        assert_fails(checks.check_zero_input(value), mistake.explanation)


@pytest.mark.parametrize(
    "answer, words",
    [
        (None, ["not attempted"]),
        ("0.53", ["text"]),
        ([0.5, 0.5], ["not a number"]),
        (0.6, ["is not h"]),
    ],
)
def test_zero_input_odd_answers(answer, words):
    assert_fails(checks.check_zero_input(answer), *words)


# --- Exercise 3.1: J for one confident mistake --------------------------------------------------


@pytest.mark.parametrize(
    "answer",
    [
        -(np.log(0.001) + 3 * np.log(0.999)) / 4,
        -np.log(0.001) / 4,  # the three right answers' costs of about 0.001 left out: fine
        1.727,
        1.728,
        1.73,
        np.float32(1.7277),
    ],
)
def test_confident_mistake_accepts_the_answer(answer):
    result = checks.check_confident_mistake(answer)
    assert result.passed, str(result)
    assert "log 2" in result.message


@pytest.mark.parametrize(
    "answer, words",
    [
        (0.25, ["error rate"]),
        (6.908, ["the wrong instance's cost", "average"]),
        (6.911, ["sum of all 4"]),
        (0.75, ["base-10"]),
        (-1.727, ["sign is flipped"]),
        (0.2495, ["mean squared error"]),
        (0.693, ["answers 0.5 for everything"]),
        (0.001, ["as if its label were 0"]),
    ],
)
def test_confident_mistake_names_the_classic_slips(answer, words):
    result = assert_fails(checks.check_confident_mistake(answer), *words)
    said = str(result).replace(f"{answer:.4g}", "")  # the learner's own number is echoed
    assert "1.727" not in said and "1.728" not in said


def test_confident_mistake_table_names_every_slip():
    for value, mistake in mistakes.confident_mistake_table():
        assert_fails(checks.check_confident_mistake(value), mistake.explanation)


# --- the judge of typed numbers ------------------------------------------------------------------


def slip(key, value):
    return value, Mistake(key, f"slip {key}.", f"hint {key}")


def judge(answer, want, table):
    """The NOT YET result of judging ``answer`` (or None when it is right)."""
    try:
        judge_typed_number(float(answer), answer, want, table, "h", hint="generic")
    except Exception as stopped:  # the checker's stop: a LearnerError carrying the result
        return stopped.result
    return None


def test_judge_names_an_exact_slip_and_allows_for_rounding():
    r = judge(0.5, 0.52, [slip("half", 0.5)])
    assert "slip half." in r.message and "If you rounded a longer number to 0.5" in r.message
    r = judge(0.5, 0.62, [slip("half", 0.5)])
    assert "slip half." in r.message and "If you rounded" not in r.message  # 0.62 is not 0.5


def test_judge_asks_for_digits_when_a_slip_rounds_the_same():
    r = judge(0.50, 0.5017, [slip("near", 0.4981)])
    assert "too rounded to tell" in r.message and "keep" in r.hint.lower()
    assert judge(0.502, 0.5017, [slip("near", 0.4981)]) is None  # three decimals tell them apart


def test_judge_names_a_slip_within_the_rounding_of_the_decimals_typed():
    assert "slip a." in judge(0.426, 0.53, [slip("a", 0.42556)]).message
    assert judge(0.427, 0.53, [slip("a", 0.42556)]).hint == "generic"


def test_judge_names_no_slip_that_a_coarse_answer_cannot_single_out():
    assert "slip a." in judge(0.6, 0.8, [slip("a", 0.62)]).message  # one slip that close
    r = judge(0.5, 0.8, [slip("a", 0.52), slip("b", 0.53)])  # two: name neither
    assert r.message.endswith("is not h") and r.hint == "generic"


def test_judge_returns_on_a_right_answer():
    assert judge(0.5317, 0.5317, [slip("half", 0.5)]) is None
    assert judge(0.53, 0.5317, [slip("half", 0.5)]) is None


# --- answers typed in odd forms, across the prediction checkers --------------------------------


def test_weight_index_names_a_row_or_matrix_returned_for_one_weight():
    for slip, words in [
        (lambda t, l, i, j: t[l - 1][i - 1], ["a row or column of Θ^(l)", "not one weight"]),
        (lambda t, l, i, j: t[l - 1], ["the whole matrix Θ^(l)", "not one weight"]),
    ]:
        result = assert_fails(checks.check_weight_index(slip), *words)
        assert "one instance per row" not in str(result)  # not the hint for batch arrays


@pytest.mark.parametrize("hedge", ["c and d", "c, d", "c or d", "c d e", "C OR D"])
def test_a_choice_with_several_letters_is_not_an_answer(hedge):
    assert_fails(checks.check_equal_weights(hedge), "more than one choice", "one letter")


@pytest.mark.parametrize("answer", ["c", "(C)", "c)", "(C) every row of D^(1) is the same"])
def test_a_choice_written_out_passes(answer):
    assert checks.check_equal_weights(answer).passed


@pytest.mark.parametrize("answer", [0.338, 0.335, 0.34, 0.32])
def test_double_gradient_is_judged_at_the_precision_typed(answer):
    assert_fails(checks.check_double_gradient(answer), "predicted_rd")


@pytest.mark.parametrize("answer", [0.33, 0.333, 0.3333, 1 / 3, Fraction(1, 3), np.float32(1 / 3)])
def test_double_gradient_accepts_one_third_however_typed(answer):
    assert checks.check_double_gradient(answer).passed


def test_ragged_or_boolean_answers_are_named_not_crashed_on():
    for result, words in [
        (checks.check_bug_layers([1, [2]]), ["not a set of layer numbers"]),
        (checks.check_bug_layers({True, 2}), ["True or False"]),
        (checks.check_digit_network([64, [25], 10], 1885), ["not a list of unit counts"]),
    ]:
        assert_fails(result, *words)
        assert "could not finish" not in str(result)


def test_whole_number_answers_get_a_whole_number_example():
    result = assert_fails(checks.check_gradapprox_count([230]), "not a number", "e.g. 3")
    assert "0.25" not in str(result)


@pytest.mark.parametrize(
    "answer, passes",
    [(6.93, True), (Fraction(693, 100), True), ([6.93], False), ((6.93,), False)],
)
def test_initial_cost_reads_numbers_as_the_other_predictions_do(answer, passes):
    assert checks.check_initial_cost(answer).passed is passes


@pytest.mark.parametrize("answer", [1.72, 1.725])
def test_a_cut_off_answer_is_called_close_not_wrong(answer):
    assert_fails(checks.check_confident_mistake(answer), "close to J", "Round at the end")


def test_one_instance_returned_as_a_matrix_is_named():
    def blame_step(theta, delta_next, a):
        return ((delta_next @ theta[:, 1:]) * a * (1 - a))[None, :]

    result = assert_fails(checks.check_blame_step(blame_step), "a 1-D array")
    assert "one instance per row" not in str(result)
