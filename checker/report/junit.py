"""``--output-format junit``: JUnit XML, for CI systems that show test reports.

One ``<testcase classname="factlint" name=PATH>`` per checked file, with a ``<failure>`` per
finding at or above the fail level (``type`` = the fact's id, ``message`` = the finding's message;
its text gives the position, the article's words, the expected value and the sources); findings
below the fail level are in the case's ``<system-out>``. ``failures`` counts the failed test cases
(files), as JUnit does. Each file or rule file that could not be checked is a test case with an
``<error>`` that gives the reason. The XML is built with ElementTree;
characters XML 1.0 cannot hold are removed and the document is written in ASCII (anything else
as character references), so it parses whatever the articles or file names contain.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from ..model import Finding
from . import Reporter, Summary
from .escape import inert
from .text import summary_line

if TYPE_CHECKING:
    from ..rules import RuleSet

# Everything outside XML 1.0's Char production (surrogates included).
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")  # undecodable file names
    return NOT_XML.sub("", text.replace("\r\n", "\n"))


def failure_text(f: Finding) -> str:
    lines = [f"{f.path}:{f.start.line}:{f.start.column}: {f.severity} {f.rule_id} {f.message}",
             f"found: {f.found}", f"expected: {f.expected}"]
    if f.sources:
        lines.append("sources:")
        lines += [f"- {s}" for s in f.sources]
    return "\n".join(lines)


class JunitReporter(Reporter):
    name = "junit"

    def __init__(self, out: TextIO, rules: "RuleSet | None" = None) -> None:
        super().__init__(out, rules)
        self.suite = ET.Element("testsuite", name="factlint")
        self.failures = 0
        self.tests = 0

    def file(self, path: str, findings: list[Finding]) -> None:
        """A file is a test case that fails when a finding reaches the fail level; the findings
        below it are listed in the case's output, as they do not fail the run either."""
        case = ET.SubElement(self.suite, "testcase", classname="factlint", name=inert(xml_text(path)))
        self.tests += 1
        level = self.fail_level
        failing = [f for f in findings if f.severity >= level]
        for f in failing:
            failure = ET.SubElement(case, "failure", type=xml_text(f.rule_id), message=xml_text(f.message))
            failure.text = xml_text(failure_text(f))
        self.failures += bool(failing)
        below = [f for f in findings if f.severity < level]
        if below:
            ET.SubElement(case, "system-out").text = xml_text("\n\n".join(failure_text(f) for f in below))

    def close(self, summary: Summary) -> None:
        errors = 0
        for e in self.errors:  # a file (or rule file) that could not be checked: an <error> with its reason
            case = ET.SubElement(self.suite, "testcase", classname="factlint",
                                 name=inert(xml_text(e.path or "factlint")))
            error = ET.SubElement(case, "error", type="error", message=xml_text(e.message))
            error.text = xml_text(str(e))
            self.tests += 1
            errors += 1
        unexplained = summary.unreadable - len(self.errors)
        if unexplained > 0:  # a caller that counted errors without handing them over
            case = ET.SubElement(self.suite, "testcase", classname="factlint", name="unreadable files")
            error = ET.SubElement(case, "error", type="unreadable",
                                  message=f"{unexplained} file(s) could not be checked")
            error.text = "The reasons are on standard error."
            self.tests += 1
            errors += 1
        counts = {"tests": str(self.tests), "failures": str(self.failures), "errors": str(errors),
                  "skipped": "0"}
        self.suite.attrib.update(counts)
        root = ET.Element("testsuites", name="factlint", **counts)
        root.append(self.suite)
        ET.SubElement(self.suite, "system-out").text = summary_line(summary)
        ET.indent(root)
        self.out.write(ET.tostring(root, encoding="us-ascii", xml_declaration=True).decode("ascii") + "\n")
