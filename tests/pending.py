"""Conventions a notebook does not meet yet (CONTRIBUTING.md, "Series-wide conventions").

``PENDING[(number, convention)]`` says why notebook ``number`` does not meet ``convention`` yet. Its tests
are then expected failures (strict: once the notebook complies, the test fails until the line is deleted,
so the table never hides a notebook that has caught up). Whoever brings a notebook up to a convention
deletes its line in the same commit.
"""

import pytest

from notebook_files import NOTEBOOKS

CAPSTONE = "06 and 07 belong to the capstone engineer (issues 12/13 for 06, the new 07)"

PENDING = {
    ("06", "output-width"): CAPSTONE,      # printed lines of up to 115 characters
    ("07", "output-width"): CAPSTONE,      # one printed line of 83 characters
    ("07", "projector"): CAPSTONE,         # the cost formula is 645 CSS px wide in a 565 px cell
}


def params(convention):
    """Every notebook as a pytest parameter, an expected failure where ``PENDING`` lists it."""
    out = []
    for path in NOTEBOOKS:
        reason = PENDING.get((path.name[:2], convention))
        marks = [pytest.mark.xfail(reason=f"{path.name}: {reason}", strict=True)] if reason else []
        out.append(pytest.param(path, id=path.stem, marks=marks))
    return out
