"""``--output-format junit``: JUnit XML, for CI systems that show test reports.

One ``<testcase classname="factlint" name=PATH>`` per checked file, with a ``<failure>`` per
finding (``type`` = the fact's id, ``message`` = the finding's message; its text gives the
position, the article's words, the expected value and the sources). Files that could not be
checked appear as one extra test case with an ``<error>``. The XML is built with ElementTree;
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
        case = ET.SubElement(self.suite, "testcase", classname="factlint", name=inert(xml_text(path)))
        self.tests += 1
        for f in findings:
            failure = ET.SubElement(case, "failure", type=xml_text(f.rule_id), message=xml_text(f.message))
            failure.text = xml_text(failure_text(f))
            self.failures += 1

    def close(self, summary: Summary) -> None:
        errors = 0
        if summary.unreadable:
            case = ET.SubElement(self.suite, "testcase", classname="factlint", name="unreadable files")
            error = ET.SubElement(case, "error", type="unreadable",
                                  message=f"{summary.unreadable} file(s) could not be checked")
            error.text = "The reasons are on standard error."
            self.tests += 1
            errors = 1
        counts = {"tests": str(self.tests), "failures": str(self.failures), "errors": str(errors),
                  "skipped": "0"}
        self.suite.attrib.update(counts)
        root = ET.Element("testsuites", name="factlint", **counts)
        root.append(self.suite)
        ET.SubElement(self.suite, "system-out").text = summary_line(summary)
        ET.indent(root)
        self.out.write(ET.tostring(root, encoding="us-ascii", xml_declaration=True).decode("ascii") + "\n")
