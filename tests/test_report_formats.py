"""The json, github, sarif and junit output formats, from real runs of ``factlint check``."""
from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker import __version__
from checker.report import github, reporters
from conftest import ROOT, RULES, run, SEED_STORY

SEED = "seeds/003_bf0424ff44096694.txt"
CLEAN_SEED = "seeds/000_e2097bfc73f45a6c.txt"
SHARED_SCHEMA = ROOT.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
INVASION = "Russia invaded Ukraine in February 2014.\n"  # invasion-date at 1:27-1:40
INVASION_MESSAGE = ('article says "February 2014" (2014-02), expected 2022-02-24 '
                    "(Russia's full-scale invasion of Ukraine began on 24 February 2022)")
QUOTE_MESSAGE = ('article quotes Jens Stoltenberg as saying "strong necessity", which is not in the words on '
                 'record (Stoltenberg said there was an "urgent need" for ammunition)')
SET_MESSAGE = ('article gives "Germany and Norway" as examples and leaves out Sweden; the full set is Germany, '
               "Sweden, Norway (the allies Stoltenberg cited as having changed their policy on exporting weapons "
               "to countries in conflict were Germany, Sweden and Norway)")
SEED_SUMMARY = "Found 3 problems (2 errors, 1 warning) in 1 of 2 files."

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file names with newlines or control characters")


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Work in tmp_path with the seed rules, so article paths stay relative as given."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def check(fmt: str, *paths: str):
        return run("check", "--rules", str(RULES), "--story", SEED_STORY, "--output-format", fmt, *paths)

    return check


def write(path: Path | str, text: str) -> Path:
    path = Path(path)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_format_is_registered():
    assert sorted(reporters()) == ["full", "github", "json", "junit", "sarif", "text"]


# --------------------------------------------------------------------------- json

FIELDS = ["path", "line", "column", "end_line", "end_column", "rule", "severity", "message", "found", "expected",
          "sources", "related"]


def test_json_seed_run_has_the_documented_shape_and_exact_values(at_root):
    r = run("check", "--output-format", "json", "seeds/")
    assert r.code == 1 and r.err == ""
    doc = json.loads(r.out)
    assert list(doc) == ["version", "tool", "findings", "summary"]
    assert doc["version"] == 1
    assert doc["tool"] == {"name": "factlint", "version": __version__}
    assert [list(f) for f in doc["findings"]] == [FIELDS] * 3
    quote, countries, date = doc["findings"]
    assert quote == {
        "path": SEED, "line": 9, "column": 216, "end_line": 9, "end_column": 232,
        "rule": "stoltenberg-seoul-2023/ammunition-quote", "severity": "error", "message": QUOTE_MESSAGE,
        "found": "strong necessity", "expected": "there is an urgent need for ammunition",
        "sources": ["Reuters wire report from Seoul (quoting the speech)"], "related": [],
    }
    assert (countries["line"], countries["column"], countries["end_column"], countries["severity"],
            countries["found"], countries["expected"]) == (11, 35, 53, "warning", "Germany and Norway",
                                                           "Germany, Sweden, Norway")
    assert (date["path"], date["line"], date["column"], date["end_line"], date["end_column"], date["rule"],
            date["severity"], date["message"], date["expected"]) == \
        (SEED, 11, 224, 11, 237, "stoltenberg-seoul-2023/invasion-date", "error", INVASION_MESSAGE, "2022-02-24")
    assert date["sources"] == [
        'Reuters, "NATO chief urges South Korea to step up military support for Ukraine", Seoul',
        'Address by President Putin announcing the "special military operation", Kremlin',
    ]
    assert doc["summary"] == {"files": 2, "files_with_findings": 1, "unreadable": 0, "problems": 3,
                              "by_severity": {"error": 2, "warning": 1, "info": 0}}


def test_json_without_findings_is_still_one_valid_document(at_root):
    r = run("check", "--output-format", "json", CLEAN_SEED)
    assert r.code == 0
    doc = json.loads(r.out)
    assert doc["findings"] == []
    assert doc["summary"] == {"files": 1, "files_with_findings": 0, "unreadable": 0, "problems": 0,
                              "by_severity": {"error": 0, "warning": 0, "info": 0}}


