"""Conventions a notebook does not meet yet (CONTRIBUTING.md, "Series-wide conventions").

``PENDING[(number, convention)]`` says why notebook ``number`` does not meet ``convention`` yet. Its tests
are then expected failures (strict: once the notebook complies, the test fails until the line is deleted,
so the table never hides a notebook that has caught up). Whoever brings a notebook up to a convention
deletes its line in the same commit.
"""

import pytest

from notebook_files import NOTEBOOKS

NOTEBOOK_06 = "06 is being reworked by its own engineer (issues 12/13 for 06)"
IN_PROGRESS = "being brought up to the convention under issue 13"

PENDING = {
    ("06", "claims"): NOTEBOOK_06,
    ("06", "assert-messages"): NOTEBOOK_06,
    ("06", "line-length"): NOTEBOOK_06,
    ("06", "metadata"): NOTEBOOK_06,
    ("06", "double-run"): NOTEBOOK_06,
    ("06", "figures-alt"): NOTEBOOK_06,
    ("06", "figure-text"): NOTEBOOK_06,
    ("06", "check-names"): NOTEBOOK_06,
    ("06", "check-first"): NOTEBOOK_06,
    ("06", "projector"): NOTEBOOK_06,
    ("06", "output-width"): NOTEBOOK_06,
}


def params(convention):
    """Every notebook as a pytest parameter, an expected failure where ``PENDING`` lists it."""
    out = []
    for path in NOTEBOOKS:
        reason = PENDING.get((path.name[:2], convention))
        marks = [pytest.mark.xfail(reason=f"{path.name}: {reason}", strict=True)] if reason else []
        out.append(pytest.param(path, id=path.stem, marks=marks))
    return out
