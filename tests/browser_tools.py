"""What the tests that start a server and drive it in headless Chromium share: the browser's flags,
where Chromium is, and a free port on 127.0.0.1."""

import importlib.util
import os
import shutil
import socket

import pytest
from conftest import IN_CI

# Headless, and none of Chromium's own background connections (no network here for them).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_or_skip(what: str, *modules: str) -> str:
    """Chromium's path, if it and the Python ``modules`` are there; else skip the test, or fail it
    under ``CI=true`` (CI must run it), saying what is missing."""
    # find_spec, not import: whether a package is there is all this needs to know
    missing = [
        f"{name} (pip install -r requirements/test.txt)"
        for name in ("playwright", *modules)
        if importlib.util.find_spec(name) is None
    ]
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        missing.append("Debian's chromium (apt-get install chromium; .ci/run does it)")
    if not missing:
        return path
    why = f"{what} needs " + ", ".join(missing)
    if IN_CI:
        pytest.fail(f"CI=true but {why}")
    pytest.skip(why)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
