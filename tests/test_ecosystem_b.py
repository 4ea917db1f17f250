"""Issue 20 (ecosystem), part b: errors in every report format, SARIF paths from the project root,
JUnit counts, the annotation cap, CommonMark blocks that are not prose, and languages no rule covers."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker.report.github import unescape_property
from conftest import RULES, SEED_STORY, run, where

SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
# A date the seed story's invasion-date fact contradicts, in an invented sentence: 1:58-1:71.
WRONG = "Officials recalled that the invasion of Ukraine began in February 2014.\n"
BAD_FRONT_MATTER = "---\nlang: [\n---\nThe council met on Monday.\n"  # bad.md:2:8


@pytest.fixture
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_STEP_SUMMARY", "GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA", "GITHUB_WORKSPACE"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


def check(fmt: str, *args: str):
    return run("check", "--rules", str(RULES), "--story", SEED_STORY, "--no-cache", "--output-format", fmt, *args)


def validate(log: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validators.validator_for(schema)(schema).validate(log)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --------------------------------------------------------------------------- defect 6: errors in the formats

def test_github_annotates_an_article_that_cannot_be_read(here):
    write(here / "bad.md", BAD_FRONT_MATTER)
    write(here / "good.txt", WRONG)
    r = check("github", "bad.md", "good.txt")
    assert r.code == 2
    assert "bad.md:2:8: front matter is not valid YAML" in r.err  # still on stderr
    errors = [line for line in r.out.splitlines() if line.startswith("::error file=bad.md")]
    assert len(errors) == 1
    head, _, message = errors[0][len("::error "):].partition("::")
    props = dict(p.split("=", 1) for p in head.split(","))
    assert {k: unescape_property(v) for k, v in props.items()} == {
        "file": "bad.md", "line": "2", "col": "8", "title": "factlint"}
    assert message.startswith("bad.md:2:8: front matter is not valid YAML")


def test_sarif_has_a_notification_at_the_bad_front_matter(here):
    write(here / "bad.md", BAD_FRONT_MATTER)
    r = check("sarif", "bad.md")
    assert r.code == 2
    log = json.loads(r.out)
    validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"].startswith("front matter is not valid YAML")
    assert note["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "bad.md", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 2, "startColumn": 8}}}]


def test_junit_error_gives_the_reason(here):
    write(here / "bad.md", BAD_FRONT_MATTER)
    root = ET.fromstring(check("junit", "bad.md").out.encode("ascii"))
    (case,) = root.iter("testcase")
    assert case.get("name") == "bad.md"
    (error,) = case.findall("error")
    assert error.get("message").startswith("front matter is not valid YAML")
    assert error.text.startswith("bad.md:2:8: front matter is not valid YAML")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("1", "0", "1")


BAD_RULES = "story: ferry-strike\nfacts:\n  - id: strike-date\n    kind: date\n"  # no message: 3:5


@pytest.mark.parametrize("fmt", ["sarif", "github", "junit"])
def test_a_bad_rule_file_reaches_the_report(here, fmt):
    write(here / "rules" / "ferry.yaml", BAD_RULES)
    write(here / "a.txt", WRONG)
    r = run("check", "--rules", "rules", "--story", "ferry-strike", "--no-cache", "--output-format", fmt, "a.txt")
    assert r.code == 2
    assert "rules/ferry.yaml:3:5: fact 'strike-date': missing required key 'message'" in r.err
    if fmt == "sarif":
        log = json.loads(r.out)
        validate(log)
        (note,) = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
        assert note["message"]["text"] == "fact 'strike-date': missing required key 'message'"
        assert note["locations"][0]["physicalLocation"] == {
            "artifactLocation": {"uri": "rules/ferry.yaml", "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": 3, "startColumn": 5}}
    elif fmt == "github":
        assert r.out.splitlines()[0] == ("::error file=rules/ferry.yaml,line=3,col=5,title=factlint::rules/ferry.yaml:3:5: "
                                         "fact 'strike-date': missing required key 'message'")
    else:
        root = ET.fromstring(r.out.encode("ascii"))
        (error,) = root.iter("error")
        assert error.text == "rules/ferry.yaml:3:5: fact 'strike-date': missing required key 'message'"


def test_text_format_keeps_errors_on_stderr_only(here):
    write(here / "rules" / "ferry.yaml", BAD_RULES)
    write(here / "a.txt", WRONG)
    r = run("check", "--rules", "rules", "--story", "ferry-strike", "--no-cache", "a.txt")
    assert r.code == 2 and r.out == ""
    assert r.err == "rules/ferry.yaml:3:5: fact 'strike-date': missing required key 'message'\n"


# --------------------------------------------------------------------------- defect 7: SARIF paths

def test_sarif_paths_are_relative_to_the_project_root_from_any_folder(here, monkeypatch):
    write(here / "pyproject.toml", f'[tool.factlint]\nrules = ["{RULES.as_posix()}"]\n')
    write(here / "desk" / "world" / "a.txt", WRONG)
    for cwd, given in ((here, "desk/world/a.txt"), (here / "desk", "world/a.txt"), (here / "desk" / "world", "a.txt")):
        monkeypatch.chdir(cwd)
        r = run("check", "--story", SEED_STORY, "--no-cache", "--output-format", "sarif", given)
        log = json.loads(r.out)
        validate(log)
        (run_,) = log["runs"]
        assert run_["originalUriBaseIds"] == {"%SRCROOT%": {"uri": here.as_uri() + "/"}}
        (result,) = run_["results"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
            "uri": "desk/world/a.txt", "uriBaseId": "%SRCROOT%"}, cwd
        assert result["locations"][0]["physicalLocation"]["region"] == {
            "startLine": 1, "startColumn": 58, "endLine": 1, "endColumn": 71}


# --------------------------------------------------------------------------- defect 11: JUnit counts

def test_junit_failures_count_failed_files_at_the_fail_level(here):
    # two wrong dates in one file, one in another: 3 findings, 2 failed test cases
    write(here / "a.txt", WRONG + "\n" + WRONG)
    write(here / "b.txt", WRONG)
    write(here / "c.txt", "The council met on Monday.\n")
    root = ET.fromstring(check("junit", "a.txt", "b.txt", "c.txt").out.encode("ascii"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "2", "0")
    assert [len(c.findall("failure")) for c in root.iter("testcase")] == [2, 1, 0]


HEDGED = "Leaders such as Germany and Norway changed their weapons export policy, the minister said.\n"  # a warning


def test_junit_findings_below_the_fail_level_do_not_fail(here):
    write(here / "w.txt", HEDGED)
    r = check("junit", "w.txt")
    assert r.code == 0
    root = ET.fromstring(r.out.encode("ascii"))
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    (case,) = root.iter("testcase")
    assert case.findall("failure") == []
    assert "warning stoltenberg-seoul-2023/export-policy-countries" in case.find("system-out").text
    r = check("junit", "--fail-level", "warning", "w.txt")
    assert r.code == 1
    root = ET.fromstring(r.out.encode("ascii"))
    assert (root.get("tests"), root.get("failures")) == ("1", "1")
    assert [f.get("type") for f in root.iter("failure")] == ["stoltenberg-seoul-2023/export-policy-countries"]


# --------------------------------------------------------------------------- defect 14: the annotation cap

def test_github_says_how_many_findings_were_not_annotated(here, monkeypatch):
    for i in range(12):
        write(here / f"a{i:02d}.txt", WRONG)
    r = check("github", ".")
    lines = r.out.splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 12  # every finding stays in the log
    assert lines[-2] == ("::notice title=factlint::2 of 12 annotations not shown: GitHub shows at most 10 of each "
                         "type per step; every finding is in this log")
    summary = here / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert check("github", ".").out.splitlines()[-2].endswith("the step summary lists every finding")


def test_github_ten_annotations_need_no_notice(here):
    for i in range(10):
        write(here / f"a{i:02d}.txt", WRONG)
    assert "::notice" not in check("github", ".").out


def test_step_summary_rows_link_to_the_file_and_line(here, monkeypatch):
    write(here / "desk" / "a b.txt", "The council met on Monday.\n\n" + WRONG)
    summary = here / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "newsroom/stories")
    monkeypatch.setenv("GITHUB_SHA", "0123abc")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(here))
    check("github", "desk/a b.txt")
    rows = [line for line in summary.read_text(encoding="utf-8").splitlines() if line.startswith("| [")]
    assert rows == ["| [desk/a b.txt](https://github.com/newsroom/stories/blob/0123abc/desk/a%20b.txt#L3) | 3 | 58 | "
                    "error | stoltenberg-seoul-2023/invasion-date | article says \"February 2014\" (2014-02), expected "
                    "2022-02-24 (Russia's full-scale invasion of Ukraine began on 24 February 2022) |"]


# --------------------------------------------------------------------------- defect 9: languages no rule covers

UNCOVERED_ARTICLES = {
    "es": "El alcalde de Valencia anunció el martes un plan para renovar los puentes del puerto, según dijo a los "
          "periodistas.\nLa obra costará 40 millones de euros y comenzará en marzo, pero los vecinos piden más "
          "información sobre el tráfico.\n",
    "de": "Der Bürgermeister von Leipzig hat am Dienstag einen Plan für die Sanierung der Brücken vorgestellt.\n"
          "Die Arbeiten sollen im März beginnen und werden nach Angaben der Stadt 40 Millionen Euro kosten.\n",
    "it": "Il sindaco di Torino ha presentato martedì un piano per ristrutturare i ponti della città.\nI lavori, che "
          "costeranno 40 milioni di euro, inizieranno a marzo e non dovrebbero durare più di due anni.\n",
    "pt": "O prefeito de Porto Alegre apresentou na terça-feira um plano para reformar as pontes do porto.\nAs obras "
          "vão custar 40 milhões de reais e devem começar em março, disse ele aos jornalistas.\n",
    "nl": "De burgemeester van Utrecht heeft dinsdag een plan gepresenteerd voor de renovatie van de bruggen.\nHet werk "
          "kost volgens de gemeente 40 miljoen euro en begint in maart, zei hij tegen verslaggevers.\n",
}


@pytest.mark.parametrize("lang", sorted(UNCOVERED_ARTICLES))
def test_an_article_in_a_language_no_rule_covers_is_reported(lint, lang):
    r = lint("---\ntitle: x\n---\n" + UNCOVERED_ARTICLES[lang], "a.md")
    assert r.code == 0, r.out
    assert where(r) == [(4, 1, "info", "language-not-covered")]
    assert f"the article's language '{lang}' (detected) is not one the rules cover" in r.findings[0]


def test_the_six_covered_languages_are_still_detected():
    from checker.article import detect_language
    from checker.language import build_languages

    langs = build_languages([])
    cases = [
        ("fr", "En 2014, il se trouvait en Espagne, selon la police."),
        ("fr", "La ministre a dit que la nouvelle loi entrera en vigueur en janvier."),
        ("fr", "Le club de Valence a annoncé que son entraîneur partira en juin, a indiqué la presse espagnole."),
        ("en", 'Chancellor Weber told the Bundestag: "Wir werden die Ukraine weiter unterstützen, und das ist '
               'nicht verhandelbar."'),
        ("en", 'The band played "La vida es un carnaval" at the festival in Madrid on Saturday, organisers said.'),
        ("en", "Real Madrid beat Atletico de Madrid in the final of the Copa del Rey on Saturday."),
        ("en", "Il Divo sang in Milan on Monday, and the tenor said it was his last tour."),
        ("id", "Wali kota Surabaya pada Selasa memaparkan rencana untuk memperbaiki jembatan di pelabuhan."),
        ("zh", "市长周二公布了修缮港口桥梁的计划。"),
        ("ja", "市長は火曜日、港の橋を改修する計画を発表した。"),
        ("ar", "أعلن رئيس البلدية يوم الثلاثاء خطة لترميم جسور الميناء."),
    ]
    for lang, text in cases:
        assert detect_language(text, langs) == lang, text
    fixtures = sorted((Path(__file__).parent / "fixtures" / "i18n").glob("*.txt"))
    assert fixtures
    for path in fixtures:
        lang = path.name.split(".")[1]
        assert detect_language(path.read_text(encoding="utf-8"), langs) == lang, path.name


def test_a_rule_file_that_covers_spanish_gets_spanish_articles(tmp_path):
    from checker.article import detect_language
    from checker.language import build_languages

    langs = build_languages([])
    assert detect_language(UNCOVERED_ARTICLES["es"], langs) == "es"
    langs["es"] = type(langs["fr"])("es", function_words=["el", "los", "del", "y", "por", "para"])
    assert detect_language(UNCOVERED_ARTICLES["es"], langs) == "es"


# --------------------------------------------------------------------------- defect 10: CommonMark blocks

def test_commonmark_code_pre_and_link_reference_titles_are_not_prose(lint):
    text = ("Intro paragraph.\n\n"
            f"    {WRONG}\n"                                   # 3: indented code
            "<pre>\n" + WRONG + "</pre>\n\n"                    # 6: a <pre> block
            f'[ref]: https://example.org/a "{WRONG.strip()}"\n\n'  # 9: a link reference definition's title
            "- A list item.\n\n"
            f"    {WRONG}\n"                                   # 13: a list item's second paragraph: prose
            + WRONG)                                            # 15: prose
    r = lint(text, "a.md")
    assert where(r) == [(13, 62, "error", "stoltenberg-seoul-2023/invasion-date"),
                        (15, 58, "error", "stoltenberg-seoul-2023/invasion-date")]


def test_the_same_lines_in_a_text_file_are_prose(lint):
    r = lint(f"    {WRONG}", "a.txt")
    assert where(r) == [(1, 62, "error", "stoltenberg-seoul-2023/invasion-date")]
