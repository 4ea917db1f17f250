"""Archive audits: the same check as ``factlint check``, mapped over partitions on an engine.

The work is a map: each partition (``checker.archive.Part``) is checked by a worker that builds
one ``api.Checker`` per job and process, and gives back only what the report needs (the articles
with findings or errors, and the paths of the clean ones). Engines run that map and nothing else,
behind one interface (``Engine``): ``local`` (this machine's processes) and ``dask`` (a Dask
cluster, ``pip install 'factlint[dask]'``). The caller sorts the results as ``check`` sorts them.
"""
from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Iterator

from ..model import FactlintError

if TYPE_CHECKING:
    from ..api import ArticleResult, Checker
    from ..archive import Part
    from ..config import Settings

ENGINES = {"local": ("local", "LocalEngine"), "dask": ("dask", "DaskEngine")}


@dataclass(frozen=True)
class Job:
    """What every partition is checked with: picklable, and small (the rules are loaded by each
    worker from their files, once per job: ``token`` tells jobs apart)."""

    token: str
    settings: "Settings"
    story: str | None = None
    since: dt.date | None = None


@dataclass
class PartResult:
    number: int
    results: "list[ArticleResult]" = field(default_factory=list)  # with findings, an error, or skipped
    clean: list[str] = field(default_factory=list)  # checked, nothing found: their paths alone


_CHECKERS: "dict[str, Checker]" = {}  # per worker process: the checkers of the jobs it last worked for
KEPT = 2  # jobs whose checkers a worker keeps (two audits may share a cluster)


def checker_of(job: Job) -> "Checker":
    """The job's checker in this process, built once: the rule index and each story's rules are
    loaded on the first partition that needs them, and kept for the next."""
    found = _CHECKERS.pop(job.token, None)
    if found is None:
        from ..api import Checker

        found = Checker(job.settings, job.story)
    _CHECKERS[job.token] = found  # the most recent last
    while len(_CHECKERS) > KEPT:
        del _CHECKERS[next(iter(_CHECKERS))]
    return found


def lost(part: "Part", why: str) -> PartResult:
    """A partition no worker could finish: one error naming its articles, counted as unreadable."""
    from ..api import ArticleResult

    where, what = part.describe()
    error = FactlintError(f"{what} could not be checked: {why}", where)
    return PartResult(part.number, [ArticleResult(where, error=error, checked=False)])


def check_part(job: Job, part: "Part") -> PartResult:
    """Check one partition. Rule errors raise (the audit stops, exit 2, as ``check`` does); an
    article's or a record's own problem is its result's error."""
    from ..api import ArticleResult
    from ..archive import Record, records_of
    from ..run import read

    checker = checker_of(job)
    out = PartResult(part.number)

    def keep(result: ArticleResult) -> None:
        if result.findings or result.error is not None or result.skipped is not None:
            out.results.append(result)
        else:
            out.clean.append(result.path)

    for shown, full in part.files:
        try:
            raw = read(full)
        except FactlintError as e:
            keep(ArticleResult(shown, error=FactlintError(e.message, shown, e.line, e.column), checked=False))
            continue
        keep(checker.check(shown, raw, since=job.since, compare_source=True))
    for item in records_of(part):
        if isinstance(item, Record):
            keep(checker.check(item.path, item.text, story=item.story, lang=item.lang, date=item.date,
                               since=job.since))
        else:
            keep(ArticleResult(item.path or "", error=item, checked=False))
    return out


class Engine(ABC):
    """Runs ``check_part`` over the partitions; yields each partition's result once, in any order."""

    name: str

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        self.workers = workers
        self.scheduler = scheduler

    @abstractmethod
    def run(self, job: Job, parts: Iterable["Part"]) -> Iterator[PartResult]:
        ...


def engine(name: str, workers: int | None = None, scheduler: str | None = None) -> Engine:
    import importlib

    if name not in ENGINES:
        raise FactlintError(f"--engine: unknown engine '{name}' (known: {', '.join(sorted(ENGINES))})")
    module, cls = ENGINES[name]
    return getattr(importlib.import_module(f".{module}", __package__), cls)(workers, scheduler)
