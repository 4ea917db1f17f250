"""``--output-format json``: one JSON document, in a shape that is versioned and documented here.

Shape (version 1; a field is only ever added within a version, never renamed or removed)::

    {
      "version": 1,
      "tool": {"name": "factlint", "version": "0.1.0"},
      "findings": [
        {
          "path": "seeds/a.txt",        # as given on the command line
          "line": 11, "column": 224,     # 1-based; columns count Unicode code points
          "end_line": 11, "end_column": 237,   # the position just after the finding (exclusive)
          "rule": "invasion-date",       # the fact's id
          "severity": "error",           # "error", "warning" or "info"
          "message": "...",
          "found": "February 2014",      # the article's words
          "expected": "2022-02-24",      # what the fact says
          "sources": ["Reuters <https://...>", "..."],
          "related": [                   # other places the finding is about (added in version 1):
            {"path": "id.md", "line": 5, "column": 22, "end_line": 5, "end_column": 27,
             "message": "the source's words"}   # for a version's finding, its source's words
          ]
        }
      ],
      "summary": {
        "files": 2, "files_with_findings": 1, "unreadable": 0, "problems": 3,
        "by_severity": {"error": 2, "warning": 1, "info": 0}
      }
    }

Findings are sorted by path, line and column. The document is written as it goes (one finding a
line), so a consumer can also read it line by line. Every string is JSON-escaped and non-ASCII is
written as ``\\uXXXX``, so the output is valid JSON (and plain ASCII) whatever the article or the
file name holds.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from .. import __version__
from ..model import Finding, Severity
from . import Reporter, Summary
from .escape import decodable

if TYPE_CHECKING:
    from ..rules import RuleSet

FORMAT_VERSION = 1


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=True)


def finding_object(f: Finding) -> dict[str, Any]:
    return {
        "path": decodable(f.path),
        "line": f.start.line,
        "column": f.start.column,
        "end_line": f.end.line,
        "end_column": f.end.column,
        "rule": f.rule_id,
        "severity": str(f.severity),
        "message": f.message,
        "found": f.found,
        "expected": f.expected,
        "sources": list(f.sources),
        "related": [{"path": r.path, "line": r.start.line, "column": r.start.column, "end_line": r.end.line,
                     "end_column": r.end.column, "message": r.message} for r in f.related],
    }


def summary_object(s: Summary) -> dict[str, Any]:
    return {
        "files": s.files,
        "files_with_findings": s.files_with_findings,
        "unreadable": s.unreadable,
        "problems": s.problems,
        "by_severity": {str(sev): s.counts.get(sev, 0) for sev in sorted(Severity, reverse=True)},
    }


class JsonReporter(Reporter):
    name = "json"

    def __init__(self, out: TextIO, rules: "RuleSet | None" = None) -> None:
        super().__init__(out, rules)
        self._started = False
        self._count = 0

    def _start(self) -> None:
        if not self._started:
            self._started = True
            head = {"version": FORMAT_VERSION, "tool": {"name": "factlint", "version": __version__}}
            # the opening of the document, without its closing brace: findings follow
            self.out.write(_dump(head)[:-1] + ', "findings": [')

    def file(self, path: str, findings: list[Finding]) -> None:
        self._start()
        for f in findings:
            self.out.write(("," if self._count else "") + "\n" + _dump(finding_object(f)))
            self._count += 1

    def close(self, summary: Summary) -> None:
        self._start()
        self.out.write(("\n" if self._count else "") + '], "summary": ' + _dump(summary_object(summary)) + "}\n")
