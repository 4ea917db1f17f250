"""The ``factlint`` command: load rules -> read articles -> find mentions -> check facts -> report.

Exit codes follow ruff and eslint: 0 nothing at or above the fail level, 1 findings,
2 factlint could not do its job (bad arguments, invalid rules or settings, an unreadable
article). An unreadable article does not stop the others from being checked and reported.
"""
from __future__ import annotations

import argparse
import contextlib
import fnmatch
import functools
import gc
import os
import sys
from collections import Counter, deque
from pathlib import Path, PurePosixPath
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence, TextIO

from . import __version__
from .config import Settings, load_settings
from .model import UNCOVERED, FactlintError, Finding, RuleErrors, Severity
from .report import FORMATS, Summary, reporter

if TYPE_CHECKING:  # the rest is imported when first needed: a cached run needs none of it
    from .cache import ResultCache, SchemaMemo
    from .rules import RuleSet
    from .facts import FactCheck

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
CHUNK = 256  # articles read, checked and reported together
SEVERITIES = [str(s) for s in sorted(Severity, reverse=True)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factlint", description="Check every version of a story against facts stated once in YAML.")
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser(
        "check", help="check articles against the rules",
        description="Check articles (.txt, .md; folders are walked) against fact rules. Settings are read "
                    "from [tool.factlint] in the nearest pyproject.toml; flags override them.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="articles or folders (default: seeds/)")
    check.add_argument("--rules", action="append", metavar="PATH",
                       help="a rule file or folder; may repeat (default: rules/)")
    check.add_argument("--fail-level", choices=SEVERITIES, help="lowest severity that makes the exit code 1 "
                       "(default: error)")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    check.add_argument("--select", action="append", metavar="FACT-ID",
                       help="check only these facts (ids or glob patterns, comma-separated; may repeat)")
    check.add_argument("--ignore", action="append", metavar="FACT-ID",
                       help="skip these facts (ids or glob patterns, comma-separated; may repeat)")
    check.add_argument("--statistics", action="store_true",
                       help="print the number of findings per fact instead of the findings")
    check.add_argument("--lang", help="language of articles without front matter 'lang' (default: detected "
                       "from the script and a few function words)")
    check.add_argument("--output-format", choices=sorted(FORMATS), help="how findings are printed "
                       "(default: text)")
    check.add_argument("--output-file", metavar="PATH", help="write the report to this file instead of stdout")
    check.add_argument("--no-config", action="store_true", help="ignore [tool.factlint] in pyproject.toml")
    check.add_argument("--no-cache", action="store_true", help="check every article again, ignoring the cache")
    check.add_argument("--cache-dir", metavar="PATH", help="where results are cached (default: .factlint_cache "
                       "in the project root, or $FACTLINT_CACHE_DIR)")
    check.add_argument("--jobs", "-j", type=int, metavar="N", help="processes for many files (default: the "
                       "number of CPUs)")
    clean = sub.add_parser("clean", help="remove the result cache")
    clean.add_argument("--cache-dir", metavar="PATH", help="the cache to remove (default: .factlint_cache in "
                       "the project root)")
    sub.add_parser("schema", help="print the JSON Schema of rule files",
                   description="Print the JSON Schema of rule files (for editors and yaml-language-server).")
    listing = sub.add_parser("rules", help="list every fact: id, kind, severity, file")
    listing.add_argument("--rules", action="append", metavar="PATH", help="a rule file or folder (default: rules/)")
    explain = sub.add_parser("explain", help="show one fact: its expected value, sources and message")
    explain.add_argument("fact_id", metavar="FACT-ID")
    explain.add_argument("--rules", action="append", metavar="PATH", help="a rule file or folder (default: rules/)")
    test = sub.add_parser(
        "test", help="run the examples inside facts and the annotated fixture articles",
        description="Run every fact's examples, and check annotated fixture articles (.md, .txt) found among "
                    "the paths: '<!-- ruleid: FACT-ID -->' on the line before a line that must get that "
                    "finding, '<!-- ok: FACT-ID -->' before one that must not.")
    test.add_argument("paths", nargs="*", metavar="PATH", help="rule files, fixture articles or folders "
                      "(default: rules/)")
    draft = sub.add_parser(
        "draft", help="draft a rule file from an article you trust",
        description="Read an article the editor trusts and print a rule file to review: its people and "
                    "titles, dated events, enumerations and quotations, each with examples and a confidence note.")
    draft.add_argument("article", metavar="ARTICLE")
    draft.add_argument("--lang", help="the article's language (default: front matter, else detected)")
    draft.add_argument("--date", help="the publication date, YYYY-MM-DD, for relative dates (default: "
                       "front matter)")
    return parser


def run_schema(out: TextIO) -> int:
    import json

    from .rules import schema

    out.write(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _load(args: argparse.Namespace, err: TextIO) -> list[FactCheck] | None:
    try:
        settings = Settings() if getattr(args, "no_config", False) else load_settings()
        from .facts import compile_checks
        from .rules import load_rules

        return compile_checks(load_rules(args.rules or settings.rules))
    except RuleErrors as e:
        for one in e.errors:
            err.write(f"{one}\n")
    except FactlintError as e:
        err.write(f"{e}\n")
    return None


def run_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    checks = _load(args, err)
    if checks is None:
        return EXIT_ERROR
    rows = [(c.fact.id, c.fact.kind, str(c.fact.severity), str(c.fact.origin)) for c in checks]
    widths = [max(len(r[i]) for r in rows + [("FACT", "KIND", "SEVERITY", "FILE")]) for i in range(3)]
    for row in [("FACT", "KIND", "SEVERITY", "FILE"), *rows]:
        out.write("  ".join(v.ljust(w) for v, w in zip(row[:3], widths)) + "  " + row[3] + "\n")
    return EXIT_OK


def run_explain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    checks = _load(args, err)
    if checks is None:
        return EXIT_ERROR
    check = next((c for c in checks if c.fact.id == args.fact_id), None)
    if check is None:
        err.write(f"no fact '{args.fact_id}' (known: {', '.join(sorted(c.fact.id for c in checks))})\n")
        return EXIT_ERROR
    fact = check.fact
    out.write(f"{fact.id} ({fact.kind}, {fact.severity}) at {fact.origin}\n")
    out.write(f"  fact:     {fact.message}\n")
    out.write(f"  expected: {check.describe_expected()}\n")
    for i, source in enumerate(fact.sources):
        label = "sources:" if i == 0 else ""
        extra = f" ({source.date})" if source.date else ""
        out.write(f"  {label:<9} {source}{extra}\n")
    a = fact.applies
    for name, words in (("applies:", a.any), ("all of:", a.all), ("excludes:", a.exclude)):
        if words:
            out.write(f"  {name:<9} {', '.join(words)}\n")
    from .testing import examples

    for example in examples(fact):
        how = f"fails ({example.severity or fact.severity})" if example.must_fail else "passes"
        context = "".join(f", {k} {v}" for k, v in (("lang", example.lang), ("date", example.date)) if v)
        out.write(f"  example:  {how}{context}: {example.text}  [{example.origin.line}:{example.origin.column}]\n")
    return EXIT_OK


def run_clean(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .cache import clean, default_dir

    root = Path(args.cache_dir) if args.cache_dir else default_dir(_root(load_settings()))
    if not root.exists():
        out.write(f"no cache at {root}\n")
        return EXIT_OK
    if not clean(root):
        err.write(f"{root}: not a factlint cache (no CACHEDIR.TAG); left alone\n")
        return EXIT_ERROR
    out.write(f"removed {root}\n")
    return EXIT_OK


def run_test(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .testing import run_tests  # the authoring tools are not loaded by ``check``

    return run_tests(args.paths or ["rules"], out, err)


def run_draft(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .draft import draft_rules

    out.write(draft_rules(args.article, lang=args.lang, date=args.date))
    return EXIT_OK


def _split(values: list[str] | None) -> list[str] | None:
    if values is None:
        return None
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def merge(args: argparse.Namespace, settings: Settings) -> Settings:
    """Flags override the configuration file."""
    if args.rules:
        settings.rules = args.rules
    if args.paths:
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


def _matches(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def select_checks(checks: list[FactCheck], settings: Settings) -> tuple[list[FactCheck], set[str]]:
    """The checks to run, and every id a selector may name; unknown selectors are exit 2."""
    from .suppress import UNUSED

    known = {c.fact.id for c in checks} | {UNUSED, UNCOVERED}
    for option, patterns in (("--select", settings.select or []), ("--ignore", settings.ignore)):
        for p in patterns:
            if not any(fnmatch.fnmatchcase(k, p) for k in known):
                raise FactlintError(f"{option}: '{p}' matches no fact (known: {', '.join(sorted(known))})")
    chosen = [c for c in checks
              if (settings.select is None or _matches(c.fact.id, settings.select))
              and not _matches(c.fact.id, settings.ignore)]
    return chosen, known


def _wants(rule_id: str, settings: Settings, path: str) -> bool:
    if settings.select is not None and not _matches(rule_id, settings.select):
        return False
    if _matches(rule_id, settings.ignore):
        return False
    for glob, ids in settings.per_file_ignores.items():
        if _path_matches(path, [glob], _root(settings)) and _matches(rule_id, ids):
            return False
    return True


def _path_matches(path: str, globs: list[str], base: Path | None = None) -> bool:
    """Globs match the path relative to the configuration's folder (the project root), as in ruff."""
    if not globs:
        return False
    if base is None and os.sep == "/" and "/" not in path and path not in ("", ".", ".."):
        return any(_name_matches(path, g) for g in globs)  # a file's own name, as the walk asks
    posix = PurePosixPath(Path(path).as_posix())
    if base is not None:
        with contextlib.suppress(ValueError):
            posix = PurePosixPath(Path(os.path.abspath(path)).relative_to(base).as_posix())
    return any(fnmatch.fnmatch(str(posix), g) or posix.match(g) for g in globs)


def _name_matches(name: str, glob: str) -> bool:
    """What the general case of ``_path_matches`` answers for a bare file name on POSIX, without two
    path objects per file: fnmatch on the name, or PurePosixPath(name).match(glob), which compares
    the name with the glob's only part when the glob is relative and has one part."""
    return fnmatch.fnmatch(name, glob) or (one := _single_part(glob)) is not None and fnmatch.fnmatchcase(name, one)


@functools.lru_cache(maxsize=256)
def _single_part(glob: str) -> str | None:
    parts = PurePosixPath(glob).parts
    if not parts:
        raise ValueError("empty pattern")  # as PurePath.match says
    return parts[0] if len(parts) == 1 and parts[0] != "/" else None


def _parts(path: str) -> tuple[str, ...]:
    """``Path(path).parts``, split by hand where that is plainly the same (POSIX, no empty or "."
    part): the paths are sorted by their parts, and a path object per article costs more."""
    if os.sep != "/" or "//" in path or path.endswith("/.") or "/./" in path or path.startswith("./") or path in ("", "."):
        return Path(path).parts
    parts = path.rstrip("/").split("/") if path != "/" else [""]
    if parts[0] == "":
        parts[0] = "/"
    return tuple(parts)


def _root(settings: Settings) -> Path:
    return settings.source.parent if settings.source else Path.cwd()


def walk(paths: Sequence[str], settings: Settings, errors: list[FactlintError]) -> Iterator[str]:
    """Articles in a stable order; paths keep the form the user gave them. Files named on the
    command line are always checked; include and exclude apply to what folders hold."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            base = _root(settings)
            found = []
            for root, dirs, files in os.walk(given, onerror=lambda e: errors.append(
                    FactlintError(f"cannot read folder: {e.strerror}", e.filename))):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not _path_matches(os.path.join(root, d), settings.exclude, base))
                for f in files:
                    full = os.path.join(root, f)
                    if given in (".", "./"):
                        full = os.path.normpath(full)  # "a.md", as ruff prints it, not "./a.md"
                    if not f.startswith(".") and _path_matches(f, settings.include) \
                            and not _path_matches(full, settings.exclude, base):
                        found.append(full)
            yield from sorted(found)
        elif p.exists() or p.is_symlink():  # a symlink loop is read, and its error reported
            yield given
        else:
            errors.append(FactlintError("no such file or folder", given))


class Pipeline:
    """The rules and checks, loaded on the first cache miss: a run whose every article is in the
    cache never parses YAML, validates a schema or compiles a pattern."""

    def __init__(self, settings: Settings, memo: "SchemaMemo | None" = None) -> None:
        self.settings = settings
        self.memo = memo
        self._loaded: tuple[RuleSet, list[FactCheck], set[str]] | None = None

    def load(self, warm: bool = False) -> tuple[RuleSet, list[FactCheck], set[str]]:
        """The rules and checks; with ``warm`` (before forking workers) the date patterns too,
        compiled while child processes check the rule files and convert their Chinese terms."""
        if self._loaded is None:
            from .facts import compile_checks
            from .rules import load_rules

            rules = load_rules(self.settings.rules, self.memo, meanwhile=_warm_dates if warm else None)
            checks, known = select_checks(compile_checks(rules), self.settings)
            self._loaded = rules, checks, known
        if warm:
            _warm_dates(self._loaded[0].languages)
        return self._loaded

    def check(self, path: str, raw: bytes) -> list[Finding]:
        """Every finding of one article, suppressions applied, before per-file selection."""
        from . import suppress
        from .article import read_article
        from .check import check_article

        rules, checks, known = self.load()
        article = read_article(path, rules.languages, default_lang=self.settings.lang, raw=raw)
        found = check_article(article, checks, rules)
        return suppress.apply(found, article.suppressions, known, {c.fact.id for c in checks}, path,
                              article.position)


def _warm_dates(codes: Iterable[str] | None = None) -> None:
    """Build in the parent what every worker would otherwise build for itself after the fork:
    the date patterns of each language (about a tenth of a second per process). Without ``codes``,
    the languages factlint ships; a rule file's own are added once the rules are loaded."""
    from .language import default_languages
    from .mentions.dates import locale

    for lang in default_languages() if codes is None else codes:
        with contextlib.suppress(Exception):  # a language dateparser lacks: built (and failing) later
            locale(lang)


def _forks(jobs: int, misses: int) -> bool:
    """Whether to check in a pool of processes: forking costs more than a few articles do."""
    return jobs > 1 and misses >= 2 * jobs


@dataclass
class Result:
    path: str
    findings: list[Finding]
    error: FactlintError | None = None


_WORKER: "tuple[Pipeline, ResultCache | None] | None" = None  # set before the pool forks


def _read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:  # not Path(path).read_bytes(): a path object per article costs
            return f.read()
    except OSError as e:
        raise FactlintError(f"cannot read article: {e.strerror or e}", path) from None


def _check_one(path: str, raw: bytes | None = None) -> Result:
    assert _WORKER is not None
    pipeline, cache = _WORKER
    try:
        raw = _read(path) if raw is None else raw
        found = pipeline.check(path, raw)
    except FactlintError as e:
        return Result(path, [], e)
    if cache is not None:
        cache.put(cache.key(raw, path), found)
    return Result(path, found)


def _results(paths: list[str], pipeline: Pipeline, cache: "ResultCache | None", jobs: int) -> Iterator[Result]:
    """Results in path order, a chunk at a time so that memory does not grow with the corpus;
    cache hits are answered here, misses are checked by a pool of processes when there are many.

    A chunk's misses go to the pool before the chunk before it is collected: waiting for a
    chunk's last article before handing out the next would leave a worker idle at every chunk."""
    global _WORKER
    _WORKER = (pipeline, cache)
    pool = None
    ahead: deque[tuple[list[str], dict[str, Result], Iterator[Result]]] = deque()
    try:
        for at in range(0, len(paths), CHUNK):
            chunk = paths[at:at + CHUNK]
            done, misses = _lookup(chunk, cache)
            running: Iterator[Result] = iter(())
            if misses:
                forking = _forks(jobs, len(misses))
                # in the parent, before forking: workers inherit the compiled rules
                pipeline.load(warm=forking and pool is None)
                if forking and pool is None:
                    pool = _pool(jobs)
                if pool is not None and forking:
                    running = pool.map(_check_one, misses, chunksize=8)  # submitted now, collected later
                else:
                    done.update((p, _check_one(p)) for p in misses)
            ahead.append((chunk, done, running))
            if len(ahead) > 1:
                yield from _collect(*ahead.popleft())
        while ahead:
            yield from _collect(*ahead.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _WORKER = None


def _lookup(chunk: list[str], cache: "ResultCache | None") -> tuple[dict[str, Result], list[str]]:
    """The chunk's cache hits and unreadable files, and the paths left to check."""
    done: dict[str, Result] = {}
    if cache is None:
        return done, list(chunk)
    misses: list[str] = []
    for path in chunk:
        try:
            raw = _read(path)
        except FactlintError as e:
            done[path] = Result(path, [], e)
            continue
        hit = cache.get(cache.key(raw, path), path)
        if hit is None:
            misses.append(path)
        else:
            done[path] = Result(path, hit)
    return done, misses


def _collect(chunk: list[str], done: dict[str, Result], running: Iterator[Result]) -> Iterator[Result]:
    done.update((r.path, r) for r in running)
    for path in chunk:
        yield done[path]


def _pool(jobs: int) -> Any:
    """Forked workers share the parent's loaded rules; where fork is missing, run in one process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    # The loaded rules are never freed: frozen, the collector does not walk them in every worker
    # (which would also copy their pages, shared since the fork).
    gc.freeze()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start)


def _worker_start() -> None:
    """An article's garbage is freed by reference counting; the cycle collector, run every few
    hundred allocations by default, would mostly walk live objects for nothing."""
    gc.set_threshold(20_000, 20, 20)


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    formats = sorted(FORMATS)
    try:
        settings = merge(args, Settings() if args.no_config else load_settings(formats=formats))
        cache = None if args.no_cache else _open_cache(args, settings)
        pipeline = Pipeline(settings, None if cache is None else _memo(cache))
        jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
        if jobs < 1:
            raise FactlintError(f"--jobs must be at least 1, got {jobs}")
        walk_errors: list[FactlintError] = []
        paths = sorted(set(walk(settings.paths, settings, walk_errors)), key=_parts)
        if cache is None or settings.output_format == "sarif":  # SARIF describes every fact
            pipeline.load(warm=cache is None and _forks(jobs, len(paths)))
        if args.output_file:
            _refuse_overwriting_inputs(args.output_file, paths, settings)
    except RuleErrors as e:
        for one in e.errors:
            err.write(f"{one}\n")
        return EXIT_ERROR
    except FactlintError as e:
        err.write(f"{e}\n")
        return EXIT_ERROR
    with _output(args.output_file, out) as stream:
        report = reporter(settings.output_format)(stream, pipeline._loaded[0] if pipeline._loaded else None)
        try:
            summary, per_fact, failed = _check_all(settings, paths, walk_errors, pipeline, cache, jobs, report, err,
                                                    args.statistics)
        except RuleErrors as e:  # rules first loaded on a cache miss
            for one in e.errors:
                err.write(f"{one}\n")
            return EXIT_ERROR
        if args.statistics:  # beside a machine-readable report, never inside it
            _statistics(per_fact, stream if settings.output_format == "text" else err)
        report.close(summary)
    if summary.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed and not args.exit_zero else EXIT_OK


def _refuse_overwriting_inputs(output: str, paths: list[str], settings: Settings) -> None:
    """factlint never writes an article or a rule file, even when asked to put its report there."""
    from .config import rule_files

    target = os.path.realpath(output)
    inputs = paths + rule_files(settings.rules)
    if any(os.path.realpath(p) == target for p in inputs):
        raise FactlintError(f"--output-file: {output} is one of the inputs; the report would overwrite it")


def _memo(cache: "ResultCache") -> "SchemaMemo":
    from .cache import SchemaMemo

    return SchemaMemo(cache.root)


def _open_cache(args: argparse.Namespace, settings: Settings) -> "ResultCache":
    """The cache for this run's rules and settings; the rules are hashed, not parsed."""
    from .cache import ResultCache, default_dir
    from .config import rule_files

    files = rule_files(settings.rules)
    context = [b"rules"]
    for f in files:
        try:
            context += [os.path.abspath(f).encode(), Path(f).read_bytes()]
        except OSError as e:
            raise FactlintError(f"cannot read rule file: {e.strerror or e}", f) from None
    context += [f"lang={settings.lang}".encode(), f"select={settings.select}".encode(),
                f"ignore={settings.ignore}".encode()]
    root = Path(args.cache_dir) if args.cache_dir else default_dir(_root(settings))
    return ResultCache(root, context)


def _check_all(settings: Settings, paths: list[str], walk_errors: list[FactlintError], pipeline: Pipeline,
               cache: "ResultCache | None", jobs: int, reporter: Any, err: TextIO,
               statistics: bool) -> tuple[Summary, Counter, bool]:
    summary = Summary()
    per_fact: Counter = Counter()
    failed = False
    fail_level = Severity.parse(settings.fail_level)
    for result in _results(paths, pipeline, cache, jobs):
        if result.error is not None:
            summary.unreadable += 1
            err.write(f"{result.error}\n")
            continue
        path = result.path
        findings: list[Finding] = [f for f in result.findings if _wants(f.rule_id, settings, path)]
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


def _statistics(per_fact: Counter, out: TextIO) -> None:
    for (rule, severity), n in sorted(per_fact.items(), key=lambda kv: (-kv[1], kv[0][0])):
        out.write(f"{n:5d}  {rule:<32} [{severity}]\n")


@contextlib.contextmanager
def _output(path: str | None, default: TextIO) -> Iterator[TextIO]:
    if path is None:
        yield default
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        stream = open(path, "w", encoding="utf-8", newline="\n")
    except OSError as e:
        raise FactlintError(f"cannot write the report: {e.strerror}", path) from None
    with stream:
        yield stream


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    if out is None:
        out = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):  # article text is UTF-8 whatever the console is
            out.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    if err is None:
        err = sys.stderr
        with contextlib.suppress(AttributeError, ValueError):
            err.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse's own exit code is 2 for bad usage
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(err)
        return EXIT_ERROR
    commands = {"check": run_check, "rules": run_rules, "explain": run_explain, "test": run_test,
                "draft": run_draft, "clean": run_clean}
    try:
        if args.command == "schema":
            return run_schema(out)
        return commands[args.command](args, out, err)
    except FactlintError as e:
        err.write(f"{e}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("factlint: interrupted\n")
        return 130
    except BrokenPipeError:  # `factlint ... | head`: the reader left; say nothing more
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())  # so that the interpreter's final flush is quiet
        return EXIT_ERROR
    except Exception as e:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        err.write(f"factlint: internal error: {type(e).__name__}: {e} (set FACTLINT_DEBUG=1 for a traceback)\n")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
