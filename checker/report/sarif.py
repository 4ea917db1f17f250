"""``--output-format sarif``: SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif).

One run; ``tool.driver.rules`` holds every fact that fired (in rule-file order), each result points
at its rule by ``ruleId`` and ``ruleIndex``. Regions are 1-based with an exclusive end column, in
Unicode code points (``columnKind: unicodeCodePoints``). Paths are relative to the project root
(``uriBaseId: %SRCROOT%``, whose absolute URI is in ``originalUriBaseIds``). Files and rule files
that could not be checked are ``toolExecutionNotifications`` of the invocation, with their location. ``partialFingerprints`` hash the fact, the
file, the article's words and the expected value (not the line), so an alert survives edits that
move it. The document is written once, when the run is complete.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from .. import __version__
from ..model import NO_STORY, UNCOVERED, FactlintError, Finding, Severity
from ..suppress import UNUSED
from . import Reporter, Summary

if TYPE_CHECKING:
    from ..rules import Fact, RuleSet

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/factlint/factlint"
HELP_URI = INFORMATION_URI + "/blob/main/docs/rules.md#{kind}"
FINGERPRINT = "factlintFinding/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# RFC 3986 pchar without ":" (a relative reference's first segment cannot hold one), plus "/".
URI_SAFE = "/!$&'()*+,;=@"


SRCROOT = "%SRCROOT%"


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """The path relative to the project root (``uriBaseId: %SRCROOT%``), with forward slashes and
    percent-encoded, so that code scanning opens it whichever folder factlint ran in; a path
    outside the root becomes a ``file://`` URI."""
    absolute = os.path.abspath(path)
    rel = None
    for a, r in ((absolute, os.path.abspath(root)), (os.path.realpath(absolute), os.path.realpath(root))):
        try:
            rel = Path(a).relative_to(r)
            break
        except ValueError:
            continue
    if rel is None:
        return {"uri": Path(absolute).as_uri()}
    raw = rel.as_posix().encode("utf-8", "surrogateescape")  # undecodable names keep their bytes
    return {"uri": quote(raw, safe=URI_SAFE), "uriBaseId": SRCROOT}


def root_uri(root: Path) -> str:
    """``originalUriBaseIds``' URI of the root: absolute, ending with a slash (SARIF 3.14.14)."""
    uri = Path(os.path.abspath(root)).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def notification(e: FactlintError, root: Path) -> dict[str, Any]:
    """A file or rule file that could not be checked, where it says so (toolExecutionNotifications)."""
    note: dict[str, Any] = {"level": "error", "message": {"text": e.message},
                            "descriptor": {"id": "factlint-error"}}
    if e.path is not None:
        physical: dict[str, Any] = {"artifactLocation": artifact_location(e.path, root)}
        if e.line is not None and e.line >= 1:
            physical["region"] = {"startLine": e.line}
            if e.column is not None and e.column >= 1:
                physical["region"]["startColumn"] = e.column
        note["locations"] = [{"physicalLocation": physical}]
    return note


def _entity_name(rules: "RuleSet", entity_id: Any) -> str:
    entity = rules.entities.get(entity_id) if isinstance(entity_id, str) else None
    return entity.name if entity else str(entity_id)


def expected_text(fact: "Fact", rules: "RuleSet") -> str:
    """What the fact says, in words, from the kind-specific key of its YAML."""
    spec = fact.spec
    if fact.kind == "date":
        return str(spec.get("expected", ""))
    if fact.kind == "set":
        return ", ".join(_entity_name(rules, m) for m in spec.get("members", []))
    if fact.kind == "participants":
        people = []
        for p in spec.get("participants", []):
            name = _entity_name(rules, p.get("entity"))
            titles = p.get("titles")
            people.append(f"{name} ({', '.join(titles)})" if titles else name)
        return f"{_entity_name(rules, spec.get('subject'))} met {', '.join(people)}"
    if fact.kind == "quote":
        said = " / ".join(f'"{s}"' for s in spec.get("said", []))
        return f"{_entity_name(rules, spec.get('speaker'))} said {said}"
    if fact.kind == "name":
        aliases = spec.get("aliases") or []
        also = f" (also: {', '.join(aliases)})" if aliases else ""
        return f"{spec.get('canonical', '')}{also}"
    if fact.kind == "title":
        entity = rules.entities.get(spec.get("entity", ""))
        if entity is None:
            return str(spec.get("entity", ""))
        return f"{entity.name}: {', '.join(entity.titles)}"
    from ..facts import KINDS  # a kind without its own words here says it itself

    return KINDS[fact.kind](fact, rules).describe_expected() if fact.kind in KINDS else ""


def _source_text(source: Any) -> str:
    parts = [str(source)]
    if getattr(source, "date", ""):
        parts.append(f"({source.date})")
    if getattr(source, "quote", ""):
        parts.append(f"quoting: {source.quote}")
    return " ".join(parts)


