"""Reliability and security (issue 21, items 4, 7, 8, 9 and 10): large and deep rule files, time
budgets, inert output, and clear messages instead of internal errors."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from checker import yamlload
from conftest import ROOT, run, where

HOSTILE = Path(__file__).parent / "hostile"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="stack limits, file names")


def factlint(*args: str, cwd: Path, stack: int | None = None, **kw) -> subprocess.CompletedProcess:
    """factlint in a process of its own (``stack``: its stack limit in bytes, as ``ulimit -s``)."""
    def limit() -> None:
        if stack is not None:
            resource.setrlimit(resource.RLIMIT_STACK, (stack, resource.getrlimit(resource.RLIMIT_STACK)[1]))

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120, check=False,
                          preexec_fn=limit, **kw)


def many_facts(n: int) -> str:
    out = ["story: many", "facts:"]
    for i in range(n):
        out += [f"  - id: fact-{i}", "    kind: date", f"    message: invented event {i}",
                f'    expected: "2001-03-0{i % 9 + 1}"', f"    sources: [source {i}]",
                f"    applies: {{any: [meeting{i}]}}"]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- item 7: linear loading

def test_a_large_rule_file_is_parsed_by_libyaml_when_it_nests_shallowly():
    """Thousands of "- " and "[" made the quick depth bound send every large rule file to PyYAML's
    parser, five times slower; the exact depth, from libyaml's events, is five."""
    text = many_facts(3_000)
    assert yamlload.nesting_bound(text) > yamlload.MAX_C_DEPTH
    assert yamlload.use_libyaml(text) == yamlload.HAS_LIBYAML
    assert yamlload.shallow("x: [[[[1]]]]\n", 6) and not yamlload.shallow("x: [[[[1]]]]\n", 5)
    assert not yamlload.shallow("x: [" * 3 + "\n", 100)  # bad YAML: PyYAML's parser says why


def test_a_rule_file_of_many_values_is_no_alias_bomb():
    """30,000 facts are 300,000 values, without one alias: not "an alias bomb?"."""
    doc = yamlload.parse_yaml(many_facts(30_000), "big.yaml")
    assert len(doc.data["facts"]) == 30_000
    bomb = (HOSTILE / "rules" / "alias-bomb.yaml").read_text(encoding="utf-8")
    with pytest.raises(yamlload.FactlintError, match="alias bomb"):
        yamlload.parse_yaml(bomb, "bomb.yaml")


