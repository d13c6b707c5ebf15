"""Conventions a notebook does not meet yet (CONTRIBUTING.md, "Series-wide conventions").

``PENDING[(number, convention)]`` says why notebook ``number`` does not meet ``convention`` yet. Its
tests are then expected failures (strict: once the notebook complies, the test fails until the line
is deleted, so the table never hides a notebook that has caught up). Whoever brings a notebook up to
a convention deletes its line in the same commit.
"""

import pytest
from notebook_files import NOTEBOOKS

PENDING: dict = {}


def params(convention):
    """Every notebook as a pytest parameter, an expected failure where ``PENDING`` lists it."""
    out = []
    for path in NOTEBOOKS:
        reason = PENDING.get((path.name[:2], convention))
        marks = [pytest.mark.xfail(reason=f"{path.name}: {reason}", strict=True)] if reason else []
        out.append(pytest.param(path, id=path.stem, marks=marks))
    return out
