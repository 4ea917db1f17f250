"""The default format: one finding a line, ``PATH:LINE:COL: SEVERITY RULE-ID MESSAGE``."""
from __future__ import annotations

from ..model import Finding, Severity
from . import Reporter, Summary


def safe(text: str) -> str:
    """No article or path text reaches the terminal with control characters in it."""
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


class TextReporter(Reporter):
    name = "text"

    def file(self, path: str, findings: list[Finding]) -> None:
        for f in findings:
            self.out.write(f"{safe(f.path)}:{f.start.line}:{f.start.column}: {f.severity} {f.rule_id} "
                           f"{safe(f.message)}\n")

    def close(self, summary: Summary) -> None:
        self.out.write(summary_line(summary) + "\n")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def summary_line(s: Summary) -> str:
    files = _plural(s.files, "file")
    if s.problems == 0:
        line = f"No problems found in {files}."
    else:
        parts = ", ".join(_plural(s.counts[sev], str(sev)) for sev in sorted(Severity, reverse=True)
                          if s.counts[sev])
        line = f"Found {_plural(s.problems, 'problem')} ({parts}) in {s.files_with_findings} of {files}."
    if s.unreadable:
        line += f" {_plural(s.unreadable, 'file')} could not be checked."
    return line
