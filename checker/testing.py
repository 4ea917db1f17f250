"""``factlint test``: a rule is only as good as the texts it was tried on.

Two kinds of test, as semgrep's ``--test`` and prh's rule-file specs have them:

- examples inside each fact (``examples: {pass: [...], fail: [...]}``): short texts run
  through the real pipeline against that fact alone; a failure points at the example in
  the rule file, so the editor lands on the line to fix;
- annotated fixture articles (.md, .txt) among the paths: ``<!-- ruleid: FACT-ID -->``
  on the line before a line that must get a finding of that fact, ``<!-- ok: FACT-ID -->``
  before one that must not. Any other finding in a fixture is a failure too, so a fixture
  also guards against new false positives.

Exit codes: 0 every test passed, 1 one failed, 2 the rules or a fixture could not be read.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, TextIO

import regex

from . import suppress
from .article import MD_SUFFIXES, decode, read_article
from .check import check_article
from .config import Settings
from .facts import FactCheck
from .model import TOOL_IDS, FactlintError, Finding, Origin, Severity, show
from .rules import RuleErrors, RuleSet
from .run import Pipeline, Scope

ARTICLE_SUFFIXES = MD_SUFFIXES | {".txt"}
ANNOTATION = regex.compile(r"<!--[ \t]*(?P<verb>ruleid|ok)[ \t]*:(?P<ids>[^>]*?)-->")
ID = regex.compile(r"[a-z0-9][a-z0-9._-]*(?:/[a-z0-9][a-z0-9-]*)?")  # FACT or STORY/FACT


@dataclass(frozen=True)
class Example:
    """One text from a fact's ``examples``; ``origin`` is where it is written."""

    text: str
    must_fail: bool
    severity: Severity | None  # for fail examples: the severity the finding must have
    lang: str | None
    date: dt.date | None
    origin: Origin


@dataclass(frozen=True)
class Annotation:
    verb: str  # ruleid or ok
    fact_id: str
    line: int  # the line the annotation is about (the one after the comment)
    origin: Origin  # the comment itself


@dataclass
class Outcome:
    passed: int = 0
    failed: int = 0
    unreadable: int = 0


def examples(fact: Any) -> list[Example]:
    """A fact's examples in file order; a string is shorthand for ``{text: ...}``."""
    found = []
    spec = fact.spec.get("examples") or {}
    for group in ("pass", "fail"):
        for i, item in enumerate(spec.get(group) or []):
            at = fact.where("examples", group, i, *(() if isinstance(item, str) else ("text",)))
            item = {"text": item} if isinstance(item, str) else item
            date = dt.date.fromisoformat(item["date"]) if item.get("date") else None
            severity = Severity.parse(item["severity"]) if item.get("severity") else None
            found.append(Example(item["text"], group == "fail", severity, item.get("lang"), date, at))
    return found


def _bad_example_dates(rules: RuleSet) -> list[FactlintError]:
    """The schema checks the shape of a date; the calendar decides whether it exists."""
    errors = []
    for fact in rules.facts:
        for group in ("pass", "fail"):
            for i, item in enumerate((fact.spec.get("examples") or {}).get(group) or []):
                if isinstance(item, dict) and item.get("date"):
                    try:
                        dt.date.fromisoformat(item["date"])
                    except ValueError:
                        o = fact.where("examples", group, i, "date")
                        errors.append(FactlintError(f"fact '{fact.id}': example date {item['date']!r} is not a "
                                                    "real date", o.path, o.line, o.column))
    return errors


def run_example(example: Example, check: FactCheck, rules: RuleSet) -> str | None:
    """None when the example behaves as written; otherwise what went wrong, in one line."""
    article = read_article(str(example.origin), rules.languages, default_lang=example.lang,
                           raw=example.text.encode("utf-8"))
    if example.date is not None:
        article.date = example.date
    mine = [f for f in check_article(article, [check], rules) if f.rule_id == check.fact.key]
    fact = check.fact
    if not example.must_fail:
        if not mine:
            return None
        f = mine[0]
        return (f"fact '{fact.id}': pass example got {f.severity} at column {f.start.column}: "
                f"{f.message}")
    want = example.severity or fact.severity
    if any(f.severity == want for f in mine):
        return None
    if mine:
        got = ", ".join(sorted({str(f.severity) for f in mine}))
        return f"fact '{fact.id}': fail example should give {want} but gave {got}: {mine[0].message}"
    return f"fact '{fact.id}': fail example gave no finding ({want} expected): \"{show(example.text)}\""


def fixture_files(paths: Iterable[str]) -> list[str]:
    files: list[str] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for root, dirs, names in os.walk(given):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                files += [os.path.join(root, n) for n in sorted(names)
                          if Path(n).suffix.lower() in ARTICLE_SUFFIXES and not n.startswith(".")]
        elif p.suffix.lower() in ARTICLE_SUFFIXES:
            files.append(given)
    return files


def _rule_paths(paths: Iterable[str]) -> list[str]:
    """Folders and YAML files hold rules; article files are fixtures only."""
    return [p for p in paths if Path(p).is_dir() or Path(p).suffix.lower() not in ARTICLE_SUFFIXES]


