"""``factlint check``: settings -> rule index -> articles and their stories -> run -> report."""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator, TextIO

from ..config import Settings, load_settings
from ..discover import Skips, excluded, parts, project_root, walk
from ..model import FactlintError, Finding, RuleErrors, Severity
from ..report import FORMATS, Summary, reporter
from ..api import ArticleResult, Checker
from ..run import (Pipeline, Result, check_selectors, memos, open_cache, read, results, signals_held,
                   terminated_as_exception)
from . import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, report_error


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def merge(args: argparse.Namespace, settings: Settings) -> Settings:
    """Flags override the configuration file."""
    if args.rules:
        settings.rules = args.rules
        settings.rules_configured = True
    if args.force_exclude:
        settings.force_exclude = True
    if args.respect_gitignore is not None:
        settings.respect_gitignore = args.respect_gitignore
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


def _settings(args: argparse.Namespace, formats: list[str]) -> Settings:
    if args.config is not None and args.no_config:
        raise FactlintError("--config and --no-config contradict each other: give one")
    settings = merge(args, Settings() if args.no_config else load_settings(formats=formats, config=args.config))
    if "-" in args.paths and (len(args.paths) > 1 or args.rules_changed):
        raise FactlintError("- (standard input) must be the only path")
    if args.stdin_filename is not None and args.paths != ["-"]:
        raise FactlintError("--stdin-filename names the article read from standard input: give the path - too")
    if not settings.rules_configured and not any(os.path.exists(r) for r in settings.rules):
        if settings.versions:  # versions against their sources need no rule: check them alone
            settings.rules = []
            return settings
        where = "factlint.toml, or [tool.factlint] in pyproject.toml"
        raise FactlintError(f"no rules to check against: there is no {settings.rules[0]}{os.sep} folder here. Give "
                            f"--rules PATH, or set rules = [\"PATH\"] in {where} (a rule file or a folder of them; "
                            "see 'A rule file in one minute' in the README)")
    return settings


def _terminal(out: TextIO) -> bool:
    """A person reads it: a terminal, outside CI (whose logs are read as lines)."""
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("CI")


def _say(err: TextIO, text: str) -> None:
    err.write(f"factlint: {text}\n")


def _verbose_setup(settings: Settings, pipeline: Pipeline, err: TextIO) -> None:
    """--verbose: which configuration, rule files and stories this run uses."""
    _say(err, f"configuration: {settings.source}" if settings.source else
         "configuration: none found (no factlint.toml, no [tool.factlint] in a pyproject.toml); defaults")
    index = pipeline.index
    _say(err, f"rule files: {', '.join(index.records) or 'none'}")
    stories = ", ".join(sorted(index.stories))
    _say(err, f"stories: {stories or 'none'}" + (", and newsroom-wide rules" if index.shared else ""))


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    formats = sorted(FORMATS)
    settings: Settings | None = None
    stdin: bytes | None = None
    try:
        settings = _settings(args, formats)
        cache = None if args.no_cache else open_cache(args.cache_dir, settings, args.story)
        memo, index_memo = memos(cache, settings) if cache is not None else (None, None)
        checker = Checker(settings, args.story, memo, index_memo)
        pipeline = checker.pipeline
        jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
        if jobs < 1:
            raise FactlintError(f"--jobs must be at least 1, got {jobs}")
        index = pipeline.index  # which rule files, which story: a bad 'story:' or 'files:' is exit 2 here
        if settings.select is not None or settings.ignore or settings.per_file_ignores:
            check_selectors(settings, index.fact_keys())
        walk_errors: list[FactlintError] = []
        skips = Skips(settings)
        if args.verbose:
            _verbose_setup(settings, pipeline, err)
        if args.rules_changed:
            paths = articles_of_changed_rules(args.paths, settings, pipeline, walk_errors)
        elif args.paths == ["-"]:
            name = args.stdin_filename or "-"
            stdin = sys.stdin.buffer.read()
            why = None if args.stdin_filename is None else skips.not_article(name)
            if why is None and settings.force_exclude and excluded(name, settings, project_root(settings)):
                why = "excluded by 'exclude' (--force-exclude)"
            if why is not None:
                skips.skip(name, why)
            paths = [] if why else [name]
        else:
            paths = sorted(set(walk(settings.paths, settings, walk_errors, skips)), key=parts)
        if args.verbose:
            for path, why in skips.skipped:
                _say(err, f"skipped {path}: {why}")
        if not paths and not walk_errors and not args.rules_changed and not args.quiet:
            include = ", ".join(settings.include)
            _say(err, f"warning: no articles to check under {', '.join(settings.paths)} (include: {include}"
                 + (f"; {len(skips.skipped)} skipped, --verbose says why" if skips.skipped and not args.verbose
                    else "") + ")")
        if args.output_file:
            _refuse_overwriting_inputs(args.output_file, paths, pipeline)
    except FactlintError as e:
        _report_errors(e, args, out, fmt=args.output_format or (settings.output_format if settings else None))
        return report_error(e, err)
    with _output(args.output_file, out) as stream:
        if not args.output_format and settings.output_format == "text" and stream is out and _terminal(out):
            settings.output_format = "full"  # a person at a terminal: the article's line and a caret
        report = reporter(settings.output_format)(stream, pipeline)
        if hasattr(report, "colour"):
            from ..report.full import colour_wanted

            report.colour = colour_wanted(args.color, stream)
        try:
            summary, per_fact, failed = _check_all(settings, paths, walk_errors, checker, cache, jobs, report, err,
                                                    args.statistics, stdin, args.verbose, quiet=args.quiet)
            if args.statistics:  # beside a machine-readable report, never inside it
                _statistics(per_fact, stream if settings.output_format in ("text", "full") else err)
            if not (args.quiet and settings.output_format in ("text", "full")):  # the text format's close is its summary
                report.close(summary)
        except RuleErrors as e:  # a story's rules, first loaded on a cache miss or to describe a fact
            _report_errors(e, args, stream, report)
            return report_error(e, err)
    if summary.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK


