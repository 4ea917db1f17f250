"""``factlint audit``: check an archive (folders, JSON Lines, Parquet) on an engine, report as ``check``.

The findings are those of ``factlint check`` on the same articles (the same ``api.Checker`` checks
each), sorted as ``check`` sorts them; only the map over articles runs elsewhere (checker/audit/).
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import pickle
from typing import Any, TextIO

from ..api import ArticleResult, Checker, parse_date
from ..archive import GLOBS, kind_of, plan
from ..audit import Job, engine
from ..config import Settings, load_settings
from ..discover import Skips, parts, project_root, walk
from ..model import FactlintError, RuleErrors
from ..report import reporter
from ..run import check_selectors
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, report_error
from .check import _output, _refuse_overwriting_inputs, _report_errors, _say, _split, tally

FORMATS = ["github", "json", "junit", "sarif", "text"]  # not 'full': an archive's records are not files to show


def _settings(args: argparse.Namespace) -> Settings:
    if args.config is not None and args.no_config:
        raise FactlintError("--config and --no-config contradict each other: give one")
    settings = Settings() if args.no_config else load_settings(formats=FORMATS, config=args.config)
    if args.rules:
        settings.rules, settings.rules_configured = args.rules, True
    for name in ("fail_level", "lang", "output_format"):
        if getattr(args, name):
            setattr(settings, name, getattr(args, name))
    if args.select is not None:
        settings.select = _split(args.select)
    if args.ignore is not None:
        settings.ignore = settings.ignore + (_split(args.ignore) or [])
    if settings.output_format not in FORMATS:
        settings.output_format = "text"
    if not any(os.path.exists(r) for r in settings.rules):
        raise FactlintError(f"no rules to audit against: there is no {settings.rules[0]}{os.sep} here. Give --rules PATH")
    return settings


def _portable(settings: Settings) -> Settings:
    """The settings as a worker needs them wherever it runs: absolute rule paths, the project root named."""
    return dataclasses.replace(settings, rules=[os.path.abspath(r) for r in settings.rules],
                               root=project_root(settings).resolve())


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    settings: Settings | None = None
    try:
        settings = _settings(args)
        since = parse_date(args.since, "--since") if args.since is not None else None
        if args.since is not None and since is None:
            raise FactlintError("--since must be a date such as 2023-01-30, got ''")
        if args.partition_size < 1:
            raise FactlintError(f"--partition-size must be at least 1, got {args.partition_size}")
        if args.workers is not None and args.workers < 1:
            raise FactlintError(f"--workers must be at least 1, got {args.workers}")
        if args.scheduler and args.engine == "local":
            raise FactlintError("--scheduler names a Dask scheduler: give --engine dask (or leave --engine out)")
        engine_name = args.engine or ("dask" if args.scheduler else "local")
        checker = Checker(settings, args.story)
        index = checker.index  # a bad rule index is exit 2 here, before any worker starts
        if settings.select is not None or settings.ignore or settings.per_file_ignores:
            check_selectors(settings, index.fact_keys())
        given = args.paths or settings.paths
        walk_errors: list[FactlintError] = []
        archives = []
        for a in (p for p in given if kind_of(p) is not None):
            if os.path.isfile(a):
                archives.append(a)
            else:  # reported as check reports a missing file; the other inputs are audited
                walk_errors.append(FactlintError("no such archive file", a))
        # Folders hold archives too (an export folder): walked with the archives' names included.
        walking = dataclasses.replace(settings, include=settings.include + GLOBS)
        found = sorted(set(walk([p for p in given if kind_of(p) is None], walking, walk_errors,
                                Skips(walking))), key=parts)
        articles = [p for p in found if kind_of(p) is None]
        archives += [p for p in found if kind_of(p) is not None]
        if args.output_file:
            _refuse_overwriting_inputs(args.output_file, articles + archives, checker.pipeline)
        portable = _portable(settings)
        token = hashlib.sha256(pickle.dumps((portable, args.story, since))).hexdigest()
        job = Job(token, portable, args.story, since)
        runner = engine(engine_name, args.workers, args.scheduler)
    except FactlintError as e:
        _report_errors(e, args, out, fmt=args.output_format or (settings.output_format if settings else None))
        return report_error(e, err)
    with _output(args.output_file, out) as stream:
        report = reporter(settings.output_format)(stream, checker.pipeline)
        try:
            planned = plan(articles, archives, args.partition_size, walk_errors)
            outcomes, skipped, clean = _collect(runner.run(job, planned), keep_clean=report.name == "junit")
            summary, _per_fact, failed = tally(outcomes, walk_errors, settings, report, err)
            summary.files += clean
            if skipped and not args.quiet:
                _say(err, f"{skipped:,} article{'s' if skipped != 1 else ''} published before {since} not checked "
                     "(--since)")
            if not (args.quiet and settings.output_format == "text"):
                report.close(summary)
        except RuleErrors as e:
            _report_errors(e, args, stream, report)
            return report_error(e, err)
    if summary.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK


def _collect(partitions: Any, keep_clean: bool) -> tuple[list[ArticleResult], int, int]:
    """Every partition's results, in the order ``check`` reports: by path (as ``discover.parts``
    sorts), then by partition and place within it, so that a path twice in an archive keeps its order.
    A clean article is kept (as its path) only for a format that lists every file (JUnit); else it is
    counted. Also: how many were skipped (``--since``), and how many clean ones were only counted."""
    keyed: list[tuple[tuple[str, ...], int, int, ArticleResult]] = []
    skipped = counted = 0
    for p in partitions:
        for i, r in enumerate(p.results):
            if r.skipped is not None:
                skipped += 1
            else:
                keyed.append((parts(r.path) if r.path else (), p.number, i, r))
        if keep_clean:
            offset = len(p.results)
            keyed.extend((parts(path), p.number, offset + i, ArticleResult(path)) for i, path in enumerate(p.clean))
        else:
            counted += len(p.clean)
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed], skipped, counted


def add_parser(sub: Any, severities: list[str]) -> None:
    audit = sub.add_parser(
        "audit", help="check an archive (folders, JSON Lines, Parquet) on a local pool or a Dask cluster",
        description="Check an archive of articles against the rules, as 'check' does, on an engine: this "
                    "machine's processes (local) or a Dask cluster (dask; pip install 'factlint[dask]'). PATHs are "
                    "articles, folders, JSON Lines files (.jsonl, .jsonl.gz: one article a line with path, text, "
                    "date, lang, story) or Parquet files (.parquet, with pyarrow). See docs/api.md.")
    audit.add_argument("paths", nargs="*", metavar="PATH", help="articles, folders or archive files (default: the "
                       "configured paths)")
    audit.add_argument("--engine", choices=["local", "dask"],
                       help="where the articles are checked (default: local, or dask with --scheduler)")
    audit.add_argument("--scheduler", metavar="ADDRESS", help="with --engine dask: the scheduler's address, such as "
                       "tcp://10.0.0.5:8786 (default: a local cluster of --workers processes started for the run)")
    audit.add_argument("--workers", type=int, metavar="N", help="processes of the local engine or local Dask "
                       "cluster (default: the number of CPUs)")
    audit.add_argument("--partition-size", type=int, default=256, metavar="N",
                       help="articles per task (default: 256; a Parquet row group is one task)")
    audit.add_argument("--select", action="append", metavar="FACT-ID",
                       help="check only these facts: the corrected one (ids or glob patterns, comma-separated)")
    audit.add_argument("--ignore", action="append", metavar="FACT-ID", help="skip these facts")
    audit.add_argument("--since", metavar="DATE", help="only articles published on or after DATE (2024-01-31): "
                       "the record's 'date' or the front matter's; an article with no date is checked")
    audit.add_argument("--rules", action="append", metavar="PATH", help="a rule file or folder; may repeat")
    audit.add_argument("--story", metavar="ID", help="the story of articles that nothing else assigns to one")
    audit.add_argument("--lang", help="language of articles whose record and front matter give none")
    audit.add_argument("--fail-level", choices=severities, help="lowest severity that makes the exit code 1")
    audit.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    audit.add_argument("--output-format", choices=FORMATS, help="how findings are printed (default: text)")
    audit.add_argument("--output-file", metavar="PATH", help="write the report to this file instead of stdout")
    audit.add_argument("--config", metavar="PATH", help="the configuration file (default: the nearest one)")
    audit.add_argument("--no-config", action="store_true", help="ignore factlint.toml and [tool.factlint]")
    audit.add_argument("-q", "--quiet", action="store_true", help="print the findings and errors only")
