"""Run factlint in-process on small articles, against the real seed-story rules by default."""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.cli import main

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
SEED_STORY = "stoltenberg-seoul-2023"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def findings(self) -> list[str]:
        """The finding lines (the last stdout line is the summary)."""
        return self.out.splitlines()[:-1]


@pytest.fixture(autouse=True, scope="session")
def _cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Runs share one result cache, as a user's runs do, but not the checkout's."""
    import os

    os.environ["FACTLINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("factlint-cache"))


def run(*args: str) -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def lint(tmp_path: Path):
    """lint(text, name='a.txt', rules=None, *flags) -> Run; ``rules`` is YAML text or None (seed rules)."""

    def _lint(text: str | bytes, name: str = "a.txt", rules: str | None = None, *flags: str) -> Run:
        article = tmp_path / name
        article.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        story: tuple[str, ...] = ("--story", SEED_STORY)  # an article of the seed story, wherever it lies
        rule_path = RULES
        if rules is not None:
            rule_path = tmp_path / "rules.yaml"
            rule_path.write_text(rules, encoding="utf-8")
            story = ()
        return run("check", "--rules", str(rule_path), *story, *flags, str(article))

    return _lint


def where(r: Run, path_suffix: str = "") -> list[tuple[int, int, str, str]]:
    """(line, column, severity, fact id) of each finding."""
    result = []
    for line in r.findings:
        head, _, rest = line.partition(": ")
        parts = head.rsplit(":", 2)
        sev, rule, _ = rest.split(" ", 2)
        result.append((int(parts[1]), int(parts[2]), sev, rule))
    return result