def test_ten_thousand_facts_load_and_find(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(many_facts(10_000).replace("story: many", 'story: many\nfiles: ["*.txt"]'), encoding="utf-8")
    (tmp_path / "a.txt").write_text("The meeting9999 took place on 3 March 2001.\n", encoding="utf-8")
    proc = factlint("check", "--no-cache", "--no-config", "--rules", "rules.yaml", "a.txt", cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines()[0] == ('a.txt:1:31: error many/fact-9999 article says "3 March 2001" '
                                           "(2001-03-03), expected 2001-03-01 (invented event 9999)")


# --------------------------------------------------------------------------- item 10: deep nesting, small stacks

@posix_only
@pytest.mark.parametrize("shape", ["flow", "block"])
@pytest.mark.parametrize("depth", [300, 700, 990])
def test_deep_rule_files_under_a_small_stack_are_refused_never_a_crash(shape, depth, tmp_path):
    """libyaml's composer recurses on the C stack: under ``ulimit -s 256`` it crashed near 800
    levels, below the fixed bound of 1,000. The bound now follows the stack limit."""
    value = "[" * depth + "]" * depth if shape == "flow" else "\n" + "- " * depth + "x"
    (tmp_path / "deep.yaml").write_text(f"facts: {value}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Text.\n", encoding="utf-8")
    proc = factlint("check", "--no-cache", "--no-config", "--rules", "deep.yaml", "a.txt", cwd=tmp_path,
                    stack=256 * 1024)
    assert proc.returncode == 2, (proc.returncode, proc.stderr[-300:])
    assert proc.stderr.startswith("deep.yaml:"), proc.stderr[:300]
    assert "internal error" not in proc.stderr and "Fatal" not in proc.stderr


# --------------------------------------------------------------------------- item 10: clear messages, exit 2

DATE_RULES = """\
facts:
  - id: opening
    kind: date
    message: the bridge opened on 3 March 2001
    expected: "{expected}"
    sources: [town council minutes]
    applies: {{any: [opened, opening]}}
"""


@pytest.mark.parametrize("expected", ["0000", "0000-03", "0000-03-03"])
def test_year_zero_is_a_rule_error_at_its_position(expected, lint):
    r = lint("The bridge opened on 4 March 2001.\n", "a.txt", DATE_RULES.format(expected=expected))
    assert r.code == 2 and r.out == ""
    assert r.err.endswith(f"rules.yaml:5:15: fact 'opening': 'expected' '{expected}' is not a date "
                          "(years start at 0001)\n"), r.err


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess:
    """``command`` by /bin/sh, with the real interpreter (a pyenv shim keeps descriptors of its own open)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), PY=sys.executable)
    return subprocess.run(["/bin/sh", "-c", command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


@posix_only
@pytest.mark.parametrize("redirect, message", [
    (">&-", "factlint: standard output is closed; the report cannot be written\n"),
    (">/dev/full", "factlint: cannot write the report: No space left on device\n"),
    ("--output-file /dev/full", "/dev/full: cannot write the report: No space left on device\n"),
])
def test_a_report_that_cannot_be_written_is_exit_2_with_a_message(redirect, message, tmp_path):
    (tmp_path / "rules.yaml").write_text(DATE_RULES.format(expected="2001-03-03"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("The bridge opened on 4 March 2001.\n", encoding="utf-8")
    proc = shell(f'"$PY" -m checker check --no-cache --no-config --rules rules.yaml a.txt {redirect}', tmp_path)
    assert (proc.returncode, proc.stderr) == (2, message)


@posix_only
@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stderr_closed_is_never_written_into_a_file_factlint_opens(tmp_path):
    """With descriptor 2 closed, the next file opened took number 2; a message then went into it
    (or failed as "internal error"). Both streams unwritable is still exit 2."""
    (tmp_path / "rules.yaml").write_text(DATE_RULES.format(expected="2001-03-03"), encoding="utf-8")
    (tmp_path / "a.txt").write_text("The bridge opened on 4 March 2001.\n", encoding="utf-8")
    before = (tmp_path / "rules.yaml").read_bytes()
    proc = shell('"$PY" -m checker check --no-cache --no-config --rules rules.yaml a.txt >/dev/full 2>&-', tmp_path)
    assert proc.returncode == 2
    proc = shell('"$PY" -m checker check --no-cache --no-config --rules rules.yaml a.txt 2>&-', tmp_path)
    assert proc.returncode == 1 and proc.stdout.startswith("a.txt:1:22: error opening ")
    assert (tmp_path / "rules.yaml").read_bytes() == before


# --------------------------------------------------------------------------- item 9: every output inert and valid

HOSTILE_RULES = """\
facts:
  - id: opening
    kind: date
    message: "the bridge opened on 3 March 2001\\n::error file=x::pwned \\u001b[31mred\\u202egnp.exe"
    expected: "2001-03-03"
    sources: ["council \\u001b]8;;http://evil\\u0007minutes\\n::warning::x"]
    applies: {any: [opened, "open\\u001b[2Jing"]}
    examples:
      pass:
        - "The bridge opened on 3 March 2001.\\n::error::hidden"
"""


def test_a_fact_id_ending_in_a_line_break_is_refused(tmp_path):
    rules = tmp_path / "rules.yaml"
    rules.write_text(DATE_RULES.format(expected="2001-03-03").replace("id: opening", 'id: "opening\\n"'),
                     encoding="utf-8")
    (tmp_path / "a.txt").write_text("The bridge opened on 4 March 2001.\n", encoding="utf-8")
    r = run("check", "--no-cache", "--no-config", "--rules", str(rules), str(tmp_path / "a.txt"))
    assert (r.code, r.out) == (2, "")
    assert r.err == (f"{rules}:2:9: fact 'opening\\u000a': 'id' 'opening\\n' does not match "
                     "^[a-z0-9][a-z0-9-]*$\n")


@pytest.mark.parametrize("pattern_key, value", [("story", "tale\\n"), ("lang", "en\\n")])
def test_other_patterns_match_to_the_end_of_the_string(pattern_key, value, tmp_path):
    text = DATE_RULES.format(expected="2001-03-03")
    text = f'story: "{value}"\n' + text if pattern_key == "story" else \
        text + f'    examples:\n      pass:\n        - {{text: "The bridge opened on 3 March 2001.", lang: "{value}"}}\n'
    (tmp_path / "rules.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The bridge opened on 4 March 2001.\n", encoding="utf-8")
    r = run("check", "--no-cache", "--no-config", "--rules", str(tmp_path / "rules.yaml"), str(tmp_path / "a.txt"))
    assert r.code == 2 and ("does not match" in r.err or "must be a story id" in r.err), r.err


def _inert(text: str) -> None:
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text, text
    assert not any(line.startswith("::") for line in text.splitlines()), text


def test_explain_and_rules_print_rule_file_text_inert(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "r.yaml").write_text(HOSTILE_RULES, encoding="utf-8")
    r = run("explain", "--rules", "rules", "opening")
    assert r.code == 0, r.err
    _inert(r.out)
    lines = r.out.splitlines()
    assert lines[1] == ("  fact:     the bridge opened on 3 March 2001\\u000a::error file=x::pwned \\u001b[31mred"
                        "\\u202egnp.exe")
    assert lines[3] == "  sources:  council \\u001b]8;;http://evil\\u0007minutes\\u000a::warning::x"
    assert lines[4] == "  applies:  opened, open\\u001b[2Jing"
    assert lines[5].startswith("  example:  passes: The bridge opened on 3 March 2001.\\u000a::error::hidden")
    r = run("rules", "--rules", "rules")
    assert r.code == 0, r.err
    _inert(r.out)
    r = run("explain", "--rules", "rules", "open\x1b[2J\n::error::x")
    assert r.code == 2 and r.err.startswith("no fact 'open\\u001b[2J\\u000a::error::x' (known: opening)"), r.err
    _inert(r.err)


NAMES = ["a\u202etxt.exe.txt", "b\n::error file=x::pwned.txt", "c\x1b[31m.txt", "d\u200b.txt"]


@posix_only
@pytest.mark.parametrize("name", NAMES, ids=["bidi", "newline", "escape", "zero-width"])
def test_a_file_name_reaches_github_and_junit_inert(name, tmp_path):
    import xml.etree.ElementTree as ET

    from checker.report.github import unescape_property
    from test_report_formats import parse_command

    (tmp_path / "rules.yaml").write_text(DATE_RULES.format(expected="2001-03-03"), encoding="utf-8")
    article = tmp_path / name
    article.write_text("The bridge opened on 4 March 2001.\n", encoding="utf-8")
    common = ("check", "--no-cache", "--no-config", "--rules", str(tmp_path / "rules.yaml"), str(article))
    r = run(*common, "--output-format", "github")
    assert r.code == 1
    command = r.out.splitlines()[0]
    kind, props, message = parse_command(command)
    assert kind == "error" and props["line"] == "1" and props["col"] == "22"
    shown = "".join(ch if ch.isprintable() or ch == "\n" else f"\\u{ord(ch):04x}" for ch in str(article))
    assert props["file"] == shown  # a line break is GitHub's %0A, given back by the runner; the rest \\uXXXX
    assert all(ch.isprintable() for ch in command), command
    r = run(*common, "--output-format", "junit")
    case = ET.fromstring(r.out).find(".//testcase")
    assert all(ch.isprintable() for ch in case.get("name")), case.get("name")
    # XML cannot hold C0 controls: they are dropped (as before); the rest is shown as \\uXXXX
    assert case.get("name").replace("\\u001b", "") == shown.replace("\n", "\\u000a").replace("\\u001b", "")


@posix_only
def test_an_undecodable_file_name_gives_strict_json(tmp_path):
    import json

    (tmp_path / "rules.yaml").write_text(DATE_RULES.format(expected="2001-03-03"), encoding="utf-8")
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as fh:
        fh.write(b"The bridge opened on 4 March 2001.\n")
    r = run("check", "--no-cache", "--no-config", "--rules", str(tmp_path / "rules.yaml"), os.fsdecode(raw),
            "--output-format", "json")
    assert r.code == 1
    doc = json.loads(r.out)
    path = doc["findings"][0]["path"]
    assert path == f"{tmp_path}/caf\ufffd.txt"
    path.encode("utf-8")  # strict: no lone surrogate
    assert "\\udc" not in r.out


# --------------------------------------------------------------------------- item 8: a time budget per article

BUDGET_RULES = """\
facts:
  - id: opening
    kind: date
    message: the bridge opened on 3 March 2001
    expected: "2001-03-03"
    sources: [town council minutes]
    applies: {any: [opened, opening]}
  - id: venue
    kind: name
    message: the ceremony was at the Kalisari Town Hall
    canonical: Kalisari Town Hall
    keywords: [Hall]
    sources: [town council minutes]
"""
BUDGET_ARTICLE = ("The bridge opened on 3 March 2001.\nThe opening drew crowds.\n"
                  "The bridge opened to lorries on 4 March 2001.\nSpeeches followed at the Kalisari Town Hall.\n")


class Clock:
    """A clock that moves one second each time it is read: the budget runs out at a known sentence."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        self.now += 1.0
        return self.now


def _budget_case(tmp_path, monkeypatch, seconds: float):
    """The budget rules and article in tmp_path, a fake clock (a second a fact), the budget set."""
    import checker.check
    import checker.rules

    clock = Clock()
    monkeypatch.setattr(checker.check, "time", clock)
    monkeypatch.setattr(checker.rules, "time", clock)
    monkeypatch.setenv("FACTLINT_TIME_BUDGET", str(seconds))
    (tmp_path / "rules.yaml").write_text(BUDGET_RULES, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(BUDGET_ARTICLE, encoding="utf-8")
    return article


@pytest.mark.parametrize("seconds, sentence", [(2.5, 2), (3.5, 3)])
def test_an_article_over_its_time_budget_is_reported_at_the_sentence_it_reached(seconds, sentence, tmp_path,
                                                                                monkeypatch):
    article = _budget_case(tmp_path, monkeypatch, seconds)
    r = run("check", "--no-cache", "--no-config", "--rules", str(tmp_path / "rules.yaml"), str(article))
    assert r.code == 2
    assert r.err == (f"{tmp_path / 'rules.yaml'}:7:14: fact 'opening': checking the article took longer than "
                     f"{seconds:g}s, the time budget of an article (FACTLINT_TIME_BUDGET); the sentence is at "
                     f"{article}:{sentence}:1\n")
    assert r.out == "No problems found in 0 files. 1 file could not be checked.\n"


def test_the_time_budget_is_configurable_and_can_be_lifted(tmp_path, monkeypatch):
    (tmp_path / "rules.yaml").write_text(BUDGET_RULES, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(BUDGET_ARTICLE, encoding="utf-8")
    args = ("check", "--no-cache", "--no-config", "--rules", str(tmp_path / "rules.yaml"), str(article))
    finding = (f'{article}:3:33: error opening article says "4 March 2001" (2001-03-04), expected 2001-03-03 '
               "(the bridge opened on 3 March 2001)")
    for value in ("", "0", "30"):
        monkeypatch.setenv("FACTLINT_TIME_BUDGET", value)
        r = run(*args)
        assert (r.code, r.findings, r.err) == (1, [finding], "")
    monkeypatch.setenv("FACTLINT_TIME_BUDGET", "0.000001")  # spent before the first fact is asked
    r = run(*args)
    assert r.code == 2 and r.err == (f"{tmp_path / 'rules.yaml'}:2:5: fact 'opening': checking the article took "
                                     "longer than 1e-06s, the time budget of an article (FACTLINT_TIME_BUDGET); "
                                     f"the article is {article}\n")
    monkeypatch.setenv("FACTLINT_TIME_BUDGET", "soon")
    r = run(*args)
    assert r.code == 2 and r.err == "FACTLINT_TIME_BUDGET must be a number of seconds (0: no budget), got 'soon'\n"


# --------------------------------------------------------------------------- item 4: invisible characters

SIX_RULES = """\
facts:
  - id: opening
    kind: date
    message: the bridge opened on 3 March 2001
    expected: "2001-03-03"
    sources: [town council minutes]
    applies: {any: [opened, dibuka, inauguré, 开通, 開通, افتتح]}
"""
ZWJ = "\u200d"
YEAR_HIDDEN = {  # lang: (sentence with a zero-width joiner inside the year, column of the date, what is found)
    "en": (f"The bridge was opened on 3 March 20{ZWJ}14 by the mayor.", 26, "3 March 2014"),
    "id": (f"Jembatan itu dibuka pada 3 Maret 20{ZWJ}14 oleh wali kota.", 26, "3 Maret 2014"),
    "fr": (f"Le pont a été inauguré le 3 mars 20{ZWJ}14 par le maire.", 27, "3 mars 2014"),
    "zh": (f"大桥于20{ZWJ}14年3月3日开通。", 4, "2014年3月3日"),
    "ja": (f"橋は20{ZWJ}14年3月3日に開通した。", 3, "2014年3月3日"),
    "ar": (f"افتتح الجسر في 3 مارس 20{ZWJ}14.", 16, "3 مارس 2014"),
}


@pytest.mark.parametrize("lang", sorted(YEAR_HIDDEN))
def test_a_zero_width_joiner_inside_a_year_hides_no_drift(lang, lint):
    sentence, column, found = YEAR_HIDDEN[lang]
    r = lint(f"---\nlang: {lang}\n---\n{sentence}\n", "a.md", SIX_RULES, "--output-format", "json")
    import json

    (f,) = json.loads(r.out)["findings"]
    raw = sentence.index(found[0]) + 1
    shown = found[:-2] + "\\u200d" + found[-2:] if lang not in ("zh", "ja") else "20\\u200d14" + found[4:]
    assert (f["line"], f["column"], f["rule"], f["severity"], f["found"]) == (4, column, "opening", "error", shown)
    assert f"article says \"{found}\"" in f["message"]  # as a reader reads it
    assert column == raw
    assert f["end_column"] == column + len(found) + 1  # the joiner is inside the span: positions are the raw text's


LOOKS_LATIN = {  # a Cyrillic letter inside a Latin trigger word
    "en": ("The bridge was op\u0435ned on 3 March 2014.", 16, "op\u0435ned", "opened", "U+0435 CYRILLIC SMALL LETTER IE"),
    "id": ("Jembatan itu dibuk\u0430 pada 3 Maret 2014.", 14, "dibuk\u0430", "dibuka", "U+0430 CYRILLIC SMALL LETTER A"),
    "fr": ("Le pont a été in\u0430uguré le 3 mars 2014.", 15, "in\u0430uguré", "inauguré", "U+0430 CYRILLIC SMALL LETTER A"),
}


@pytest.mark.parametrize("lang", sorted(LOOKS_LATIN))
def test_a_cyrillic_letter_inside_a_latin_trigger_is_read_and_reported(lang, lint):
    sentence, column, word, seen, named = LOOKS_LATIN[lang]
    r = lint(f"---\nlang: {lang}\n---\n{sentence}\n", "a.md", SIX_RULES)
    date_column = sentence.index("3 ") + 1
    assert [line.split(" ", 3)[:3] for line in r.findings] == [
        [f"{r.findings[0].split(':')[0]}:4:{column}:", "warning", "hidden-text"],
        [f"{r.findings[0].split(':')[0]}:4:{date_column}:", "error", "opening"]]
    assert r.findings[0].endswith(f"the word mixes scripts: {named} among Latin letters; it is checked as '{seen}'")


def test_a_zero_width_space_inside_a_rule_trigger_or_an_article_trigger(lint):
    rules = SIX_RULES.replace("any: [opened,", 'any: ["open\\u200bed",')
    r = lint("The bridge was opened on 3 March 2014.\n", "a.txt", rules)
    assert where(r) == [(1, 26, "error", "opening")]
    r = lint("The bridge was open\u200bed on 3 March 2014.\n", "a.txt", SIX_RULES)
    assert where(r) == [(1, 27, "error", "opening")]


def test_a_right_to_left_override_in_a_claim_is_a_warning_naming_it(lint):
    text = "The bridge was opened on 3 March \u202e1002\u202c.\nThe toll was \u202e5\u202c euros.\n"
    r = lint(text, "a.txt", SIX_RULES)
    assert where(r) == [(1, 34, "warning", "hidden-text"), (1, 39, "warning", "hidden-text")]
    assert r.findings[0].endswith("warning hidden-text a bidi control, U+202E RIGHT-TO-LEFT OVERRIDE, can make a "
                                  "reader see other words or figures than the text holds (Trojan Source); the text "
                                  "is checked as written")
    assert "U+202C POP DIRECTIONAL FORMATTING" in r.findings[1]


@pytest.mark.parametrize("text", [
    "Jembatan itu dibuka pada 3 Maret 2001.\u200f\n",  # a right-to-left mark: Arabic text has them
    "The bridge was opened on 3 March 2001, reported \u0413\u0430\u0437\u0435\u0442\u0430.\n",  # a Cyrillic word
    "The bridge was opened on 3 March 2001 with 5 \u03bcg of gold leaf.\n",  # mu is no disguise
    "The bridge\u202e was closed.\nThe bridge was opened on 3 March 2001.\n",  # an override outside any claim
    "افتتح الجسر في 3 مارس 2001.\u200f\n",
])
def test_ordinary_text_with_such_characters_gets_no_warning(text, lint):
    r = lint(text, "a.txt", SIX_RULES)
    assert (r.code, r.findings) == (0, []), r.out


# --------------------------------------------------------------------------- tests/hostile: the inputs of issue 21

@pytest.mark.parametrize("name, expected", [
    ("hidden-year.txt", [(1, 27, "error", "stoltenberg-seoul-2023/invasion-date")]),
    ("hidden-trigger.txt", [(1, 8, "warning", "hidden-text"), (1, 27, "error", "stoltenberg-seoul-2023/invasion-date")]),
    ("bidi-override.txt", [(1, 36, "warning", "hidden-text"), (1, 41, "warning", "hidden-text")]),
])
def test_hostile_articles_with_hidden_characters(name, expected):
    from conftest import RULES, SEED_STORY

    r = run("check", "--no-cache", "--no-config", "--rules", str(RULES), "--story", SEED_STORY,
            str(HOSTILE / "articles" / name))
    assert where(r) == expected, r.out


@pytest.mark.parametrize("name, message", [
    ("fact-id-newline.yaml", ":2:9: fact 'invasion-date\\u000a': 'id' 'invasion-date\\n' does not match "
                             "^[a-z0-9][a-z0-9-]*$"),
    ("year-zero.yaml", ":5:15: fact 'invasion-date': 'expected' '0000' is not a date (years start at 0001)"),
])
def test_hostile_rule_files_of_issue_21(name, message):
    path = HOSTILE / "rules" / name
    r = run("check", "--no-cache", "--no-config", "--rules", str(path), str(HOSTILE / "articles" / "good.txt"))
    assert (r.code, r.err) == (2, f"{path}{message}\n")


@posix_only
def test_the_hostile_990_level_rule_file_under_a_256_kb_stack(tmp_path):
    path = HOSTILE / "rules" / "deep-990.yaml"
    proc = factlint("check", "--no-cache", "--no-config", "--rules", str(path), str(HOSTILE / "articles" / "good.txt"),
                    cwd=tmp_path, stack=256 * 1024)
    assert (proc.returncode, proc.stderr) == (2, f"{path}:1:1: invalid YAML: nested too deeply\n")


def test_an_article_beyond_a_million_characters_has_a_budget_that_grows_with_it(tmp_path, monkeypatch):
    """2 s a million characters beyond the first million: an article under the size limit can be
    checked in time. Here the free part is made 0 characters and the rate 1 s a character, so the
    2.5 s that stop this article at its second sentence (the test above) become 2.5 s and its length."""
    import checker.check

    article = _budget_case(tmp_path, monkeypatch, 2.5)
    monkeypatch.setattr(checker.check, "BUDGET_FREE_CHARS", 0)
    monkeypatch.setattr(checker.check, "BUDGET_PER_MILLION", 1_000_000.0)
    r = run("check", "--no-cache", "--no-config", "--rules", str(tmp_path / "rules.yaml"), str(article))
    assert (r.code, r.err) == (1, "")
    assert r.findings == [f'{article}:3:33: error opening article says "4 March 2001" (2001-03-04), expected '
                          "2001-03-03 (the bridge opened on 3 March 2001)"]
    monkeypatch.setattr(checker.check, "BUDGET_PER_MILLION", 1.0)  # 2.5 s and a few microseconds: over again
    r = run("check", "--no-cache", "--no-config", "--rules", str(tmp_path / "rules.yaml"), str(article))
    assert r.code == 2 and "checking the article took longer than 2.5" in r.err
