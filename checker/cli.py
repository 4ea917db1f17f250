"""The ``factlint`` command line: its arguments, and the dispatch to one module per subcommand
(``checker/commands/``).

Exit codes follow ruff and eslint: 0 nothing at or above the fail level, 1 findings,
2 factlint could not do its job (bad arguments, invalid rules or settings, an unreadable
article). An unreadable article does not stop the others from being checked and reported.
"""
from __future__ import annotations

import argparse
import contextlib
import difflib
import errno
import importlib
import io
import os
import re
import sys
from typing import NoReturn, Sequence, TextIO

from . import __version__
from .commands import EXIT_ERROR
from .model import FactlintError, Severity, printable
from .report import FORMATS

SEVERITIES = [str(s) for s in sorted(Severity, reverse=True)]
COMMANDS = {"check": "check", "rules": "listing", "explain": "explain", "test": "test", "draft": "draft",
            "clean": "clean", "schema": "schema", "compare": "compare", "audit": "audit"}


class Parser(argparse.ArgumentParser):
    """argparse, with the subcommand's usage for a bad flag and a "did you mean" for a misspelt one,
    as ruff does ("--ouput-format": did you mean --output-format?)."""

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        target: argparse.ArgumentParser = self
        sub = next((a for a in self._actions if isinstance(a, argparse._SubParsersAction)), None)
        if sub is not None:  # the top level reports unknown flags: show the subcommand's usage instead
            chosen = next((p for name, p in sub.choices.items() if name in _ARGV[:1]), None)
            target = chosen or self
        hint = ""
        if message.startswith("unrecognized arguments:"):
            known = [o for a in target._actions for o in a.option_strings]
            for word in message.split(":", 1)[1].split():
                flag = word.split("=", 1)[0]
                close = difflib.get_close_matches(flag, known, n=1, cutoff=0.6) if flag.startswith("-") else []
                if close:
                    hint = f" (did you mean {close[0]}?)"
                    break
        target.print_usage(sys.stderr)
        sys.stderr.write(f"{target.prog}: error: {message}{hint}\n")
        raise SystemExit(2)


