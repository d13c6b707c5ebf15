"""Run learner code safely: a time limit on each call, and what it prints kept short.

The time limit
--------------
Each call of learner code gets ``time_limit()`` seconds (5 by default; ``set_time_limit(s)`` or the
environment variable ``NNBP_CHECK_TIME_LIMIT`` change it, 0 turns it off). A call that runs longer
is stopped with :class:`TimeUp`, which the checker turns into "your function did not return within N
s".

How the call is stopped depends on where it runs:

* **Linux and macOS, main thread** (a notebook kernel: ipykernel runs every cell on the main
  thread):
  ``signal.setitimer(ITIMER_REAL)`` delivers SIGALRM, whose handler raises :class:`TimeUp`. This
  stops pure-Python loops and also calls blocked in the system (``time.sleep``, ``input()``), which
  are interrupted and then raise. ipykernel uses SIGINT (the Stop button), never SIGALRM, so the two
  do not meet: Stop still raises KeyboardInterrupt, which is never caught here. A timer that was
  armed before (a test runner's, say) is put back with the time it had left.
* **Windows, or any other thread** (SIGALRM does not exist on Windows, and signal handlers can only
  be set on the main thread): a watchdog thread raises :class:`TimeUp` in the calling thread with
  ``PyThreadState_SetAsyncExc``. This stops pure-Python loops, the usual "loop that never ends"; a
  call blocked inside one long C function (``time.sleep``, ``input()``, one huge numpy operation) is
  stopped only when that function returns. The Stop button works as usual.

A learner loop that catches everything (``except BaseException:`` or a bare ``except:``) swallows
the first :class:`TimeUp`; it is raised again every 5 ms until one lands outside the ``try`` and the
call ends. Only code that catches everything at every level of an endless loop cannot be stopped
this way; it cannot be stopped by the Stop button either (it swallows KeyboardInterrupt too):
restart the kernel.

Printed output
--------------
What learner code prints while a checker runs it is kept (the first ``PRINT_LIMIT`` characters) and
counted, not written to the notebook: a function that prints megabytes cannot flood the page.
"""

from __future__ import annotations

import ctypes
import io
import os
import signal
import sys
import threading
import time

DEFAULT_TIME_LIMIT = 5.0
PRINT_LIMIT = 2000  # characters of the learner's printed output kept for the feedback
_REPEAT = 0.005  # seconds between repeated TimeUp for a loop that swallowed the first


class TimeUp(BaseException):
    """Raised inside learner code that ran past its time limit (a BaseException, so that the
    learner's ``except Exception`` does not swallow it)."""


def _from_environment() -> float:
    try:
        return float(os.environ.get("NNBP_CHECK_TIME_LIMIT", DEFAULT_TIME_LIMIT))
    except ValueError:
        return DEFAULT_TIME_LIMIT


_limit = _from_environment()


def time_limit() -> float:
    """The seconds each call of learner code may take (0: no limit)."""
    return _limit


def set_time_limit(seconds: float | None) -> float:
    """Set the seconds each call of learner code may take (None or 0: no limit); returns the old
    value.

    ``checks.set_time_limit(20)`` in a notebook gives slow machines more time. On Linux and macOS a
    call that runs over is stopped wherever it is (a Python loop, or a blocking call such as
    time.sleep); on Windows a Python loop is stopped at the limit, a call blocked inside one C
    function (time.sleep, input(), one huge numpy operation) only once that function returns (see
    the module docstring).
    """
    global _limit
    if seconds is not None and (
        isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds >= 0
    ):
        raise ValueError(f"seconds must be a number ≥ 0 or None, got {seconds!r}")
    old, _limit = _limit, float(seconds or 0.0)
    return old


_guarded = threading.local()  # .active: a guard is running in this thread (no nested limits)


