"""Check cells name what they check: a checker given a name looks it up where it was called from."""

import nbformat
import numpy as np
import pytest
from conftest import assert_fails
from nbclient import NotebookClient

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks._base import FAIL_MARK, PASS_MARK


def sigmoid_gradient(z):  # a module-level (global) learner function
    a = nn.sigmoid(z)
    return a * (1 - a)


def test_a_global_name_is_looked_up():
    assert checks.check_sigmoid_gradient("sigmoid_gradient").passed


def test_a_local_name_is_looked_up_and_wins_over_a_global():
    sigmoid_gradient = nn.sigmoid  # noqa: F841  (the checker finds it by name)
    r = checks.check_sigmoid_gradient("sigmoid_gradient")
    assert not r.passed and "g(z) itself" in r.message


def test_an_undefined_name_says_run_the_exercise_cell_first():
    r = checks.check_backprop("my_backprop")
    assert not r.passed and FAIL_MARK in str(r)
    assert r.message == "`my_backprop` is not defined yet: run the exercise cell above first"


def test_answers_are_looked_up_by_name_too():
    answer = 0.0891  # noqa: F841
    assert checks.check_delta_by_hand("answer").passed
    digit_layer_sizes, n_weights = [64, 25, 10], 1885  # noqa: F841
    assert checks.check_digit_network("digit_layer_sizes", "n_weights").passed
    r = checks.check_digit_network("digit_layer_sizes", "n_weight")
    assert not r.passed and "`n_weight` is not defined yet" in r.message


def test_the_object_itself_is_still_accepted():
    assert checks.check_sigmoid_gradient(sigmoid_gradient).passed
    assert checks.check_delta_by_hand(0.0891).passed
    assert checks.check_most_blamed(2, 1).passed


def test_a_one_letter_multiple_choice_answer_is_the_answer_not_a_name():
    assert checks.check_negative_cost("b").passed
    mistake = "b"  # noqa: F841
    assert checks.check_negative_cost("mistake").passed
    assert "`my_mistake` is not defined yet" in checks.check_negative_cost("my_mistake").message


def test_a_string_that_is_not_a_name_is_an_object():
    r = checks.check_sigmoid_gradient("not a function")
    assert not r.passed and "expected a function" in r.message


def test_a_wrong_call_is_feedback_too():
    r = checks.check_cost()
    assert not r.passed and "called the wrong way" in r.message


def test_names_in_a_notebook_kernel():
    """Run through a real kernel: before the exercise cell, after it, and from inside a function."""
    cells = [
        "from nnbp_helpers import checks\nimport nnbp_helpers as nn",
        'checks.check_sigmoid_gradient("sigmoid_gradient")',
        "def sigmoid_gradient(z):\n    a = nn.sigmoid(z)\n    return a * (1 - a)",
        'checks.check_sigmoid_gradient("sigmoid_gradient")',
        'def run():\n    mine = nn.sigmoid\n    return checks.check_sigmoid_gradient("mine")\n'
        "run()",
    ]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    text = [
        next(o for o in c.outputs if o.output_type == "execute_result")["data"]["text/plain"]
        for c in nb.cells[1:]
        if c.source.startswith(("checks", "def run"))
    ]
    assert FAIL_MARK in text[0] and "`sigmoid_gradient` is not defined yet" in text[0], text[0]
    assert PASS_MARK in text[1], text[1]
    assert FAIL_MARK in text[2] and "g(z) itself" in text[2], text[2]


def test_every_checker_takes_names():
    """Every public checker resolves a name given for each of its learner inputs."""
    import inspect

    for name in checks.__all__:
        check = getattr(checks, name)
        if not name.startswith("check_"):
            continue
        learner = [p for p in inspect.signature(check).parameters.values() if p.default is p.empty]
        r = check(*[f"undefined_{p.name}" for p in learner])
        assert not r.passed and "is not defined yet" in r.message, (name, r)


@pytest.mark.parametrize(
    "check, name",
    [
        ("check_sigmoid_gradient", "sigmoid_gradient"),
        ("check_forward", "forward"),
        ("check_one_hot", "one_hot"),
        ("check_cost", "cost"),
        ("check_backprop", "backprop"),
        ("check_numerical_gradient", "numerical_gradient"),
        ("check_init_weights", "init_weights"),
    ],
)
def test_the_package_handed_in_as_the_answer_does_not_pass(check, name):
    """A check cell run on the package's own function, or on a function that only calls it, is
    NOT YET ("not your own code"): the exercise asks for the learner's code. Given the function
    itself, as these tests do elsewhere, the checkers still accept the reference."""
    for cell in [
        f"{name} = nn.{name}",
        f"def {name}(*args, **kwargs):\n    return nn.{name}(*args, **kwargs)",
    ]:
        namespace = {"nn": nn, "checks": checks, "np": np}
        exec(cell, namespace)
        exec(f'result = checks.{check}("{name}")', namespace)
        assert_fails(namespace["result"], "not your own code", "write the function yourself")
