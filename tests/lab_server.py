"""A Jupyter server (JupyterLab or Notebook 7) on 127.0.0.1 for the browser tests,
and small helpers.

``serve(app, folder, tmp_path)`` starts ``jupyter lab`` or ``jupyter notebook`` on ``folder`` with
its own settings, runtime and config directories (no news pop-ups, the preferred kernel started
without asking) and yields the base URL and token; whatever happens, the server and its kernels are
shut down.
"""

import contextlib
import http.client
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest
from browser_tools import CHROMIUM_ARGS, chromium_or_skip, free_port  # noqa: F401 (re-exported)

SERVER_START_S = 90  # a busy 2-core machine can be slow to import JupyterLab


def chromium():
    """Debian's Chromium for Playwright; skip without it, except under CI=true, where it fails."""
    return chromium_or_skip("the browser test")


def get(url, timeout=5):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


def kernels_idle(base, token):
    """True when the server runs at least one kernel and every kernel is idle."""
    kernels = json.loads(get(f"{base}/api/kernels?token={token}")[1])
    return bool(kernels) and all(k.get("execution_state") == "idle" for k in kernels)


def wait_until(predicate, timeout, what, poll=0.25):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = predicate()
            if last:
                return last
        except Exception as exc:  # the page may be mid-update
            last = exc
        time.sleep(poll)
    pytest.fail(f"timed out after {timeout} s waiting for {what} (last: {last!r})")


@contextlib.contextmanager
def serve(app, folder, tmp_path):
    """``app`` is "lab" or "notebook";
    yields (base_url, token) of a server whose root is ``folder``."""
    settings = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # No news or update pop-ups over the notebook in the screenshots.
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    # Start the notebook's own kernel without asking (as "Always start the preferred kernel" would).
    tracker = tmp_path / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(
        json.dumps({"autoStartDefaultKernel": True})
    )
    env = dict(
        os.environ,
        JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "settings"),
        JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"),
        JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
    )
    extra = (
        ["--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"] if app == "lab" else []
    )
    proc, base, token = _start(app, folder, env, extra, tmp_path / f"jupyter-{app}.log")
    try:
        yield base, token
    finally:
        # Ask the server to stop its kernels and itself;
        # then make sure the whole process group is gone.
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST")
            urllib.request.urlopen(req, timeout=5)
        except OSError:
            pass
        _stop(proc)


def _stop(proc):
    """The server's whole process group gone: politely, then by signals."""
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _start(app, folder, env, extra, log_path, attempts=3):
    """Start ``jupyter app`` on a free port and wait until it answers: (process, base URL, token).

    A port found free can be taken before the server binds it (a kernel's ZeroMQ socket, on a
    busy machine): then whatever holds it answers in a protocol that is not HTTP, or the server
    exits unable to bind; either way the server is started again on another port."""
    for attempt in range(attempts):
        port, token = free_port(), os.urandom(16).hex()
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "jupyter",
                    app,
                    "--no-browser",
                    "--ip=127.0.0.1",
                    f"--port={port}",
                    "--port-retries=0",
                    f"--IdentityProvider.token={token}",
                    f"--ServerApp.root_dir={folder}",
                    "--ServerApp.open_browser=False",
                ]
                + extra
                + (["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
                cwd=folder,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + SERVER_START_S
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                if get(f"{base}/api/status?token={token}")[0] == 200:
                    return proc, base, token
            except OSError:  # not up yet (connection refused or closed early)
                pass
            except http.client.HTTPException:  # not a web server on that port: someone else's
                break
            time.sleep(0.5)
        log_text = log_path.read_text(errors="replace")[-3000:]
        taken = proc.poll() is None or "already in use" in log_text or "not available" in log_text
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
        _stop(proc)
        if time.monotonic() >= deadline:
            pytest.fail(f"jupyter {app} did not answer within {SERVER_START_S} s:\n{log_text}")
        if not taken or attempt == attempts - 1:
            pytest.fail(f"jupyter {app} exited with code {proc.returncode}:\n{log_text}")