@posix_only
def test_json_stays_valid_with_hostile_article_text_and_file_names(in_tmp):
    name = 'q"uote\\back\nline\u00e9}], .txt'
    quoted = '"}], "x": 1, \\u0000 \\ \u00e9'
    write(name, f"Stoltenberg said there was \u201c{quoted}\u201d for ammunition.\n" + INVASION)
    r = in_tmp("json", name)
    assert r.code == 1, r.err
    assert r.out.isascii()
    doc = json.loads(r.out)
    assert [(f["path"], f["line"], f["column"], f["rule"]) for f in doc["findings"]] == [
        (name, 1, 29, "stoltenberg-seoul-2023/ammunition-quote"), (name, 2, 27, "stoltenberg-seoul-2023/invasion-date")]
    assert doc["findings"][0]["found"] == quoted


# --------------------------------------------------------------------------- github

def unescape(value: str) -> str:
    """What the runner does with an escaped property value or message (toolkit's escaping, reversed)."""
    for code, ch in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        value = value.replace(code, ch)
    return value


COMMAND = re.compile(r"::(error|warning|notice) ([^:]*)::(.*)")


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    m = COMMAND.fullmatch(line)
    assert m, line
    props = dict(p.split("=", 1) for p in m.group(2).split(","))
    return m.group(1), {k: unescape(v) for k, v in props.items()}, unescape(m.group(3))


def test_github_seed_run_prints_one_command_per_finding_then_the_summary(at_root):
    r = run("check", "--output-format", "github", "seeds/")
    assert r.code == 1 and r.err == ""
    assert r.out.splitlines() == [
        (f"::error file={SEED},line=9,endLine=9,col=216,endColumn=232,title=factlint (stoltenberg-seoul-2023/ammunition-quote)"
         f"::{SEED}:9:216: {QUOTE_MESSAGE}"),
        (f"::warning file={SEED},line=11,endLine=11,col=35,endColumn=53,title=factlint (stoltenberg-seoul-2023/export-policy-countries)"
         f"::{SEED}:11:35: {SET_MESSAGE}"),
        (f"::error file={SEED},line=11,endLine=11,col=224,endColumn=237,title=factlint (stoltenberg-seoul-2023/invasion-date)"
         f"::{SEED}:11:224: {INVASION_MESSAGE}"),
        SEED_SUMMARY,
    ]
    assert "file=seeds/003_bf0424ff44096694.txt,line=11,endLine=11,col=224,endColumn=237" in r.out


