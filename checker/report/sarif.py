"""``--output-format sarif``: SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif).

One run; ``tool.driver.rules`` holds every fact that fired (in rule-file order), each result points
at its rule by ``ruleId`` and ``ruleIndex``. Regions are 1-based with an exclusive end column, in
Unicode code points (``columnKind: unicodeCodePoints``). ``partialFingerprints`` hash the fact, the
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
from ..model import NO_STORY, UNCOVERED, Finding, Severity
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


def artifact_uri(path: str) -> str:
    """The path as given, relative to the working directory when it lies inside it, with forward
    slashes and percent-encoded; a path outside it becomes a ``file://`` URI."""
    p = Path(path)
    if p.is_absolute():
        try:
            p = Path(os.path.abspath(path)).relative_to(os.getcwd())
        except ValueError:
            return p.as_uri()
    raw = p.as_posix().encode("utf-8", "surrogateescape")  # undecodable names keep their bytes
    return quote(raw, safe=URI_SAFE)


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
        for f in self.findings:
            uri = artifact_uri(f.path)
            key = (f.rule_id, uri, f.found, f.expected)
            seen[key] = seen.get(key, 0) + 1  # the same words twice in one file stay two alerts
            result = {
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id],
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
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
                        "artifactLocation": {"uri": artifact_uri(r.path)},
                        "region": {"startLine": r.start.line, "startColumn": r.start.column,
                                   "endLine": r.end.line, "endColumn": r.end.column}},
                    "message": {"text": r.message or "related"},
                } for i, r in enumerate(f.related)]
            results.append(result)
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
                "invocations": [{"executionSuccessful": summary.unreadable == 0}],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        }
        self.out.write(json.dumps(log, indent=2, ensure_ascii=True) + "\n")
