"""Stage 5: report findings. Each output format is a small module behind ``Reporter``."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, TextIO

from ..model import Finding, Severity

if TYPE_CHECKING:
    from ..rules import RuleSet


@dataclass
class Summary:
    files: int = 0
    files_with_findings: int = 0
    counts: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    unreadable: int = 0

    @property
    def problems(self) -> int:
        return sum(self.counts.values())


class Reporter(ABC):
    """Receives each file's findings in path order, then the summary.

    ``rules`` is there for formats that describe the facts themselves (SARIF's rule list).
    """

    name: ClassVar[str]

    def __init__(self, out: TextIO, rules: "RuleSet | None" = None) -> None:
        self.out = out
        self.rules = rules

    @abstractmethod
    def file(self, path: str, findings: list[Finding]) -> None:
        ...

    def close(self, summary: Summary) -> None:  # noqa: B027 - most formats need no epilogue
        """Write what comes after the last file."""


def reporters() -> dict[str, type[Reporter]]:
    from .github import GithubReporter
    from .json_ import JsonReporter
    from .junit import JunitReporter
    from .sarif import SarifReporter
    from .text import TextReporter

    return {r.name: r for r in (TextReporter, JsonReporter, GithubReporter, SarifReporter, JunitReporter)}
