"""``--output-format full``: each finding with its article line and a caret under the flagged words,
in colour on a terminal, as ruff's default view. The default on a terminal; ``text`` (one line a
finding) stays the default for pipes and CI.

Colour follows the conventions: ``--color never|always|auto``; with ``auto``, ``NO_COLOR`` (set and
not empty) turns it off, ``FORCE_COLOR`` on, else a terminal has it. The article's line is shown as
the file holds it, with control characters escaped as in every other format; a wide character (CJK)
takes two columns of the caret line.
"""
from __future__ import annotations

import os
import unicodedata
from typing import TYPE_CHECKING, TextIO

from ..article import BOM, LINE_BREAK
from ..model import Finding, Severity
from . import Reporter, Summary
from .text import safe, summary_line

if TYPE_CHECKING:
    from ..rules import RuleSet

COLOURS = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
BOLD, DIM, RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"


def colour_wanted(choice: str | None, out: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


class FullReporter(Reporter):
    name = "full"

    def __init__(self, out: TextIO, rules: "RuleSet | None" = None, color: str | None = None) -> None:
        super().__init__(out, rules)
        self.colour = colour_wanted(color or os.environ.get("FACTLINT_COLOR"), out)

    def _paint(self, code: str, text: str) -> str:
        return f"{code}{text}{RESET}" if self.colour else text

    def file(self, path: str, findings: list[Finding]) -> None:
        lines = _lines(path) if findings else None
        for f in findings:
            head = f"{safe(f.path)}:{f.start.line}:{f.start.column}:"
            self.out.write(f"{self._paint(BOLD, head)} {self._paint(COLOURS[f.severity], str(f.severity))} "
                           f"{self._paint(BOLD, f.rule_id)} {safe(f.message)}\n")
            if lines is not None and 1 <= f.start.line <= len(lines):
                line = lines[f.start.line - 1]
                gutter = f"{f.start.line} | "
                before = safe(line[:f.start.column - 1])
                end = f.end.column - 1 if f.end.line == f.start.line else len(line)
                marked = safe(line[f.start.column - 1:max(end, f.start.column)])
                self.out.write(self._paint(DIM, gutter) + safe(line) + "\n")
                caret = " " * _width(before) + "^" * max(1, _width(marked))
                self.out.write(" " * len(gutter) + self._paint(COLOURS[f.severity], caret) + "\n")
            self.out.write("\n")

    def close(self, summary: Summary) -> None:
        self.out.write(summary_line(summary) + "\n")


def _lines(path: str) -> list[str] | None:
    """The file's lines as positions count them (CR, LF and CRLF end lines; a BOM is no column)."""
    if not os.path.isfile(path):  # standard input, a pipe: the one-line view alone
        return None
    try:
        with open(path, "rb") as f:
            raw = f.read(64 * 1024 * 1024)
    except OSError:
        return None
    text = raw.decode("utf-8", errors="replace")
    if text.startswith(BOM):
        text = text[1:]
    return LINE_BREAK.split(text)