class Guard:
    """The time limit around one call of learner code. Use exactly as::

        guard = Guard(seconds)
        try:
            guard.arm()
            try:
                result = fn(...)
            finally:
                guard.active = False      # first, inline: a late TimeUp is a no-op from here on
                guard.disarm()
        except TimeUp:
            ...

    Setting ``active`` inline (not in a call) matters: Python only runs signal handlers and pending
    asynchronous exceptions at calls and loop jumps, so no TimeUp can arrive between the end of the
    learner's call and that line other than inside the ``try``.
    """

    def __init__(self, seconds: float, force_watchdog: bool = False):
        self.seconds = float(seconds or 0.0)
        self.active = False
        self._mode = None
        self._force_watchdog = force_watchdog

    # --- arming ---------------------------------------------------------------------------------
    def arm(self) -> None:
        if self.seconds <= 0 or getattr(_guarded, "active", False):
            return  # no limit, or an outer guard already limits this call
        _guarded.active = True
        self.active = True
        on_main = threading.current_thread() is threading.main_thread()
        if hasattr(signal, "setitimer") and on_main and not self._force_watchdog:
            self._arm_alarm()
        else:
            self._arm_watchdog()

    def _arm_alarm(self) -> None:
        self._mode = "alarm"

        def on_alarm(signum, frame):
            if self.active:
                raise TimeUp(self.seconds)

        self._old_handler = signal.signal(signal.SIGALRM, on_alarm)
        self._start = time.monotonic()
        self._old_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds, _REPEAT)

    def _arm_watchdog(self) -> None:
        self._mode = "watchdog"
        self._lock = threading.Lock()
        self._wake = threading.Event()
        target = threading.get_ident()

        def watch():
            delay = self.seconds
            while not self._wake.wait(delay):
                with self._lock:
                    if not self.active:
                        return
                    _raise_in(target, TimeUp)
                delay = _REPEAT

        self._thread = threading.Thread(target=watch, name="nnbp-check-time-limit", daemon=True)
        self._thread.start()

    # --- disarming ------------------------------------------------------------------------------
    def disarm(self) -> None:
        self.active = False
        mode, self._mode = self._mode, None
        if mode is None:
            return
        _guarded.active = False
        if mode == "alarm":
            signal.setitimer(signal.ITIMER_REAL, 0)
            interrupted = None
            for _ in range(
                3
            ):  # a pending KeyboardInterrupt runs inside signal.signal: still restore
                try:
                    signal.signal(signal.SIGALRM, self._old_handler)
                    break
                except KeyboardInterrupt as exc:
                    interrupted = exc
            delay, interval = self._old_timer
            if delay:  # someone else's timer was running: give it back what it had left
                left = delay - (time.monotonic() - self._start)
                signal.setitimer(signal.ITIMER_REAL, max(left, 1e-3), interval)
            if interrupted is not None:
                raise interrupted
        else:
            with self._lock:  # the watchdog injects only while holding the lock and active
                _raise_in(threading.get_ident(), None)  # drop a TimeUp sent but not yet raised
            self._wake.set()


def _raise_in(thread_id: int, exc_type) -> None:
    """Raise ``exc_type`` in the thread ``thread_id`` at its next bytecode (None: cancel a pending
    one)."""
    set_async = getattr(getattr(ctypes, "pythonapi", None), "PyThreadState_SetAsyncExc", None)
    if set_async is None:  # not CPython: no way to stop the call; it runs to its end
        return
    set_async(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else ctypes.c_void_p(0)
    )


# --- printed output -----------------------------------------------------------------------------


class CappedText(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters written to it and counts the rest."""

    def __init__(self, limit: int = PRINT_LIMIT):
        super().__init__()
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.total = 0

    def writable(self) -> bool:
        return True

    def write(self, text) -> int:
        text = text if isinstance(text, str) else str(text)
        self.total += len(text)
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def summary(self, max_lines: int = 20) -> str:
        """What was printed, cut to ``max_lines`` lines and ``limit`` characters, with what was left
        out."""
        if not self.total:
            return ""
        text = "".join(self.parts)
        lines = text.splitlines()
        shown = "\n".join(lines[:max_lines])
        left_out = self.total - len(shown) - (1 if len(lines) > max_lines else 0)
        if len(lines) > max_lines or self.total > self.kept:
            shown += f"\n… ({max(left_out, 0):,} more characters not shown)"
        return shown


class capture_output:
    """Send ``sys.stdout`` and ``sys.stderr`` to ``stream`` while learner code runs."""

    def __init__(self, stream: CappedText):
        self.stream = stream

    def __enter__(self):
        self._saved = sys.stdout, sys.stderr
        sys.stdout = sys.stderr = self.stream
        return self.stream

    def __exit__(self, *exc):
        sys.stdout, sys.stderr = self._saved
        return False
