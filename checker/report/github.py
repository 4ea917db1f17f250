"""``--output-format github``: GitHub Actions workflow commands, one line per finding.

    ::error file=PATH,line=L,endLine=L2,col=C,endColumn=C2,title=factlint (RULE-ID)::PATH:L:C: MESSAGE

``::warning`` for warnings, ``::notice`` for info. Columns are left out when a finding spans
several lines. Escaping follows actions/toolkit (packages/core/src/command.ts), so no article text
or file name can end the line and start a command of its own.

GitHub shows only 10 annotations of each type per step, so when ``GITHUB_STEP_SUMMARY`` names a
file, a Markdown table of every finding is appended to it as well (at most 1 MiB, GitHub's limit
for a step's summary), each file linked to its line at the run's commit; a final ``::notice`` says
how many were not annotated. Files and rule files that could not be checked are ``::error``
annotations at the place they name. The last line printed is the same summary line as the text format's.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from ..model import FactlintError, Finding, Severity
from . import Reporter, Summary
from .escape import github_file
from .text import safe, summary_line

if TYPE_CHECKING:
    from ..rules import RuleSet

STEP_SUMMARY_LIMIT = 1024 * 1024  # bytes GitHub accepts in one step's summary
NOTE_RESERVE = 512  # room for the truncation note
COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ANNOTATIONS_PER_STEP = 10  # GitHub shows at most this many annotations of each type per step


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def unescape_property(text: str) -> str:
    """The inverse of ``escape_property`` (what the runner does); for tests and tools."""
    for code, ch in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(code, ch)
    return text


def _encodable(text: str) -> str:
    """A file name that did not decode (surrogate escapes) cannot be written out; show U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def error_command(e: FactlintError) -> str:
    """A file or rule file that could not be checked, as an ``::error`` at the place it names."""
    props = []
    if e.path is not None:
        props.append(("file", _encodable(e.path)))
        if e.line is not None:
            props.append(("line", str(e.line)))
            if e.column is not None:
                props.append(("col", str(e.column)))
    props.append(("title", "factlint"))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::error {head}::{escape_data(str(e))}"


def command(f: Finding) -> str:
    path = _encodable(f.path)
    props = [("file", github_file(f.path)), ("line", str(f.start.line)), ("endLine", str(f.end.line))]
    if f.start.line == f.end.line:
        props += [("col", str(f.start.column)), ("endColumn", str(f.end.column))]
    props.append(("title", f"factlint ({f.rule_id})"))
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    text = f"{safe(path)}:{f.start.line}:{f.start.column}: {safe(f.message)}"
    return f"::{COMMANDS[f.severity]} {head}::{escape_data(text)}"


# --------------------------------------------------------------------------- step summary

MARKDOWN_SPECIAL = set("\\`*_~[]<>&|!")


