"""``factlint check``: settings -> rule index -> articles and their stories -> run -> report."""
from __future__ import annotations

import argparse
import contextlib
import os
from collections import Counter
from pathlib import Path
from typing import Any, Iterator, TextIO

from ..config import Settings, load_settings
from ..discover import parts, path_matches, project_root, walk
from ..index import matches
from ..model import FactlintError, Finding, RuleErrors, Severity
from ..report import FORMATS, Summary, reporter
from ..run import (Pipeline, check_selectors, memos, open_cache, read, results, selected, signals_held,
                   terminated_as_exception)
from ..versions.run import Sources
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, report_error


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def merge(args: argparse.Namespace, settings: Settings) -> Settings:
    """Flags override the configuration file."""
    if args.rules:
        settings.rules = args.rules
    if args.paths and not args.rules_changed:
        settings.paths = args.paths
    if args.fail_level:
        settings.fail_level = args.fail_level
    if args.select is not None:
        settings.select = _split(args.select)
    if args.ignore is not None:
        settings.ignore = settings.ignore + (_split(args.ignore) or [])
    if args.lang:
        settings.lang = args.lang
    if args.output_format:
        settings.output_format = args.output_format
    return settings


def wants(rule_id: str, settings: Settings, path: str, base: Path) -> bool:
    if not selected(rule_id, settings):
        return False
    for glob, ids in settings.per_file_ignores.items():
        if path_matches(path, [glob], base) and any(matches(rule_id, i) for i in ids):
            return False
    return True


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    formats = sorted(FORMATS)
    try:
        settings = merge(args, Settings() if args.no_config else load_settings(formats=formats))
        cache = None if args.no_cache else open_cache(args.cache_dir, settings, args.story)
        memo, index_memo = memos(cache, settings) if cache is not None else (None, None)
        pipeline = Pipeline(settings, memo, index_memo, args.story)
        jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
        if jobs < 1:
            raise FactlintError(f"--jobs must be at least 1, got {jobs}")
        index = pipeline.index  # which rule files, which story: a bad 'story:' or 'files:' is exit 2 here
        if settings.select is not None or settings.ignore or settings.per_file_ignores:
            check_selectors(settings, index.fact_keys())
        walk_errors: list[FactlintError] = []
        if args.rules_changed:
            paths = articles_of_changed_rules(args.paths, settings, pipeline, walk_errors)
        else:
            paths = sorted(set(walk(settings.paths, settings, walk_errors)), key=parts)
        if args.output_file:
            _refuse_overwriting_inputs(args.output_file, paths, pipeline)
    except FactlintError as e:
        return report_error(e, err)
    with _output(args.output_file, out) as stream:
        report = reporter(settings.output_format)(stream, pipeline)
        try:
            summary, per_fact, failed = _check_all(settings, paths, walk_errors, pipeline, cache, jobs, report, err,
                                                    args.statistics)
            if args.statistics:  # beside a machine-readable report, never inside it
                _statistics(per_fact, stream if settings.output_format == "text" else err)
            report.close(summary)
        except RuleErrors as e:  # a story's rules, first loaded on a cache miss or to describe a fact
            return report_error(e, err)
    if summary.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK


def articles_of_changed_rules(changed: list[str], settings: Settings, pipeline: Pipeline,
                              errors: list[FactlintError]) -> list[str]:
    """The articles a rule edit can change the findings of: those of the edited files' stories,
    or every article when a newsroom-wide file changed. The edited stories' rules are loaded,
    so a bad edit is exit 2 even for a story with no article yet."""
    wanted = {os.path.realpath(p) for p in changed}
    edited = [f for f in pipeline.index.files if os.path.realpath(f.path) in wanted]
    if not edited:
        return []
    stories = {f.story for f in edited}
    for story in stories:
        pipeline.scope(story)
    articles = sorted(set(walk(settings.paths, settings, errors)), key=parts)
    if None in stories:
        return articles
    keep = []
    for path in articles:
        try:
            story = pipeline.assign(path, read(path)).story
        except FactlintError:
            keep.append(path)  # its error is reported when it is checked
            continue
        if story in stories:
            keep.append(path)
    return keep


