"""The time limit on learner code: both ways of stopping a call, what they leave behind, the Stop
button, and a real notebook kernel. (No timing is asserted: only verdicts.)"""

from __future__ import annotations

import _thread
import signal
import threading
import time

import pytest
from jupyter_client.manager import start_new_kernel

import nnbp_helpers as nn
from nnbp_helpers import checks
from nnbp_helpers.checks import _limits
from nnbp_helpers.checks._base import FAIL_MARK


def forever(z):
    while True:
        pass


def right(z):
    a = nn.sigmoid(z)
    return a * (1 - a)


@pytest.fixture
def short_limit():
    old = checks.set_time_limit(0.3)
    yield
    checks.set_time_limit(old)


def test_a_loop_that_never_ends_is_stopped(short_limit):
    r = checks.check_sigmoid_gradient(forever)
    assert not r.passed and "did not return within 0.3 s — a loop that never ends?" in r.message
    assert checks.check_sigmoid_gradient(right).passed  # and the next check runs normally


def test_the_watchdog_thread_stops_a_loop_too(short_limit, monkeypatch):
    """The way Windows (no SIGALRM) and threads other than the main one are served."""
    real = _limits.Guard.__init__
    monkeypatch.setattr(
        _limits.Guard, "__init__", lambda self, s, force_watchdog=False: real(self, s, True)
    )
    r = checks.check_sigmoid_gradient(forever)
    assert not r.passed and "did not return within" in r.message
    assert checks.check_sigmoid_gradient(right).passed


def test_a_check_run_in_another_thread_is_stopped(short_limit):
    results = []
    worker = threading.Thread(target=lambda: results.append(checks.check_sigmoid_gradient(forever)))
    worker.start()
    worker.join(30)
    assert (
        not worker.is_alive() and not results[0].passed and "did not return" in results[0].message
    )


def test_no_limit_is_left_behind(short_limit):
    """The alarm handler and a timer armed before the check (a test runner's, say) are put back."""
    before = signal.getsignal(signal.SIGALRM)
    fired = []
    signal.signal(signal.SIGALRM, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        checks.check_sigmoid_gradient(forever)
        left, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        assert 20 < left < 30 and not fired  # the outer timer still runs, not ours
        assert signal.getsignal(signal.SIGALRM) is not _limits.Guard
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)
    assert not _limits._guarded.__dict__.get("active")


def test_the_stop_button_still_stops_the_cell():
    """KeyboardInterrupt (the Stop button's exception in a kernel) is never turned into feedback."""
    old = checks.set_time_limit(60)
    # interrupt_main does nothing while SIGINT is ignored, as a test that ran earlier in this
    # process may have left it: the Stop button's handler, as in a kernel, for this test.
    handler = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(0.3, _thread.interrupt_main)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            checks.check_sigmoid_gradient(forever)
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, handler)
        checks.set_time_limit(old)
    assert checks.check_sigmoid_gradient(right).passed


def test_a_learner_function_that_calls_a_checker(short_limit):
    def sneaky(z):
        checks.check_sigmoid_gradient(right)
        return right(z)

    assert checks.check_sigmoid_gradient(sneaky).passed


def test_the_limit_is_configurable():
    old = checks.set_time_limit(2)
    try:
        assert checks.time_limit() == 2.0
        with pytest.raises(ValueError):
            checks.set_time_limit(-1)
        checks.set_time_limit(None)
        assert checks.time_limit() == 0.0  # no limit
        assert checks.check_sigmoid_gradient(right).passed
    finally:
        checks.set_time_limit(old)


def _execute(kc, code, timeout=60):
    """Run ``code`` in the kernel; (seconds, text of the result or error)."""
    start = time.perf_counter()
    msg_id = kc.execute(code)
    text = ""
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "execute_result":
            text += content["data"]["text/plain"]
        elif kind == "error":
            text += content["ename"]
        elif kind == "status" and content["execution_state"] == "idle":
            return time.perf_counter() - start, text


def test_in_a_notebook_kernel_a_hang_becomes_feedback_and_stop_still_works():
    km, kc = start_new_kernel(kernel_name="python3")
    try:
        _execute(
            kc,
            "from nnbp_helpers import checks\ncheckers = checks.set_time_limit(1)\ndef "
            "sigmoid_gradient(z):\n    while True:\n        pass",
        )
        seconds, text = _execute(kc, 'checks.check_sigmoid_gradient("sigmoid_gradient")')
        assert FAIL_MARK in text and "did not return within 1 s" in text, text
        print(f"a hung function cost {seconds:.2f} s in the kernel (time limit 1 s)")
        # the Stop button: the kernel's interrupt, while the check waits on a 60 s limit
        _execute(kc, "checks.set_time_limit(60)")
        msg_id = kc.execute('checks.check_sigmoid_gradient("sigmoid_gradient")')
        time.sleep(1.0)
        km.interrupt_kernel()
        errors = []
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "error":
                errors.append(msg["content"]["ename"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert errors == ["KeyboardInterrupt"], errors
        kc.get_shell_msg(timeout=30)  # the interrupted cell's reply
        _, text = _execute(
            kc, "import nnbp_helpers as nn\nchecks.check_sigmoid_gradient(nn.sigmoid_gradient)"
        )
        assert "PASSED" in text, text
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
