"""The ``factlint`` command: load rules -> read articles -> find mentions -> check facts -> report.

Exit codes follow ruff and eslint: 0 nothing at or above the fail level, 1 findings,
2 factlint could not do its job (bad arguments, invalid rules, an unreadable article).
An unreadable article does not stop the others from being checked and reported.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence, TextIO

from . import __version__
from .article import MD_SUFFIXES, read_article
from .check import check_article
from .facts import compile_checks
from .model import FactlintError, Severity
from .report import Summary, reporters
from .rules import RuleErrors, load_rules

ARTICLE_SUFFIXES = {".txt", *MD_SUFFIXES}
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factlint", description="Check every version of a story against facts stated once in YAML.")
    parser.add_argument("--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = sub.add_parser("check", help="check articles against the rules",
                           description="Check articles (.txt, .md; folders are walked) against fact rules.")
    check.add_argument("paths", nargs="*", metavar="PATH", help="articles or folders (default: seeds/)")
    check.add_argument("--rules", action="append", metavar="PATH",
                       help="a rule file or folder; may repeat (default: rules/)")
    check.add_argument("--fail-level", choices=[str(s) for s in sorted(Severity, reverse=True)], default="error",
                       help="lowest severity that makes the exit code 1 (default: error)")
    check.add_argument("--lang", help="language of articles without front matter 'lang' (default: en)")
    check.add_argument("--output-format", choices=sorted(reporters()), default="text",
                       help="how findings are printed (default: text)")
    return parser


def walk(paths: Sequence[str], errors: list[FactlintError]) -> Iterator[str]:
    """Articles in a stable order; paths keep the form the user gave them."""
    for given in paths:
        p = Path(given)
        if p.is_dir():
            found = []
            for root, dirs, files in os.walk(given, onerror=lambda e: errors.append(
                    FactlintError(f"cannot read folder: {e.strerror}", e.filename))):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += [os.path.join(root, f) for f in files
                          if Path(f).suffix.lower() in ARTICLE_SUFFIXES and not f.startswith(".")]
            yield from sorted(found)
        elif p.exists():
            yield given
        else:
            errors.append(FactlintError("no such file or folder", given))


def run_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        rules = load_rules(args.rules or ["rules"])
        checks = compile_checks(rules)
    except RuleErrors as e:
        for one in e.errors:
            err.write(f"{one}\n")
        return EXIT_ERROR
    except FactlintError as e:
        err.write(f"{e}\n")
        return EXIT_ERROR
    fail_level = Severity.parse(args.fail_level)
    reporter = reporters()[args.output_format](out, rules)
    summary = Summary()
    walk_errors: list[FactlintError] = []
    failed = False
    for path in sorted(set(walk(args.paths or ["seeds"], walk_errors)), key=_path_key):
        try:
            article = read_article(path, rules.languages, default_lang=args.lang)
            findings = check_article(article, checks, rules)
        except FactlintError as e:
            summary.unreadable += 1
            err.write(f"{e}\n")
            continue
        summary.files += 1
        if findings:
            summary.files_with_findings += 1
        for f in findings:
            summary.counts[f.severity] += 1
            failed = failed or f.severity >= fail_level
        reporter.file(path, findings)
    for e in walk_errors:
        err.write(f"{e}\n")
    summary.unreadable += len(walk_errors)
    reporter.close(summary)
    if summary.unreadable:
        return EXIT_ERROR
    return EXIT_FINDINGS if failed else EXIT_OK


def _path_key(path: str) -> tuple[str, ...]:
    return tuple(Path(path).parts)


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse's own exit code is 2 for bad usage
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(err)
        return EXIT_ERROR
    try:
        return run_check(args, out, err)
    except KeyboardInterrupt:
        err.write("factlint: interrupted\n")
        return 130
    except Exception as e:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        err.write(f"factlint: internal error: {type(e).__name__}: {e} (set FACTLINT_DEBUG=1 for a traceback)\n")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