def _refuse_overwriting_inputs(output: str, paths: list[str], pipeline: Pipeline) -> None:
    """factlint never writes an article or a rule file, even when asked to put its report there:
    not by the same path, nor through a symbolic or a hard link (the same device and inode)."""
    target = os.path.realpath(output)
    try:
        st = os.stat(output)
        node: tuple[int, int] | None = (st.st_dev, st.st_ino)
    except OSError:
        node = None  # it does not exist yet: no input can be it
    for p in paths + list(pipeline.index.records):
        same = os.path.realpath(p) == target
        if not same and node is not None:
            with contextlib.suppress(OSError):
                other = os.stat(p)
                same = (other.st_dev, other.st_ino) == node
        if same:
            raise FactlintError(f"--output-file: {output} is one of the inputs ({p}); the report would overwrite it")


def _check_all(settings: Settings, paths: list[str], walk_errors: list[FactlintError], pipeline: Pipeline,
               cache: Any, jobs: int, reporter: Any, err: TextIO,
               statistics: bool) -> tuple[Summary, Counter, bool]:
    summary = Summary()
    per_fact: Counter = Counter()
    failed = False
    fail_level = Severity.parse(settings.fail_level)
    base = project_root(settings)
    sources = Sources()
    for result in results(paths, pipeline, cache, jobs):
        if result.error is not None:
            summary.unreadable += 1
            err.write(f"{result.error}\n")
            continue
        path = result.path
        found = result.findings
        try:
            found = _with_versions(path, found, settings, pipeline, sources, base)
        except FactlintError as e:  # its source cannot be read: said, counted, and its own findings kept
            summary.unreadable += 1
            err.write(f"{e}\n")
        findings: list[Finding] = [f for f in found if wants(f.rule_id, settings, path, base)]
        summary.files += 1
        summary.files_with_findings += bool(findings)
        for f in findings:
            summary.counts[f.severity] += 1
            per_fact[(f.rule_id, f.severity)] += 1
            failed = failed or f.severity >= fail_level
        reporter.file(path, [] if statistics else findings)
    for e in walk_errors:
        err.write(f"{e}\n")
    summary.unreadable += len(walk_errors)
    return summary, per_fact, failed


def _with_versions(path: str, findings: list[Finding], settings: Settings, pipeline: Pipeline, sources: Any,
                   base: Path) -> list[Finding]:
    """An article that names its source (front matter ``source``, or ``[tool.factlint.versions]``)
    is also compared with it; the comparison is not cached (it depends on another file)."""
    raw = read(path)
    if not settings.versions and b"source" not in raw[:4096]:
        return findings
    from ..article import read_article
    from ..versions.run import check_version, source_of

    scope = pipeline.scope(pipeline.assign(path, raw).story)
    article = read_article(path, scope.rules.languages, settings.lang, raw=raw)
    declared = source_of(article, settings.versions, base)
    if declared is None:
        return findings
    return check_version(article, declared[0], declared[1], scope.rules, sources, settings.lang, findings)


def _statistics(per_fact: Counter, out: TextIO) -> None:
    for (rule, severity), n in sorted(per_fact.items(), key=lambda kv: (-kv[1], kv[0][0])):
        out.write(f"{n:5d}  {rule:<32} [{severity}]\n")


@contextlib.contextmanager
def _output(path: str | None, default: TextIO) -> Iterator[TextIO]:
    """The report goes to a temporary file beside the target and is renamed over it when complete:
    Ctrl-C, SIGTERM or an error leave the previous report whole. A target that is not a regular
    file (/dev/stdout, a pipe) is written in place."""
    if path is None:
        yield default
        return
    target = os.path.realpath(path)  # through a symbolic link, as writing to it would
    tmp = None
    try:
        if os.path.exists(path) and not os.path.isfile(path):
            stream = open(path, "w", encoding="utf-8", newline="\n")
        else:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            tmp = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.{os.getpid()}.tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
            stream = open(fd, "w", encoding="utf-8", newline="\n")
    except OSError as e:
        raise FactlintError(f"cannot write the report: {e.strerror}", path) from None
    try:
        with terminated_as_exception():
            try:
                yield stream
            finally:
                _finish(stream, path)
            if tmp is not None:
                with signals_held():
                    os.replace(tmp, target)
                    tmp = None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _finish(stream: TextIO, path: str) -> None:
    try:
        stream.close()
    except OSError as e:  # the last of the report could not be written (a full disk)
        raise FactlintError(f"cannot write the report: {e.strerror}", path) from None