def cell(text: str) -> str:
    """Table-cell text: Markdown and HTML in it are shown, not rendered; line breaks become <br>."""
    lines = _encodable(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join("".join("\\" + ch if ch in MARKDOWN_SPECIAL else ch for ch in safe(line))
                       for line in lines)


TABLE_HEAD = "| File | Line | Column | Severity | Rule | Message |\n| --- | ---: | ---: | --- | --- | --- |\n"


def blob_url(path: str, line: int, root: Path) -> str | None:
    """The file at the run's commit on GitHub, at ``line`` (GITHUB_SERVER_URL, GITHUB_REPOSITORY,
    GITHUB_SHA; paths relative to GITHUB_WORKSPACE, else the project root), or None outside Actions."""
    env = os.environ
    server, repo, sha = env.get("GITHUB_SERVER_URL"), env.get("GITHUB_REPOSITORY"), env.get("GITHUB_SHA")
    if not (server and repo and sha):
        return None
    base = env.get("GITHUB_WORKSPACE") or str(root)
    try:
        rel = Path(os.path.realpath(path)).relative_to(os.path.realpath(base))
    except ValueError:
        return None
    raw = rel.as_posix().encode("utf-8", "surrogateescape")
    return f"{server.rstrip('/')}/{quote(repo, safe='/')}/blob/{quote(sha, safe='')}/{quote(raw, safe='/')}#L{line}"


def row(f: Finding, root: Path | None = None) -> str:
    where = cell(f.path)
    url = blob_url(f.path, f.start.line, root or Path.cwd())
    if url is not None:
        where = f"[{where}]({url})"
    cells = [where, str(f.start.line), str(f.start.column), str(f.severity), cell(f.rule_id),
             cell(f.message)]
    return "| " + " | ".join(cells) + " |\n"


class GithubReporter(Reporter):
    name = "github"

    def __init__(self, out: TextIO, rules: "RuleSet | None" = None) -> None:
        super().__init__(out, rules)
        self.rows: list[str] = []
        self.rows_size = 0
        self.omitted = 0
        self.annotations: Counter[str] = Counter()  # annotations written, by type
        self._root: Path | None = None

    def file(self, path: str, findings: list[Finding]) -> None:
        if findings and self._root is None:
            self._root = self.root
        for f in findings:
            self.out.write(command(f) + "\n")
            self.annotations[COMMANDS[f.severity]] += 1
            r = row(f, self._root)
            size = len(r.encode("utf-8"))
            # Keep rows while they fit; the rest is only counted (every finding is in the log).
            if not self.omitted and self.rows_size + size <= STEP_SUMMARY_LIMIT:
                self.rows.append(r)
                self.rows_size += size
            else:
                self.omitted += 1

    def error(self, error: FactlintError) -> None:
        super().error(error)
        self.out.write(error_command(error) + "\n")
        self.annotations["error"] += 1

    def close(self, summary: Summary) -> None:
        line = summary_line(summary)
        target = os.environ.get("GITHUB_STEP_SUMMARY")
        written = False
        if target:
            try:
                self._append_step_summary(target, line)
                written = True
            except OSError as e:
                self.out.write(f"::warning title=factlint::{escape_data(f'could not write the step summary: {e}')}\n")
        hidden = sum(max(0, n - ANNOTATIONS_PER_STEP) for n in self.annotations.values())
        if hidden:  # GitHub drops the rest without a word: say so, and where they all are
            where = "the step summary lists every finding" if written else "every finding is in this log"
            total = sum(self.annotations.values())
            note = (f"{hidden} of {total} annotations not shown: GitHub shows at most {ANNOTATIONS_PER_STEP} of each "
                    f"type per step; {where}")
            self.out.write(f"::notice title=factlint::{escape_data(note)}\n")
        self.out.write(line + "\n")

    def _append_step_summary(self, target: str, line: str) -> None:
        try:
            existing = os.path.getsize(target)
        except OSError:
            existing = 0
        # What the step already wrote counts against the same limit.
        budget = STEP_SUMMARY_LIMIT - existing
        head, tail = "## factlint\n\n", f"\n{line}\n"
        fixed = len((head + TABLE_HEAD + tail).encode("utf-8")) + NOTE_RESERVE
        if budget < fixed:
            raise OSError(f"{target} is already (nearly) at GitHub's 1 MiB limit; findings are only in the log")
        rows, used = [], 0
        for r in self.rows:
            used += len(r.encode("utf-8"))
            if used > budget - fixed:
                break
            rows.append(r)
        omitted = self.omitted + len(self.rows) - len(rows)
        note = ""
        if omitted:
            shown = len(rows)
            note = (f"\n**Table truncated:** {shown} of {shown + omitted} findings shown, to stay within "
                    f"GitHub's 1 MiB limit for a step summary. Every finding is in the log.\n")
        body = head + (TABLE_HEAD + "".join(rows) if rows else "") + note + tail
        with open(target, "a", encoding="utf-8", newline="\n") as fh:
            fh.write(body)