def test_github_info_findings_are_notices(in_tmp):
    rules = (RULES / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8")
    rules = rules.replace("    severity: error\n    expected: \"2022-02-24\"", "    severity: info\n    expected: \"2022-02-24\"")
    assert "severity: info" in rules
    write("rules.yaml", rules)
    write("a.txt", INVASION)
    r = run("check", "--rules", "rules.yaml", "--story", SEED_STORY, "--output-format", "github", "a.txt")
    assert r.code == 0
    assert r.out.splitlines()[0] == ("::notice file=a.txt,line=1,endLine=1,col=27,endColumn=40,"
                                     f"title=factlint (stoltenberg-seoul-2023/invasion-date)::a.txt:1:27: {INVASION_MESSAGE}")


def test_github_forged_command_in_a_multiline_misquote_stays_inside_one_command(in_tmp):
    # A Markdown paragraph spans both lines, so the quotation holds the line break and the forged command.
    write("evil.md", 'Stoltenberg said there was a "strong\n::error file=x,line=1::pwned need" for ammunition.\n')
    r = in_tmp("github", "evil.md")
    assert r.code == 1, r.err
    lines = r.out.splitlines()
    assert len(lines) == 2 and lines[1] == "Found 1 problem (1 error) in 1 of 1 file."
    assert [line for line in lines if line.startswith("::")] == [lines[0]]
    kind, props, message = parse_command(lines[0])
    # the quotation spans two lines: no columns
    assert (kind, props) == ("error", {"file": "evil.md", "line": "1", "endLine": "2",
                                       "title": "factlint (stoltenberg-seoul-2023/ammunition-quote)"})
    assert message.startswith('evil.md:1:31: article quotes Jens Stoltenberg as saying '
                              '"strong ::error file=x,line=1::pwned need"')


@posix_only
def test_github_file_name_cannot_forge_a_command(in_tmp):
    name = "nl\n::error file=y,line=2::own\r.txt"
    write(name, INVASION)
    r = in_tmp("github", name)
    lines = r.out.splitlines()
    assert len(lines) == 2 and lines[1].startswith("Found 1 problem")
    _, props, message = parse_command(lines[0])
    assert props["file"] == name
    assert props["line"] == "1" and props["col"] == "27" and props["endColumn"] == "40"
    assert "\n" not in message and "\r" not in message and message.endswith(INVASION_MESSAGE)


def test_github_comma_colon_and_percent_in_a_file_name_round_trip(in_tmp):
    name = "a,b:c%0A%d.txt"
    write(name, INVASION)
    r = in_tmp("github", name)
    line = r.out.splitlines()[0]
    assert line.startswith("::error file=a%2Cb%3Ac%250A%25d.txt,line=1,endLine=1,col=27,endColumn=40,"
                           "title=factlint (stoltenberg-seoul-2023/invasion-date)::a,b:c%250A%25d.txt:1:27: ")
    _, props, message = parse_command(line)
    assert props["file"] == name
    assert message == f"{name}:1:27: {INVASION_MESSAGE}"


def test_github_escaping_matches_the_toolkit():
    assert github.escape_data("100% a\r\nb%0A") == "100%25 a%0D%0Ab%250A"
    assert github.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    assert github.unescape_property(github.escape_property("x%2C,:\r\n%")) == "x%2C,:\r\n%"


SUMMARY_HEAD = ("## factlint\n\n| File | Line | Column | Severity | Rule | Message |\n"
                "| --- | ---: | ---: | --- | --- | --- |\n")


def test_github_appends_a_table_of_every_finding_to_the_step_summary(at_root, tmp_path, monkeypatch):
    target = write(tmp_path / "summary.md", "earlier step output\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    r = run("check", "--output-format", "github", "seeds/")
    assert r.code == 1 and r.err == ""
    assert len(r.out.splitlines()) == 4 and r.out.splitlines()[-1] == SEED_SUMMARY
    cell_path = r"seeds/003\_bf0424ff44096694.txt"
    assert target.read_text(encoding="utf-8") == (
        "earlier step output\n" + SUMMARY_HEAD
        + f"| {cell_path} | 9 | 216 | error | stoltenberg-seoul-2023/ammunition-quote | {QUOTE_MESSAGE} |\n"
        + f"| {cell_path} | 11 | 35 | warning | stoltenberg-seoul-2023/export-policy-countries | {SET_MESSAGE} |\n"
        + f"| {cell_path} | 11 | 224 | error | stoltenberg-seoul-2023/invasion-date | {INVASION_MESSAGE} |\n"
        + f"\n{SEED_SUMMARY}\n")


@posix_only
def test_step_summary_cells_escape_pipes_newlines_and_markup(in_tmp, tmp_path, monkeypatch):
    target = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    name = "p|q\nr<img>.txt"
    write(name, INVASION)
    in_tmp("github", name)
    rows = [line for line in target.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    assert rows[2] == f"| p\\|q<br>r\\<img\\>.txt | 1 | 27 | error | stoltenberg-seoul-2023/invasion-date | {INVASION_MESSAGE} |"
    # seven unescaped pipes: six cells
    assert len(re.findall(r"(?<!\\)\|", rows[2])) == 7


def test_step_summary_is_capped_and_says_so(in_tmp, tmp_path, monkeypatch):
    limit = 2000
    monkeypatch.setattr(github, "STEP_SUMMARY_LIMIT", limit)
    target = write(tmp_path / "summary.md", "x" * 100 + "\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    write("a.txt", INVASION * 40)
    r = in_tmp("github", "a.txt")
    assert sum(line.startswith("::error ") for line in r.out.splitlines()) == 40  # the log keeps them all
    text = target.read_bytes()
    assert len(text) <= limit
    appended = text[101:].decode("utf-8")
    rows = [line for line in appended.splitlines() if line.startswith("| a.txt |")]
    assert 0 < len(rows) < 40
    assert f"**Table truncated:** {len(rows)} of 40 findings shown" in appended
    assert appended.endswith("\nFound 40 problems (40 errors) in 1 of 1 file.\n")


# --------------------------------------------------------------------------- sarif

URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-F]{2})*")


def sarif(r) -> dict:
    assert r.err == ""
    return json.loads(r.out)


def test_sarif_schema_copy_is_the_shared_schema():
    if not SHARED_SCHEMA.exists():
        pytest.skip("no shared schema next to the repository")
    assert SCHEMA.read_bytes() == SHARED_SCHEMA.read_bytes()


def test_sarif_validates_and_points_at_the_invasion_date(at_root):
    if not SCHEMA.exists():
        pytest.skip("SARIF schema missing")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    r = run("check", "--output-format", "sarif", "seeds/")
    assert r.code == 1
    log = sarif(r)
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    (run_,) = log["runs"]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == \
        ("factlint", __version__, "https://github.com/factlint/factlint")
    # one rule per fact that fired, in rule-file order
    assert [rule["id"] for rule in driver["rules"]] == ["stoltenberg-seoul-2023/invasion-date", "stoltenberg-seoul-2023/export-policy-countries",
                                                       "stoltenberg-seoul-2023/ammunition-quote"]
    date_rule = driver["rules"][0]
    assert date_rule["shortDescription"] == {"text": "Russia's full-scale invasion of Ukraine began on 24 February 2022"}
    assert date_rule["defaultConfiguration"] == {"level": "error"}
    assert date_rule["helpUri"].startswith("https://")
    assert date_rule["help"]["text"] == (
        "Expected: 2022-02-24\nSources:\n"
        '- Reuters, "NATO chief urges South Korea to step up military support for Ukraine", Seoul (2023-01-30)\n'
        '- Address by President Putin announcing the "special military operation", Kremlin (2022-02-24)\n')
    assert driver["rules"][1]["help"]["text"].startswith("Expected: Germany, Sweden, Norway\n")
    assert driver["rules"][1]["defaultConfiguration"] == {"level": "error"}  # the fact's; this finding is hedged
    for result in run_["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
    assert [(res["ruleId"], res["level"]) for res in run_["results"]] == [
        ("stoltenberg-seoul-2023/ammunition-quote", "error"), ("stoltenberg-seoul-2023/export-policy-countries", "warning"), ("stoltenberg-seoul-2023/invasion-date", "error")]
    date = run_["results"][2]
    assert date["message"] == {"text": INVASION_MESSAGE}
    assert date["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": SEED, "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 11, "startColumn": 224, "endLine": 11, "endColumn": 237}}}]
    assert re.fullmatch(r"[0-9a-f]{64}", date["partialFingerprints"]["factlintFinding/v1"])


def fingerprints(log: dict) -> list[str]:
    return [res["partialFingerprints"]["factlintFinding/v1"] for res in log["runs"][0]["results"]]


def test_sarif_fingerprints_survive_moved_lines_and_tell_repeats_apart(in_tmp):
    write("a.txt", INVASION)
    before = fingerprints(sarif(in_tmp("sarif", "a.txt")))
    write("a.txt", "A new first paragraph.\n\nAnother line.\n" + INVASION)
    moved = sarif(in_tmp("sarif", "a.txt"))
    assert moved["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 4
    assert fingerprints(moved) == before
    write("a.txt", INVASION + INVASION)
    twice = fingerprints(sarif(in_tmp("sarif", "a.txt")))
    assert twice[0] == before[0] and twice[1] != twice[0]
    write("b.txt", INVASION)
    assert fingerprints(sarif(in_tmp("sarif", "b.txt"))) != before  # the file is part of it


def test_sarif_uris_are_relative_forward_slashed_and_percent_encoded(in_tmp, tmp_path):
    (tmp_path / "sub dir").mkdir()
    name = "a b,c:d%\u00e9#[x].txt"
    write(tmp_path / "sub dir" / name, INVASION)
    for given in (f"sub dir/{name}", f"./sub dir/{name}", str(tmp_path / "sub dir" / name)):
        uri = sarif(in_tmp("sarif", given))["runs"][0]["results"][0]["locations"][0]["physicalLocation"][
            "artifactLocation"]["uri"]
        assert uri == "sub%20dir/a%20b,c%3Ad%25%C3%A9%23%5Bx%5D.txt", given
        assert URI_REFERENCE.fullmatch(uri)


def test_sarif_path_outside_the_working_directory_is_a_file_uri(tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    article = write(tmp_path / "a b.txt", INVASION)
    monkeypatch.chdir(tmp_path / "work")
    log = sarif(run("check", "--rules", str(RULES), "--story", SEED_STORY, "--output-format", "sarif", str(article)))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == article.as_uri() and uri.endswith("/a%20b.txt")


def test_sarif_with_nothing_found_has_no_rules_and_no_results(at_root):
    log = sarif(run("check", "--output-format", "sarif", CLEAN_SEED))
    assert log["runs"][0]["tool"]["driver"]["rules"] == []
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


# --------------------------------------------------------------------------- junit

def test_junit_has_a_testcase_per_file_and_a_failure_per_finding(at_root):
    r = run("check", "--output-format", "junit", "seeds/")
    assert r.code == 1 and r.err == ""
    root = ET.fromstring(r.out.encode("ascii"))
    assert root.tag == "testsuites"
    # failures counts failed test cases (files), not findings (issue 20, defect 11)
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "0")
    (suite,) = root.findall("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    cases = suite.findall("testcase")
    assert [(c.get("classname"), c.get("name")) for c in cases] == [("factlint", CLEAN_SEED), ("factlint", SEED)]
    assert cases[0].findall("failure") == []
    failures = cases[1].findall("failure")
    # the warning is below the default fail level: in the case's output, not a failure
    assert [(f.get("type"), f.get("message")) for f in failures] == [
        ("stoltenberg-seoul-2023/ammunition-quote", QUOTE_MESSAGE), ("stoltenberg-seoul-2023/invasion-date", INVASION_MESSAGE)]
    assert cases[1].find("system-out").text.splitlines()[0] == (
        f"{SEED}:11:35: warning stoltenberg-seoul-2023/export-policy-countries {SET_MESSAGE}")
    assert failures[1].text.splitlines()[:3] == [
        f"{SEED}:11:224: error stoltenberg-seoul-2023/invasion-date {INVASION_MESSAGE}", "found: February 2014", "expected: 2022-02-24"]
    assert suite.find("system-out").text == SEED_SUMMARY


@posix_only
def test_junit_strips_what_xml_cannot_hold(in_tmp):
    name = "bad\x01\x1b<&>\"]]>.txt"
    write(name, "Stoltenberg said there was a \u201cstrong ]]> necessity\u201d for ammunition.\n")
    r = in_tmp("junit", name)
    assert r.code == 1, r.err
    root = ET.fromstring(r.out.encode("ascii"))
    (case,) = root.iter("testcase")
    assert case.get("name") == "bad<&>\"]]>.txt"
    (failure,) = case.findall("failure")
    assert failure.get("type") == "stoltenberg-seoul-2023/ammunition-quote"
    assert 'as saying "strong ]]> necessity"' in failure.get("message")


def test_unreadable_files_show_up_in_junit_and_sarif(in_tmp):
    Path("bad.txt").write_bytes(b"Bad \xff byte.\n")
    write("good.txt", INVASION)
    r = in_tmp("junit", "bad.txt", "good.txt")
    assert r.code == 2
    root = ET.fromstring(r.out.encode("ascii"))
    assert [c.get("name") for c in root.iter("testcase")] == ["good.txt", "bad.txt"]
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("2", "1", "1")
    (error,) = list(root.iter("testcase"))[1].findall("error")
    assert error.get("message") == "not valid UTF-8 (byte offset 4: invalid start byte)"
    assert error.text == "bad.txt:1:5: not valid UTF-8 (byte offset 4: invalid start byte)"
    log = sarif(in_tmp("sarif", "good.txt"))
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    r = in_tmp("sarif", "bad.txt", "good.txt")
    log = json.loads(r.out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": False, "toolExecutionNotifications": [{
        "level": "error", "message": {"text": "not valid UTF-8 (byte offset 4: invalid start byte)"},
        "descriptor": {"id": "factlint-error"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "bad.txt", "uriBaseId": "%SRCROOT%"},
                                            "region": {"startLine": 1, "startColumn": 5}}}]}]}]


def test_sarif_describes_factlints_own_unused_suppression_rule(in_tmp):
    write("s.md", "<!-- factlint-disable-next-line venue -->\nNothing here.\n\n" + INVASION)
    log = sarif(in_tmp("sarif", "s.md"))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    rules = {rule["id"]: rule for rule in log["runs"][0]["tool"]["driver"]["rules"]}
    assert sorted(rules) == ["stoltenberg-seoul-2023/invasion-date", "unused-suppression"]
    assert rules["unused-suppression"]["shortDescription"]["text"].startswith("a factlint-disable comment")
    assert rules["unused-suppression"]["defaultConfiguration"] == {"level": "warning"}
    assert [(res["ruleId"], res["level"]) for res in log["runs"][0]["results"]] == [
        ("unused-suppression", "warning"), ("stoltenberg-seoul-2023/invasion-date", "error")]
