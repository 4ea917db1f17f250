"""Data that flows between the pipeline's stages.

Every position is an offset into the article's decoded text (one code point per
character, the raw file with nothing stripped), so line and column are derived
once, at the end, and never by searching for the matched text again.
"""
from __future__ import annotations

import enum
import os
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any


UNCOVERED = "language-not-covered"  # the info finding for an article in a language no rule covers
NO_STORY = "story-not-covered"  # the info finding for an article whose story has no rule file
STORY_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,119}")  # never "/", which joins a story and its fact's id
# What comparing a version with its source reports (checker/versions), one id a kind of value.
VERSION_IDS = frozenset({"version-date", "version-time", "version-number", "version-country", "version-name",
                         "version-member", "version-quote"})
HIDDEN = "hidden-text"  # a bidi control or a mixed-script word in a claim (checker/check.py)
TOOL_IDS = frozenset({"unused-suppression", UNCOVERED, NO_STORY, HIDDEN}) | VERSION_IDS  # ids of factlint's own findings


class Severity(enum.IntEnum):
    """Ordered so that ``--fail-level`` is a plain comparison."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> "Severity":
        return cls[name.upper()]

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, order=True)
class Span:
    """Half-open range of code-point offsets into a document's text."""

    start: int
    end: int

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end


def suffix(path: str) -> str:
    """``PurePath(path).suffix`` in lower case (".md", ".txt", or ""), read from the string: asked
    for every article, and a path object costs more than the rest of a cached article's lookup."""
    name = os.path.basename(path.rstrip("/" + (os.altsep or "") + os.sep))
    if name in ("", ".", "..") or os.altsep and ":" in name:  # odd names: let pathlib say
        return PurePath(path).suffix.lower()
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class Origin:
    """Where something was written in a rule file, for messages that point at it."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class FactlintError(Exception):
    """factlint could not do its job (exit 2); the message names file, line and column."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column

    def __reduce__(self) -> Any:  # as it was built, when a worker process hands it back
        return (type(self), (self.message, self.path, self.line, self.column))

    def __str__(self) -> str:
        """One line for stderr: a file name or a YAML message can neither end it nor steer the terminal."""
        where = [str(p) for p in (self.path, self.line, self.column) if p is not None]
        return printable(f"{':'.join(where)}: {self.message}" if where else self.message)


@dataclass(frozen=True)
class Related:
    """Another place a finding is about: for a version's finding, the source's words."""

    path: str
    start: Position
    end: Position
    message: str = ""


@dataclass(frozen=True)
class Finding:
    """One contradiction between an article and a fact, ready to report."""

    path: str
    start: Position
    end: Position
    rule_id: str
    severity: Severity
    message: str
    found: str
    expected: str
    sources: tuple[str, ...] = ()
    span: Span = field(default=Span(0, 0), compare=False)
    related: tuple[Related, ...] = ()

    def sort_key(self) -> tuple[Any, ...]:
        return (self.path, self.start.line, self.start.column, self.rule_id, self.message)


def printable(text: str) -> str:
    """Control and format characters (line breaks, ANSI escapes, bidi overrides, the surrogates of an
    undecodable file name) written as ``\\uXXXX``, so that no text reaches a terminal raw."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


def show(text: str, limit: int = 80) -> str:
    """Article words as they may appear in a message: one line, no control characters, bounded."""
    text = printable(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def detached(e: FactlintError) -> FactlintError:
    """The error as it was built, without the traceback and the exception it was raised while
    handling: a worker hands it back pickled, and a library that makes exceptions pickle their
    tracebacks (tblib, which Dask installs) would otherwise pickle a deep one, or fail to."""
    make, args = e.__reduce__()
    return make(*args)


class RuleErrors(FactlintError):
    """Several rule errors at once, so an editor fixes them in one go."""

    def __init__(self, errors: list[FactlintError]) -> None:
        super().__init__(errors[0].message, errors[0].path, errors[0].line, errors[0].column)
        self.errors = errors

    def __reduce__(self) -> Any:
        return (RuleErrors, (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
