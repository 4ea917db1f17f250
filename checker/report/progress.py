"""A progress line on standard error while many articles are checked on a terminal.

2,000 articles take about 14 s: without it a person sees a blank screen and wonders whether
factlint hangs. It is written for people only: never in a pipe, never in CI (whose logs keep
every carriage return as a line), never with ``-q``. Our own few lines, not tqdm: importing a
library costs start-up time on every run, and a pre-commit hook checking one file pays it too.

The line is redrawn in place with a carriage return, at most ten times a second, and only once
the run has lasted half a second (a quick run shows nothing). It is erased (overwritten with
spaces, which every terminal understands, unlike ANSI erase codes on old Windows consoles)
before anything else is written to standard error or, when an article has findings, to the
report, which on a terminal shares the screen; and erased for good before the summary.
"""
from __future__ import annotations

import os
import time
from typing import Callable, Iterable, Iterator, TextIO, TypeVar

T = TypeVar("T")

DELAY = 0.5  # seconds before the line first appears
INTERVAL = 0.1  # seconds between two redraws at least
MIN_FILES = 2  # "0/1 articles checked" tells nothing the summary does not


def wanted(err: TextIO, quiet: bool = False) -> bool:
    """A person watches standard error: a terminal, outside CI, without -q."""
    isatty = getattr(err, "isatty", None)
    return not quiet and not os.environ.get("CI") and bool(isatty and isatty())


class _Erasing:
    """Standard error as the run writes to it: the progress line is erased first."""

    def __init__(self, progress: "Progress", err: TextIO) -> None:
        self._progress = progress
        self._err = err

    def write(self, text: str) -> int:
        self._progress.erase()
        return self._err.write(text)

    def __getattr__(self, name: str) -> object:  # flush, isatty, encoding...
        return getattr(self._err, name)


class Progress:
    """``for item in progress.track(items)``: counts the items and draws the line between them."""

    def __init__(self, err: TextIO, total: int, *, enabled: bool, report: TextIO | None = None,
                 noun: str = "articles", clock: Callable[[], float] = time.monotonic) -> None:
        self.err = err
        self.total = total
        self.enabled = enabled and total >= MIN_FILES
        self.report = report  # flushed before each draw, so the two streams do not interleave mid-line
        self.noun = noun
        self.clock = clock
        self.done = 0
        self._start = clock()
        self._last: float | None = None  # when the line was last drawn
        self._shown = 0  # length of the line now on the screen, 0 when there is none
        self.stream: TextIO = _Erasing(self, err) if self.enabled else err  # type: ignore[assignment]

    def track(self, items: Iterable[T], writes: Callable[[T], bool] = lambda _: False) -> Iterator[T]:
        """Each item, counted once the loop body has handled it. ``writes(item)`` says whether the
        body may write to the report: the line is erased first."""
        try:
            for item in items:
                if self._shown and writes(item):
                    self.erase()
                yield item
                self.done += 1
                self.tick()
        finally:
            self.erase()

    def tick(self) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if now - self._start < DELAY or (self._last is not None and now - self._last < INTERVAL):
            return
        if self.report is not None:
            self.report.flush()
        line = f"factlint: {self.done:,}/{self.total:,} {self.noun} checked"
        pad = " " * max(0, self._shown - len(line))  # a shorter line covers all of the longer one
        self.err.write("\r" + line + pad)
        self.err.flush()
        self._shown = len(line)
        self._last = now

    def erase(self) -> None:
        if self._shown:
            self.err.write("\r" + " " * self._shown + "\r")
            self.err.flush()
            self._shown = 0