def _report_errors(e: FactlintError, args: argparse.Namespace, out: TextIO, report: Any = None,
                   fmt: str | None = None) -> None:
    """Errors that stop the run (a rule file, the settings) reach a machine-readable report too:
    CI shows annotations, SARIF notifications and JUnit errors, not standard error."""
    errors = e.errors if isinstance(e, RuleErrors) else [e]
    if report is None:
        if fmt in (None, "text") or args.output_file and os.path.realpath(args.output_file) in {
                os.path.realpath(one.path) for one in errors if one.path}:
            return
        try:
            with _output(args.output_file, out) as stream:
                _report_errors(e, args, stream, reporter(fmt)(stream))
        except FactlintError:
            pass
        return
    if report.name == "text":
        return
    for one in errors:
        report.error(one)
    report.close(Summary(unreadable=len(errors)))


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


def _check_all(settings: Settings, paths: list[str], walk_errors: list[FactlintError], checker: Checker,
               cache: Any, jobs: int, reporter: Any, err: TextIO,
               statistics: bool, stdin: bytes | None = None, verbose: bool = False,
               quiet: bool = False) -> tuple[Summary, Counter, bool]:
    """Each article's rule findings (from the cache or the pool), then what ``Checker.finish`` adds
    and keeps: the comparison with its source, and the per-file selection."""
    pipeline = checker.pipeline
    checked = results(paths, pipeline, cache, jobs) if stdin is None else _from_stdin(paths, stdin, pipeline)
    from ..report.progress import Progress, wanted

    progress = Progress(err, len(paths), enabled=wanted(err, quiet), report=getattr(reporter, "out", None))
    err = progress.stream  # what the run says on stderr, and the report's findings, erase the line first
    outcomes = (ArticleResult(r.path, error=r.error, checked=False) if r.error is not None else
                ArticleResult(r.path, *_finished(checker, r, stdin))
                for r in progress.track(checked, lambda r: bool(r.findings)))
    log = (lambda path: _say(err, f"{path}: {_story_of(path, stdin, pipeline)}")) if verbose else None
    return tally(outcomes, walk_errors, settings, reporter, err, statistics, log)


def _finished(checker: Checker, r: Result, stdin: bytes | None) -> tuple[tuple[Finding, ...], FactlintError | None]:
    found, error = checker.finish(r.path, r.findings, stdin)
    return tuple(found), error


def tally(outcomes: Iterable[ArticleResult], errors: list[FactlintError], settings: Settings, reporter: Any,
          err: TextIO, statistics: bool = False, log: Any = None) -> tuple[Summary, Counter, bool]:
    """Articles' results, in the order reported, to the reporter and the summary (``check`` and
    ``audit`` share it, so that both count and report alike). Errors go to stderr as well."""
    summary = Summary()
    per_fact: Counter = Counter()
    failed = False
    fail_level = Severity.parse(settings.fail_level)
    for result in outcomes:
        if result.skipped is not None:
            continue
        if log is not None and result.checked:
            log(result.path)
        if result.error is not None:
            summary.unreadable += 1
            err.write(f"{result.error}\n")
            reporter.error(result.error)
            if not result.checked:
                continue
        findings = list(result.findings)
        summary.files += 1
        summary.files_with_findings += bool(findings)
        for f in findings:
            summary.counts[f.severity] += 1
            per_fact[(f.rule_id, f.severity)] += 1
            failed = failed or f.severity >= fail_level
        reporter.file(result.path, [] if statistics else findings)
    for e in errors:
        err.write(f"{e}\n")
        reporter.error(e)
    summary.unreadable += len(errors)
    return summary, per_fact, failed


def _from_stdin(paths: list[str], raw: bytes, pipeline: Pipeline) -> Iterator[Result]:
    """The article read from standard input, named by --stdin-filename: never cached (no file)."""
    for path in paths:
        try:
            yield Result(path, pipeline.check(path, raw, pipeline.assign(path, raw)))
        except RuleErrors:
            raise
        except FactlintError as e:
            yield Result(path, [], e)


def _story_of(path: str, stdin: bytes | None, pipeline: Pipeline) -> str:
    """--verbose: the story an article was checked against, and why."""
    try:
        a = pipeline.assign(path, read(path) if stdin is None else stdin)
    except FactlintError:
        return "story unknown"
    if a.story is None:
        return "newsroom-wide rules only (no story)"
    return f"story {a.story}" + (" (declared by no rule file)" if a.unknown else "")


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
