"""File names as reports may write them (issue 21): a name is bytes the file system allows, and
an article's name may hold what a report must not pass on raw.

``decodable``: a byte that did not decode (kept by Python as a lone surrogate) becomes U+FFFD, so
JSON holds no lone surrogate and XML no character it cannot hold. ``inert``: besides, control,
format and bidi characters (a line break, an ANSI escape, a right-to-left override) are written
as ``\\uXXXX``, so that a GitHub ``file=`` property or a JUnit name can neither start a workflow
command nor reorder what a reader sees.
"""
from __future__ import annotations

from ..model import printable


def decodable(name: str) -> str:
    """The name with each undecodable byte shown as U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def inert(name: str) -> str:
    """The name with undecodable bytes as U+FFFD and control, format and bidi characters as \\uXXXX."""
    return printable(decodable(name))


def github_file(name: str) -> str:
    """The name for a GitHub ``file=`` property: as ``inert``, except line breaks, which GitHub's
    own escaping (%0A, %0D) carries and the runner gives back, so the annotation finds its file."""
    return "".join(ch if ch in "\r\n" else inert(ch) for ch in decodable(name))
