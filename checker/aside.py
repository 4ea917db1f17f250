"""Work done in a forked child while this process gets on with its own.

Start-up has parts that do not depend on each other: checking the rule files against the
schema (with jsonschema's import), converting Chinese terms between scripts (OpenCC loads
its dictionaries), and compiling the date patterns the workers will share. On two cores
the first two can run beside the third instead of before it.

The child's answer comes back pickled through a pipe. Whatever goes wrong there (no fork on
this platform, other threads running, the child failing, dying or taking too long), the work
is simply done again here, where its errors are raised as usual: the answer never depends on
where it was computed.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import threading
import time
from typing import Callable, Generic, TypeVar

T = TypeVar("T")

PATIENCE = 60.0  # seconds; the work takes a tenth of one, so a child this late is stuck


class Aside(Generic[T]):
    """``work()`` started in a child process now; ``result()`` is its return value."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._child: tuple[int, int] | None = None  # (pid, read end of the pipe)
        # Forking while another thread holds a lock would leave the child waiting for it forever.
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: answer, then leave without running the parent's exit handlers
            os.close(read)
            code = 1
            try:
                _write_all(write, pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL))
                code = 0
            finally:
                os._exit(code)
        os.close(write)
        self._child = pid, read

    def result(self) -> T:
        if self._child is None:
            return self._work()
        pid, read = self._child
        self._child = None
        data = _read_all(read)
        if data is None:
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        if data is not None and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
            with contextlib.suppress(pickle.UnpicklingError, EOFError):  # garbled: do the work here
                return pickle.loads(data)  # type: ignore[no-any-return]
        return self._work()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]
    os.close(fd)


def _read_all(fd: int) -> bytes | None:
    """Everything the child writes, or None when it is not done within PATIENCE."""
    chunks = []
    deadline = time.monotonic() + PATIENCE
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
    finally:
        os.close(fd)