_ARGV: list[str] = []  # the arguments being parsed, for the parser's error message


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, the parser of that subcommand alone (a pre-commit run pays for
    one subcommand's arguments, not seven)."""
    parser = Parser(
        prog="factlint", description="Check every version of a story against facts stated once in YAML.")
    parser.add_argument("-V", "--version", action="version", version=f"factlint {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    if only in (None, "check"):
        check = sub.add_parser(
            "check", help="check articles against the rules",
            description="Check articles (.txt, .md; folders are walked) against fact rules. Settings are read "
                        "from [tool.factlint] in the nearest pyproject.toml; flags override them.")
        check.add_argument("paths", nargs="*", metavar="PATH", help="articles or folders, or - for standard input "
                           "(default: the configured paths, else .)")
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
                           "(default: full on a terminal, text otherwise)")
        check.add_argument("--output-file", metavar="PATH", help="write the report to this file instead of stdout")
        check.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                           help="colour in the full view (default: auto: on a terminal, unless NO_COLOR is set)")
        check.add_argument("--no-config", action="store_true", help="ignore [tool.factlint] in pyproject.toml")
        check.add_argument("--config", metavar="PATH", help="the configuration file: a factlint.toml (settings at "
                           "the top level) or a pyproject.toml ([tool.factlint]) (default: the nearest one)")
        check.add_argument("--force-exclude", action="store_true", help="apply 'exclude' to files named on the "
                           "command line too, as the pre-commit hook does")
        check.add_argument("--no-respect-gitignore", dest="respect_gitignore", action="store_false", default=None,
                           help="also walk what .gitignore and git's other exclude files ignore")
        check.add_argument("--stdin-filename", metavar="PATH", help="with the path -, the name of the article read "
                           "from standard input: for its story's globs, per-file-ignores and the report")
        check.add_argument("-q", "--quiet", action="store_true", help="print the findings and errors only, no "
                           "summary or warnings")
        check.add_argument("-v", "--verbose", action="store_true", help="say on stderr which configuration, rule "
                           "files and stories were used, and which files were skipped and why")
        check.add_argument("--no-cache", action="store_true", help="check every article again, ignoring the cache")
        check.add_argument("--cache-dir", metavar="PATH", help="where results are cached (default: .factlint_cache "
                           "in the project root, or $FACTLINT_CACHE_DIR)")
        check.add_argument("--jobs", "-j", type=int, metavar="N", help="processes for many files (default: the "
                           "number of CPUs)")
        check.add_argument("--story", metavar="ID", help="the story of articles that neither their front matter nor "
                           "a rule file's 'files' globs assign to one")
        check.add_argument("--rules-changed", action="store_true",
                           help="the PATHs are changed rule files: check the articles (under the configured paths) of "
                                "their stories, every article for a newsroom-wide file (the pre-commit hook for rules)")
    if only in (None, "compare"):
        compare = sub.add_parser(
            "compare", help="compare versions of a story with their source, with no rule written",
            description="Compare each VERSION (a translation or rewrite) with SOURCE: dates, times, figures, "
                        "countries, names, list members and (in one language) quotations. A value that contradicts "
                        "the source's is an error, one the version adds a warning, one it drops an info.")
        compare.add_argument("source", metavar="SOURCE")
        compare.add_argument("versions", nargs="+", metavar="VERSION")
        compare.add_argument("--rules", action="append", metavar="PATH", help="rule files whose entities name people "
                             "and places in every script (default: rules/ when it exists)")
        compare.add_argument("--story", metavar="ID", help="the story whose rules to use (default: the source's)")
        compare.add_argument("--lang", help="language of articles without front matter 'lang'")
        compare.add_argument("--output-format", choices=sorted(FORMATS), help="how findings are printed "
                             "(default: text)")
        compare.add_argument("--fail-level", choices=SEVERITIES, help="lowest severity that makes the exit code 1 "
                             "(default: error)")
        compare.add_argument("--no-config", action="store_true", help="ignore [tool.factlint] in pyproject.toml")
    if only in (None, "audit"):
        from .commands.audit import add_parser

        add_parser(sub, SEVERITIES)
    if only in (None, "clean"):
        clean = sub.add_parser("clean", help="remove the result cache")
        clean.add_argument("--cache-dir", metavar="PATH", help="the cache to remove (default: .factlint_cache in "
                           "the project root)")
    if only in (None, "schema"):
        sub.add_parser("schema", help="print the JSON Schema of rule files",
                       description="Print the JSON Schema of rule files (for editors and yaml-language-server).")
    if only in (None, "rules"):
        listing = sub.add_parser("rules", help="list the stories (rule files, articles) and every fact",
                                 description="List every story with its rule files and how many articles it covers, "
                                             "then every fact. Validates every rule file.")
        listing.add_argument("paths", nargs="*", metavar="PATH", help="articles or folders to count (default: the "
                             "configured paths)")
        listing.add_argument("--rules", action="append", metavar="PATH", help="a rule file or folder (default: rules/)")
    if only in (None, "explain"):
        explain = sub.add_parser("explain", help="show one fact: its expected value, sources and message")
        explain.add_argument("fact_id", metavar="FACT-ID", help="STORY/ID, or ID when one story has it")
        explain.add_argument("--rules", action="append", metavar="PATH", help="a rule file or folder (default: rules/)")
    if only in (None, "test"):
        test = sub.add_parser(
            "test", help="run the examples inside facts and the annotated fixture articles",
            description="Run every fact's examples, and check annotated fixture articles (.md, .txt) found among "
                        "the paths: '<!-- ruleid: FACT-ID -->' on the line before a line that must get that "
                        "finding, '<!-- ok: FACT-ID -->' before one that must not.")
        test.add_argument("paths", nargs="*", metavar="PATH", help="rule files, fixture articles or folders "
                          "(default: rules/)")
    if only in (None, "draft"):
        draft = sub.add_parser(
            "draft", help="draft a rule file from an article you trust",
            description="Read an article the editor trusts and print a rule file to review: its people and "
                        "titles, dated events, enumerations and quotations, each with examples and a confidence note.")
        draft.add_argument("article", metavar="ARTICLE")
        draft.add_argument("--lang", help="the article's language (default: front matter, else detected)")
        draft.add_argument("--date", help="the publication date, YYYY-MM-DD, for relative dates (default: "
                           "front matter)")
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    if out is None or err is None:
        _hold_closed_descriptors()
    if out is None and sys.stdout is None:  # started with stdout closed (`>&-`): no report can be written
        if sys.stderr is not None:
            sys.stderr.write("factlint: standard output is closed; the report cannot be written\n")
        return EXIT_ERROR
    if err is None and sys.stderr is None:  # stderr closed (`2>&-`): messages go nowhere, exit codes stay
        err = io.StringIO()
    if out is None:
        out = sys.stdout
        with contextlib.suppress(AttributeError, ValueError):  # article text is UTF-8 whatever the console is
            out.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    if err is None:
        err = sys.stderr
        with contextlib.suppress(AttributeError, ValueError):
            err.reconfigure(encoding="utf-8", errors="backslashreplace")  # type: ignore[union-attr]
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    _ARGV[:] = argv
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse's own exit code is 2 for bad usage
        return int(e.code or 0)
    if args.command is None:
        parser.print_help(err)
        return EXIT_ERROR
    if getattr(args, "lang", None) is not None:  # as [tool.factlint] 'lang' is: a file named --lang=x.md is no tag
        if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", args.lang):
            err.write(f"factlint: --lang must be a language tag such as en, got {args.lang!r}\n")
            return EXIT_ERROR
        args.lang = args.lang.split("-")[0].lower()
    try:
        module = importlib.import_module(f".commands.{COMMANDS[args.command]}", __package__)
        code = module.run(args, out, err)
        out.flush()  # here, where a full disk is a message, not at the interpreter's exit
        return code
    except FactlintError as e:
        err.write(f"{e}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        err.write("factlint: interrupted\n")
        return 130
    except BrokenPipeError:  # `factlint ... | head`: the reader left; say nothing more
        _quiet_stdout()
        return EXIT_ERROR
    except OSError as e:  # a report that cannot be written (`--output-file /dev/full`, a full disk)
        why = printable(e.strerror or str(e))
        with contextlib.suppress(OSError):  # stderr may be what cannot be written
            err.write(f"factlint: {printable(os.fsdecode(e.filename))}: {why}\n" if e.filename else
                      f"factlint: cannot write the report: {why}\n")
        if e.errno in (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EDQUOT):
            _quiet_stdout()
        return EXIT_ERROR
    except Exception as e:  # noqa: BLE001 - the last line of defence: a message, not a traceback
        if os.environ.get("FACTLINT_DEBUG"):
            raise
        err.write(f"factlint: internal error: {type(e).__name__}: {e} (set FACTLINT_DEBUG=1 for a traceback)\n")
        return EXIT_ERROR


def _hold_closed_descriptors() -> None:
    """Opens the null device on standard descriptors the process was started without (`>&-`,
    `2>&-`): else the next file opened takes number 1 or 2, and messages meant for the terminal
    would be written into it."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                held = os.open(os.devnull, os.O_RDWR)
                if held != fd:  # a lower one was free too; it is held by its own turn of the loop
                    os.close(held)


def _quiet_stdout() -> None:
    """Points stdout at the null device, so that the interpreter's final flush of what could not be
    written raises nothing more (no "Exception ignored", no exit code 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