# Findings that come from factlint itself rather than from a fact.
TOOL_RULES = {
    UNUSED: ("a factlint-disable comment that silences nothing, or names a fact that does not exist",
             "Remove the comment, or correct the fact id it names.",
             INFORMATION_URI + "#silencing-a-known-exception"),
    UNCOVERED: ("an article in a language that no rule covers: only language-neutral checks ran",
                "Add the language's words to the rules (docs/rules.md#languages), or give the article front "
                "matter 'lang'.", INFORMATION_URI + "#languages"),
    NO_STORY: ("an article whose front matter names a story that no rule file declares",
               "Correct the article's front matter 'story', or add the story's rule file (docs/rules.md#stories).",
               INFORMATION_URI + "#stories"),
}


def rule_descriptor(fact: "Fact | None", rules: "RuleSet | None", rule_id: str,
                    first: Finding) -> dict[str, Any]:
    if fact is None or rules is None:
        short, help_text, uri = TOOL_RULES.get(rule_id, (f"factlint rule {rule_id}", "", INFORMATION_URI))
        if not help_text:  # a reporter without the rule set: what the first finding says
            help_text = f"Expected: {first.expected}\nSources:\n" + "".join(f"- {s}\n" for s in first.sources)
        return {
            "id": rule_id,
            "shortDescription": {"text": short},
            "help": {"text": help_text},
            "helpUri": uri,
            "defaultConfiguration": {"level": LEVELS[first.severity]},
        }
    expected = expected_text(fact, rules)
    sources = "".join(f"- {_source_text(s)}\n" for s in fact.sources)
    return {
        "id": fact.key,
        "shortDescription": {"text": fact.message},
        "fullDescription": {"text": f"{fact.message} ({fact.kind} fact, {fact.origin})"},
        "help": {"text": f"Expected: {expected}\nSources:\n{sources}"},
        "helpUri": HELP_URI.format(kind=fact.kind),
        "defaultConfiguration": {"level": LEVELS[fact.severity]},
        "properties": {"kind": fact.kind, "tags": ["factlint", fact.kind]},
    }


def fingerprint(rule_id: str, uri: str, found: str, expected: str, occurrence: int) -> str:
    key = "\0".join([rule_id, uri, found, expected, str(occurrence)])
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


class SarifReporter(Reporter):
    name = "sarif"

    def __init__(self, out: TextIO, rules: "RuleSet | None" = None) -> None:
        super().__init__(out, rules)
        self.findings: list[Finding] = []

    def file(self, path: str, findings: list[Finding]) -> None:
        self.findings += findings

    def close(self, summary: Summary) -> None:
        fired: dict[str, Finding] = {}
        for f in self.findings:
            fired.setdefault(f.rule_id, f)
        described = {r: self.rules.lookup(r) if self.rules is not None else None for r in fired}

        def order(r: str) -> tuple[Any, ...]:  # rule-file order; factlint's own rules after the facts
            d = described[r]
            return (0, d[0].origin.path, d[0].origin.line, r) if d else (1, "", 0, r)

        ids = sorted(fired, key=order)
        index = {r: i for i, r in enumerate(ids)}
        descriptors = [rule_descriptor(*(described[r] or (None, None)), r, fired[r]) for r in ids]
        seen: dict[tuple[str, ...], int] = {}
        results = []
        root = self.root
        for f in self.findings:
            location = artifact_location(f.path, root)
            uri = location["uri"]
            key = (f.rule_id, uri, f.found, f.expected)
            seen[key] = seen.get(key, 0) + 1  # the same words twice in one file stay two alerts
            result = {
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id],
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": location,
                    "region": {"startLine": f.start.line, "startColumn": f.start.column,
                               "endLine": f.end.line, "endColumn": f.end.column},
                }}],
                "partialFingerprints": {FINGERPRINT: fingerprint(*key, seen[key])},
                "properties": {"found": f.found, "expected": f.expected, "sources": list(f.sources)},
            }
            if f.related:  # a version's finding: the source's words, which code scanning links to
                result["relatedLocations"] = [{
                    "id": i + 1,
                    "physicalLocation": {
                        "artifactLocation": artifact_location(r.path, root),
                        "region": {"startLine": r.start.line, "startColumn": r.start.column,
                                   "endLine": r.end.line, "endColumn": r.end.column}},
                    "message": {"text": r.message or "related"},
                } for i, r in enumerate(f.related)]
            results.append(result)
        invocation: dict[str, Any] = {"executionSuccessful": summary.unreadable == 0 and not self.errors}
        if self.errors:
            invocation["toolExecutionNotifications"] = [notification(e, root) for e in self.errors]
        log = {
            "$schema": SCHEMA_URI,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "factlint",
                    "version": __version__,
                    "semanticVersion": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": descriptors,
                }},
                "invocations": [invocation],
                "originalUriBaseIds": {SRCROOT: {"uri": root_uri(root)}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        }
        self.out.write(json.dumps(log, indent=2, ensure_ascii=True) + "\n")