def annotations(path: str, text: str) -> tuple[list[Annotation], str]:
    """The annotations of a fixture, and its text with them blanked out (same length, so every
    position stays where it is, in .txt files as in .md)."""
    line_starts = [0] + [m.end() for m in regex.finditer(r"\r\n|\r|\n", text)]
    found: list[Annotation] = []
    chars = list(text)
    for m in ANNOTATION.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.start() - line_starts[line - 1] + 1
        for fact_id in ID.findall(m.group("ids")):
            found.append(Annotation(m.group("verb"), fact_id, line + 1, Origin(path, line, column)))
        for i in range(m.start(), m.end()):
            chars[i] = " "
    return found, "".join(chars)


def run_fixture(path: str, scope: Scope, out: TextIO) -> tuple[int, int]:
    """Check one annotated article against its story's rules; print each failure. Returns (passed, failed)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as e:
        raise FactlintError(f"cannot read fixture: {e.strerror or e}", path) from None
    notes, text = annotations(path, decode(raw, path))
    rules = scope.rules
    article = read_article(path, rules.languages, raw=text.encode("utf-8"))
    for note in notes:
        if note.fact_id not in scope.keys and note.fact_id not in TOOL_IDS:
            raise FactlintError(f"annotation names no known fact '{note.fact_id}'", *_at(note.origin))
    suppress.resolve(article.suppressions, scope.keys)
    findings = suppress.apply(check_article(article, scope.checks, rules), article.suppressions, scope.known,
                              scope.known, path, article.position)
    passed = failed = 0
    want = [(n, scope.keys.get(n.fact_id, n.fact_id)) for n in notes]
    expected = {(key, n.line) for n, key in want if n.verb == "ruleid"}
    for note, key in want:
        hits = [f for f in findings if f.rule_id == key and f.start.line == note.line]
        if note.verb == "ruleid" and not hits:
            failed += 1
            out.write(f"{note.origin}: expected a finding of '{note.fact_id}' on line {note.line}, got none\n")
        elif note.verb == "ok" and hits:
            failed += 1
            out.write(f"{note.origin}: expected no finding of '{note.fact_id}' on line {note.line}, got "
                      f"{_describe(hits[0])}\n")
        else:
            passed += 1
    for f in findings:
        if (f.rule_id, f.start.line) not in expected:
            failed += 1
            out.write(f"{f.path}:{f.start.line}:{f.start.column}: unexpected finding (no '<!-- ruleid: "
                      f"{f.rule_id} -->' on the line before): {_describe(f)}\n")
    return passed, failed


def fixture_story(path: str, pipeline: Pipeline) -> str | None:
    """A fixture's story: its front matter, the globs, else the story of the rule file beside it
    with the same name (``rules/story.md`` is the fixture of ``rules/story.yaml``), else the one
    story among the rules tested, if there is only one."""
    story = pipeline.assign(path, Path(path).read_bytes()).story
    if story is None:
        stem = os.path.splitext(os.path.abspath(path))[0]
        story = next((f.story for f in pipeline.index.files
                      if f.story and os.path.splitext(os.path.abspath(f.path))[0] == stem), None)
    if story is None and len(pipeline.index.stories) == 1:
        story = next(iter(pipeline.index.stories))
    if story is not None and story not in pipeline.index.stories:
        raise FactlintError(f"the fixture's story '{story}' has no rule file among the rules tested", path)
    return story


def _describe(f: Finding) -> str:
    return f"{f.severity} {f.rule_id}: {f.message}"


def _at(origin: Origin) -> tuple[str, int, int]:
    return origin.path, origin.line, origin.column


def run_tests(paths: list[str], out: TextIO, err: TextIO) -> int:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        for p in missing:
            err.write(f"{p}: no such rule file, fixture or folder\n")
        return 2
    try:
        pipeline = Pipeline(Settings(rules=_rule_paths(paths) or ["rules"]))
        scopes = pipeline.every_scope()
        problems = [e for _, scope in scopes for e in _bad_example_dates(scope.rules)]
        if problems:
            raise RuleErrors(list({str(e): e for e in problems}.values()))
    except RuleErrors as e:
        for one in e.errors:
            err.write(f"{one}\n")
        return 2
    except FactlintError as e:
        err.write(f"{e}\n")
        return 2
    outcome = Outcome()
    untested = []
    checks = [(c, scope.rules) for story, scope in scopes for c in scope.checks if c.fact.story == story]
    for check, rules in checks:
        cases = examples(check.fact)
        if not cases:
            untested.append(check.fact.key)
        for example in cases:
            try:
                problem = run_example(example, check, rules)
            except FactlintError as e:  # a pattern that times out on the example, for instance
                problem = f"fact '{check.fact.id}': example could not be checked: {e.message}"
            if problem is None:
                outcome.passed += 1
            else:
                outcome.failed += 1
                out.write(f"{example.origin}: {problem}\n")
    fixtures = fixture_files(paths)
    for path in fixtures:
        try:
            passed, failed = run_fixture(path, pipeline.scope(fixture_story(path, pipeline)), out)
        except OSError as e:
            err.write(f"{path}: cannot read fixture: {e.strerror or e}\n")
            outcome.unreadable += 1
            continue
        except FactlintError as e:
            err.write(f"{e}\n")
            outcome.unreadable += 1
            continue
        outcome.passed += passed
        outcome.failed += failed
    n_examples = sum(len(examples(c.fact)) for c, _ in checks)
    summary = (f"{outcome.passed} passed, {outcome.failed} failed ({n_examples} examples in {len(checks)} facts, "
               f"{len(fixtures)} fixture files)")
    out.write(summary + "\n")
    if untested:
        out.write(f"facts without examples: {', '.join(untested)}\n")
    if outcome.unreadable:
        return 2
    return 1 if outcome.failed else 0
