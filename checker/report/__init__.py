"""Stage 5: report findings. Each output format is a small module behind ``Reporter``."""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TextIO

from ..model import FactlintError, Finding, Severity

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

    ``rules`` is there for formats that describe the facts themselves (SARIF's rule list): anything
    with ``lookup(rule_id) -> (Fact, RuleSet) | None``, a run's ``Pipeline`` or one ``RuleSet``.
    """

    name: ClassVar[str]

    def __init__(self, out: TextIO, rules: "RuleSet | None" = None) -> None:
        self.out = out
        self.rules = rules
        self.errors: list[FactlintError] = []

    @abstractmethod
    def file(self, path: str, findings: list[Finding]) -> None:
        ...

    def error(self, error: FactlintError) -> None:
        """A file that could not be checked, or a rule error. The run writes it to stderr too; a
        format that CI shows (annotations, SARIF, JUnit) must show it as well, or a broken article
        or rule file passes unnoticed there."""
        self.errors.append(error)

    @property
    def fail_level(self) -> Severity:
        """The lowest severity that fails the run (a run's ``Pipeline`` knows its settings)."""
        settings = getattr(self.rules, "settings", None)
        return Severity.parse(getattr(settings, "fail_level", None) or "error")

    @property
    def root(self) -> Path:
        """The project root (``discover.project_root``): what report paths are relative to."""
        settings = getattr(self.rules, "settings", None)
        if settings is None:
            return Path.cwd()
        from ..discover import project_root

        return project_root(settings)

    def close(self, summary: Summary) -> None:  # noqa: B027 - most formats need no epilogue
        """Write what comes after the last file."""


FORMATS: dict[str, tuple[str, str]] = {  # name -> (module, class): only the chosen one is imported
    "text": ("text", "TextReporter"),
    "json": ("json_", "JsonReporter"),
    "github": ("github", "GithubReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
    "full": ("full", "FullReporter"),
}


def reporter(name: str) -> type[Reporter]:
    import importlib

    module, cls = FORMATS[name]
    return getattr(importlib.import_module(f".{module}", __name__), cls)


def reporters() -> dict[str, type[Reporter]]:
    return {name: reporter(name) for name in FORMATS}
