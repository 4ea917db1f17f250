"""Hostile inputs (issue 7): every file in tests/hostile/ with the exit code and message it must get.

A bad article is checked beside a good one, whose finding must still be printed: one input that
cannot be checked never hides the findings of the others. A rule file is checked against the good
article. What cannot live in git (symlink loops, unreadable folders, 10 MB articles) is made in
tmp_path.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from checker.model import show
from conftest import ROOT, RULES, Run, run, SEED_STORY
from test_report_formats import parse_command

HOSTILE = Path(__file__).parent / "hostile"
ARTICLES = HOSTILE / "articles"
RULE_FILES = HOSTILE / "rules"
GOOD = ARTICLES / "good.txt"
SEED_003 = ROOT / "seeds" / "003_bf0424ff44096694.txt"
SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"
HANG_GUARD = 120  # seconds; only there so that a hang fails the test instead of the CI job

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="symlinks, permissions and file names")


def check(*args: str, rules: Path = RULES) -> Run:
    story = ("--story", SEED_STORY) if rules == RULES else ()
    return run("check", "--no-cache", "--no-config", "--rules", str(rules), *story, *args)


def good_finding(path: Path = GOOD) -> str:
    return (f'{path}:1:27: error stoltenberg-seoul-2023/invasion-date article says "February 2014" (2014-02), expected 2022-02-24 '
            "(Russia's full-scale invasion of Ukraine began on 24 February 2022)")


def timed(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """Run factlint in a process of its own, so that a hang is cut off by the guard."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", "--no-config", *args], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=HANG_GUARD, check=False)
    return proc, time.perf_counter() - start


# --------------------------------------------------------------------------- articles that cannot be checked

UNREADABLE = [
    # file, what stderr says after the path
    ("invalid-utf8.txt", ":2:7: not valid UTF-8 (byte offset 18: invalid start byte)"),
    ("truncated-utf8.txt", ":1:43: not valid UTF-8 (byte offset 44: unexpected end of data)"),
    ("overlong-utf8.md", ":3:19: not valid UTF-8 (byte offset 29: invalid start byte)"),  # CRLF lines
    ("nul-bytes.txt", ": looks like a binary file (it contains NUL bytes); skipped"),
    ("binary.md", ": looks like a binary file (it contains NUL bytes); skipped"),  # a PNG header
    ("utf16.txt", ": looks like a binary file (it contains NUL bytes); skipped"),
    ("broken-front-matter.md", ":3:5: front matter is not valid YAML: expected ',' or ']', but got ':'"),
    ("unclosed-front-matter.md", ":1:1: front matter is not closed by a '---' line"),
    ("front-matter-not-a-date.md", ":3:1: front matter 'date' must be a date such as 2023-01-30, got '31/01/2023'"),
    ("front-matter-control.md", ":3:8: front matter is not valid YAML: character #x001b is not allowed"),
    ("front-matter-deep.md", ":2:1: front matter is not valid YAML: nested too deeply"),
    ("front-matter-list.md", ":2:1: front matter must be a mapping of keys to values"),
]


@pytest.mark.parametrize("name, message", UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_an_unreadable_article_is_exit_2_and_the_others_are_still_checked(name, message):
    path = ARTICLES / name
    r = check(str(path), str(GOOD))
    assert r.code == 2
    assert r.err == f"{path}{message}\n"
    assert r.findings == [good_finding()]
    assert r.out.splitlines()[-1] == "Found 1 problem (1 error) in 1 of 1 file. 1 file could not be checked."


def test_the_byte_offset_is_the_first_bad_byte():
    raw = (ARTICLES / "invalid-utf8.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError) as e:
        raw.decode("utf-8")
    assert e.value.start == 18 and raw[18:19] == b"\xff"


@pytest.mark.parametrize("name", ["empty.txt", "bom-only.txt"])
def test_an_empty_article_has_no_problems(name):
    r = check(str(ARTICLES / name))
    assert (r.code, r.out, r.err) == (0, "No problems found in 1 file.\n", "")


def test_lang_no_is_norwegian_not_false():
    path = ARTICLES / "lang-no.md"
    r = check(str(path))
    assert r.code == 0 and r.err == ""
    (finding,) = r.findings
    assert finding.startswith(f"{path}:4:1: info language-not-covered the article's language 'no' (front matter) is "
                              "not one the rules cover (")


# --------------------------------------------------------------------------- positions: BOM and line ends

def test_bom_crlf_and_cr_keep_every_position(tmp_path):
    lf = (ARTICLES / "positions.md").read_bytes().replace(b"\r\n", b"\n")  # whatever git did to it
    variants = {"lf": lf, "crlf": lf.replace(b"\n", b"\r\n"), "cr": lf.replace(b"\n", b"\r"),
                "bom-lf": b"\xef\xbb\xbf" + lf, "bom-crlf": b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n")}
    seen = {}
    for name, raw in variants.items():
        path = tmp_path / f"{name}.md"
        path.write_bytes(raw)
        r = check("--output-format", "json", str(path))
        assert r.code == 1 and r.err == "", (name, r.err)
        seen[name] = [(f["line"], f["column"], f["end_line"], f["end_column"], f["rule"], f["found"])
                      for f in json.loads(r.out)["findings"]]
    assert seen["lf"] == [
        (7, 27, 7, 40, "stoltenberg-seoul-2023/invasion-date", "February 2014"),
        (9, 25, 9, 43, "stoltenberg-seoul-2023/export-policy-countries", "Germany and Norway"),
        (11, 31, 11, 47, "stoltenberg-seoul-2023/ammunition-quote", "strong necessity"),
        (11, 75, 11, 82, "stoltenberg-seoul-2023/ammunition-quote", "need N\u00e9"),  # shares "need": a claim
        (12, 35, 12, 49, "stoltenberg-seoul-2023/seoul-meetings", "Prime Minister"),
    ]
    for name, found in seen.items():
        assert found == seen["lf"], name


# --------------------------------------------------------------------------- what reaches a terminal or CI

def test_terminal_control_characters_never_reach_the_terminal_raw():
    path = ARTICLES / "terminal-escapes.txt"
    for fmt in ("text", "github"):
        r = check("--output-format", fmt, str(path))
        assert r.code == 1, r.err
        for line in r.out.splitlines():
            assert line.isprintable(), repr(line)  # no ESC, BEL, backspace, C1 CSI, bidi override
        assert "\\u001b[2J\\u001b[1;31mnecessity\\u0007\\u0008\\u202e\\u200b\\u009b31m" in r.out


@posix_only
def test_file_names_with_escapes_are_printable_on_stderr(tmp_path):
    bad = tmp_path / "\x1b[2Jred\u202e.txt"
    bad.write_bytes(b"\xff")
    locked_name = tmp_path / "\x1b]0;title\x07"
    r = check(str(bad), str(locked_name))
    assert r.code == 2
    assert r.err == (f"{tmp_path}/\\u001b[2Jred\\u202e.txt:1:1: not valid UTF-8 (byte offset 0: invalid start byte)\n"
                     f"{tmp_path}/\\u001b]0;title\\u0007: no such file or folder\n")


def test_github_workflow_commands_cannot_be_forged_by_article_text():
    path = ARTICLES / "github-injection.md"
    r = check("--output-format", "github", str(path))
    assert r.code == 1, r.err
    lines = r.out.splitlines()
    assert len(lines) == 3 and lines[2] == "Found 2 problems (2 errors) in 1 of 1 file."
    first, second = (parse_command(line) for line in lines[:2])
    # The article's own "%0A" reaches the log as the three characters, never as a line break.
    assert "%250A::error file=x,line=1::pwned%250D%2525 necessity" in lines[0]
    assert 'saying "strong%0A::error file=x,line=1::pwned%0D%25 necessity"' in first[2]
    assert first[1] == {"file": str(path), "line": "1", "endLine": "1", "col": "31", "endColumn": "84",
                        "title": "factlint (stoltenberg-seoul-2023/ammunition-quote)"}
    # A quotation over three lines (LF, then CRLF) stays in one command, without its columns.
    assert second[1] == {"file": str(path), "line": "3", "endLine": "5", "title": "factlint (stoltenberg-seoul-2023/ammunition-quote)"}
    assert 'saying "strong ::warning::forged necessity"' in second[2]


def test_junit_drops_what_xml_1_0_cannot_hold():
    path = ARTICLES / "xml-illegal.txt"
    r = check("--output-format", "junit", str(path))
    assert r.code == 1, r.err
    assert r.out.isascii()
    (failure,) = ET.fromstring(r.out.encode("ascii")).iter("failure")
    assert 'saying "strong \\u0001\\u0002 \\ufffe\\uffff ]]> <&> necessity"' in failure.get("message")


def test_json_and_sarif_strings_survive_quotes_backslashes_and_line_separators():
    path = ARTICLES / "json-strings.txt"
    r = check("--output-format", "json", str(path))
    assert r.code == 1 and r.out.isascii()
    raw = path.read_text(encoding="utf-8")
    for f in json.loads(r.out)["findings"]:
        assert f["found"] == show(raw[f["column"] - 1:f["end_column"] - 1])  # one line: columns are offsets
    log = json.loads(check("--output-format", "sarif", str(path)).out)
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif", "junit"])
def test_every_format_stays_well_formed_over_every_hostile_article(fmt, monkeypatch, tmp_path):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    r = check("--output-format", fmt, str(ARTICLES))
    assert r.code == 2 and "internal error" not in r.err
    assert all(line.isprintable() for line in r.err.splitlines())
    if fmt in ("json", "sarif"):
        doc = json.loads(r.out)
        if fmt == "sarif":
            jsonschema.validate(doc, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    elif fmt == "junit":
        ET.fromstring(r.out.encode("ascii"))
    else:
        lines = r.out.splitlines()
        assert all(line.isprintable() for line in lines)
        if fmt == "github":
            assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines[:-1])


# --------------------------------------------------------------------------- rule files

RULE_ERRORS = [
    # file, the first stderr line after the path
    ("python-tag.yaml", ":1:8: tag !!python/object/apply:os.system is not allowed"),
    ("python-name-tag.yaml", ":2:6: tag !!python/name:os.system is not allowed"),
    ("python-new-tag.yaml", ":2:5: tag !!python/object/new:subprocess.Popen is not allowed"),
    ("set-tag.yaml", ":1:11: tag !!set is not allowed"),
    ("local-tag.yaml", ":4:14: tag !shell is not allowed"),
    ("duplicate-key.yaml", ":3:1: duplicate key 'entities'"),
    ("duplicate-key-in-fact.yaml", ":5:5: duplicate key 'message'"),
    ("alias-bomb.yaml", ":1:58: rule file expands to too many values (an alias bomb?)"),
    ("empty.yaml", ":1:1: rule file is empty"),
    ("comments-only.yaml", ":1:1: rule file is empty"),
    ("list-at-top.yaml", ":1:1: a rule file must be a mapping with 'entities' and 'facts'"),
    ("scalar-at-top.yaml", ":1:1: a rule file must be a mapping with 'entities' and 'facts'"),
    ("unknown-top-key.yaml", ":1:1: unknown key 'fact'"),
    ("unknown-fact-key.yaml", ":8:5: fact 'invasion-date': unknown key 'speaker' for a fact of kind 'date'"),
    ("wrong-type.yaml", ":5:15: fact 'invasion-date': 'expected' must be of type string, got int"),
    ("wrong-type-sources.yaml", ":6:14: fact 'invasion-date': 'sources' must be of type array, got str"),
    ("unknown-kind.yaml", ":3:11: fact 'invasion-date': 'kind' must be one of date, set, participants, quote"),
    ("duplicate-fact-id.yaml", ":8:9: fact 'invasion-date' is already defined at {path}:2:5"),
    ("undefined-entity.yaml", ":7:24: fact 'allies': unknown entity 'sweden' (known: germany)"),
    ("invalid-pattern.yaml", ":7:26: fact 'invasion-date': invalid pattern '(unclosed': missing ) at position 9"),
    ("invalid-utf8.yaml", ":4:14: not valid UTF-8 (byte offset 57: invalid start byte)"),
    ("control-char.yaml", ":4:15: invalid YAML: character #x001b is not allowed"),
    ("nul.yaml", ":4:15: invalid YAML: character #x0000 is not allowed"),
    ("deep-nesting.yaml", ":1:1: invalid YAML: nested too deeply"),
    ("number-key.yaml", ":8:1: unknown key '1' (expected one of description, entities, facts, files, languages, lexicon, story)"),
]


@pytest.mark.parametrize("name, message", RULE_ERRORS, ids=[r[0] for r in RULE_ERRORS])
def test_a_bad_rule_file_is_exit_2_with_its_position(name, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # where an executed tag would have left its file
    path = RULE_FILES / name
    start = time.perf_counter()
    r = check(str(GOOD), rules=path)
    assert time.perf_counter() - start < 10  # the alias bomb is refused before it expands
    assert r.code == 2 and r.out == "", r.out
    assert r.err.splitlines()[0].startswith(f"{path}{message.format(path=path)}"), r.err
    assert not (tmp_path / "pwned-by-factlint").exists()


def test_ids_must_be_unique_across_rule_files():
    folder = RULE_FILES / "duplicate-across-files"
    r = check(str(GOOD), rules=folder)
    assert r.code == 2
    assert r.err == f"{folder}/b.yaml:2:3: entity 'germany' is already defined at {folder}/a.yaml:2:3\n"


def test_a_rule_file_with_a_bom_is_read():
    r = check(str(GOOD), rules=RULE_FILES / "bom.yaml")
    assert r.code == 1 and r.findings == [good_finding().replace("(Russia's full-scale invasion of Ukraine began "
                                                                  "on 24 February 2022)", "(m)")
                                          .replace("stoltenberg-seoul-2023/", "")]  # bom.yaml names no story


@pytest.mark.parametrize("name, pattern, line", [
    ("nested-quantifier.yaml", "(a+)+$", 1),  # on line 1: 5000 "a" then "b"
    ("catastrophic-pattern.yaml", "(a|a)*$", 1),
    ("catastrophic-exclude.yaml", "(x+x+)+y", 3),  # an exclude pattern, on the claim of line 3 and its 5000 "x"
])
def test_a_catastrophic_pattern_is_reported_at_the_rule_not_a_hang(name, pattern, line):
    rule = RULE_FILES / name
    article = ARTICLES / "aaaa.txt"
    proc, seconds = timed("--rules", str(rule), str(article), str(GOOD))
    assert proc.returncode == 2, proc.stderr
    (message,) = proc.stderr.splitlines()
    assert message.startswith(f"{rule}:7:14: fact 'invasion-date': pattern '{pattern}' took longer than "), message
    assert message.endswith(f"; the sentence is at {article}:{line}:1"), message
    assert proc.stdout.splitlines()[-1].endswith("1 file could not be checked.")
    assert seconds < 30, seconds


# --------------------------------------------------------------------------- walking folders

def _symlink(target: str, link: Path) -> None:
    try:
        os.symlink(target, link)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not available here")


@posix_only
def test_symlink_loops_are_reported_and_never_followed(tmp_path):
    top = tmp_path / "articles"
    (top / "sub").mkdir(parents=True)
    shutil.copy(GOOD, top / "a.txt")
    _symlink("..", top / "sub" / "up")  # a folder cycle: walking it would never end
    _symlink("self.md", top / "self.md")
    _symlink("loop2.txt", top / "loop1.txt")
    _symlink("loop1.txt", top / "loop2.txt")
    _symlink("missing.txt", top / "dangling.txt")
    r = check(str(top))
    assert r.code == 2
    assert r.findings == [good_finding(top / "a.txt")]  # once: the cycle is not followed
    err = r.err.splitlines()
    assert [line.split(": ", 1)[0] for line in err] == [f"{top}/{n}" for n in ("dangling.txt", "loop1.txt",
                                                                                "loop2.txt", "self.md")]
    assert all(": cannot read article: " in line for line in err)


@posix_only
def test_a_symlink_loop_named_on_the_command_line_is_not_called_missing(tmp_path):
    _symlink("self.md", tmp_path / "self.md")
    r = check(str(tmp_path / "self.md"))
    assert r.code == 2 and r.err.startswith(f"{tmp_path}/self.md: cannot read article: "), r.err


def _deny(monkeypatch, path: Path) -> None:
    """chmod 0 does not stop root: make the folder unreadable to os.walk as well."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        real = os.scandir

        def scandir(p="."):  # type: ignore[no-untyped-def]
            if os.fspath(p) == str(path):
                raise PermissionError(13, "Permission denied", str(path))
            return real(p)

        monkeypatch.setattr(os, "scandir", scandir)


@posix_only
def test_an_unreadable_folder_is_reported_and_the_rest_is_checked(tmp_path, monkeypatch):
    top = tmp_path / "articles"
    locked = top / "locked"
    locked.mkdir(parents=True)
    shutil.copy(GOOD, top / "a.txt")
    shutil.copy(GOOD, locked / "b.txt")
    locked.chmod(0)
    try:
        _deny(monkeypatch, locked)
        r = check(str(top))
    finally:
        locked.chmod(0o755)
    assert r.code == 2
    assert r.findings == [good_finding(top / "a.txt")]
    assert r.err == f"{locked}: cannot read folder: Permission denied\n"
    assert r.out.splitlines()[-1].endswith("1 file could not be checked.")


@posix_only
def test_an_unreadable_article_is_reported_and_the_rest_is_checked(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    shutil.copy(GOOD, secret)
    secret.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # chmod 0 does not stop root: the CLI's open() refuses
        import checker.run

        def refusing_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
            if os.fspath(file) == str(secret):
                raise PermissionError(13, "Permission denied", str(file))
            return open(file, *args, **kwargs)

        monkeypatch.setattr(checker.run, "open", refusing_open, raising=False)
    try:
        r = check(str(secret), str(GOOD))
    finally:
        secret.chmod(0o644)
    assert r.code == 2
    assert r.err == f"{secret}: cannot read article: Permission denied\n"
    assert r.findings == [good_finding()]


# --------------------------------------------------------------------------- size: no quadratic work

SEED_PARAGRAPHS = SEED_003.read_text(encoding="utf-8")


def _report(record_property, name: str, size: int, seconds: float) -> None:
    record_property(f"{name}_seconds", round(seconds, 2))
    print(f"\n{name}: {size / 1e6:.1f} MB in {seconds:.1f} s")


def test_a_10_mb_article_completes_and_loses_nothing(tmp_path, record_property):
    once = json.loads(check("--output-format", "json", str(SEED_003)).out)["summary"]["by_severity"]
    copies = 10_000_000 // (len(SEED_PARAGRAPHS.encode()) + 2) + 1
    path = tmp_path / "big.txt"
    path.write_text((SEED_PARAGRAPHS + "\n\n") * copies, encoding="utf-8")
    proc, seconds = timed("--rules", str(RULES), "--story", SEED_STORY, "--output-format", "json", str(path))
    _report(record_property, "10 MB article", path.stat().st_size, seconds)
    assert proc.returncode == 1 and proc.stderr == ""
    assert json.loads(proc.stdout)["summary"]["by_severity"] == {k: n * copies for k, n in once.items()}


LINE_PIECES = [
    " ".join(SEED_PARAGRAPHS.split()),  # the seed's sentences on one line
    # one sentence with no end, full of what finders pair up: people, titles, lists, quotations
    ("Stoltenberg met President Yoon and Defense Minister Kim and weapons went to Germany, Sweden, Norway and "
     'Poland and Stoltenberg said "strong necessity" for ammunition and \u201cunpaired and '),
    # what Markdown masks, never closed
    "<!-- factlint-disable x <!-- ](](]( `a ```a ~~~b word. word. U.S. ",
]


@pytest.mark.parametrize("kind", ["seed", "sentence", "markdown"])
def test_a_2_mb_line_completes(kind, tmp_path, record_property):
    piece = LINE_PIECES[["seed", "sentence", "markdown"].index(kind)]
    path = tmp_path / "line.md"
    path.write_text(piece * (2_000_000 // len(piece.encode()) + 1) + "\n", encoding="utf-8")
    proc, seconds = timed("--rules", str(RULES), "--story", SEED_STORY, str(path))
    _report(record_property, f"2 MB line ({kind})", path.stat().st_size, seconds)
    assert proc.returncode in (0, 1) and proc.stderr == "", proc.stderr
    assert proc.stdout.splitlines()[-1].endswith("in 1 of 1 file.") or proc.stdout.startswith("No problems")


def test_a_long_sentence_full_of_name_keywords_is_not_quadratic(tmp_path):
    piece = "Stoltenberg spoke at the Choi Institute for Advanced Study and "
    path = tmp_path / "institutes.txt"
    path.write_text(piece * (60_000 // len(piece)) + "\n", encoding="utf-8")  # 60 KB; took 16 s before the sentence was tokenised once
    try:
        subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", "--no-config", "--rules", str(RULES), "--story", SEED_STORY,
                        str(path)], cwd=ROOT, capture_output=True, timeout=8, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("60 KB took more than 8 s")


def test_finding_the_terms_inside_one_sentence_does_not_copy_the_article():
    from checker.model import Span
    from checker.rules import within

    spans = [Span(i * 10, i * 10 + 5) for i in range(200_000)]
    start = time.perf_counter()
    for i in range(2000):
        within(spans, Span(i * 10, i * 10 + 9))
    assert time.perf_counter() - start < 0.3


# --------------------------------------------------------------------------- factlint never writes to an article

def _fingerprints(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(p): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def test_no_article_changes_during_a_run(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    before = {**_fingerprints(ARTICLES), **_fingerprints(ROOT / "seeds")}
    for i, fmt in enumerate(("text", "json", "github", "sarif", "junit")):
        cache = ("--no-cache",) if i % 2 else ()  # with the cache, the second time round reads and writes it
        r = run("check", *cache, "--no-config", "--rules", str(RULES), "--story", SEED_STORY, "--output-format", fmt,
                "--output-file", str(tmp_path / f"report.{fmt}"), "--statistics", str(ARTICLES), str(ROOT / "seeds"))
        assert r.code == 2 and "internal error" not in r.err
    assert {**_fingerprints(ARTICLES), **_fingerprints(ROOT / "seeds")} == before


def test_the_report_never_overwrites_an_article(tmp_path):
    article = tmp_path / "a.txt"
    shutil.copy(GOOD, article)
    r = check("--output-file", str(article), str(article))
    assert article.read_bytes() == GOOD.read_bytes()
    assert r.code == 2 and "--output-file" in r.err


def test_found_is_the_text_at_the_position_even_around_a_comment(tmp_path):
    path = tmp_path / "a.md"
    raw = "He cited Germany and <!-- note --> Norway as countries that changed their export policy.\n"
    path.write_text(raw, encoding="utf-8")
    (f,) = json.loads(check("--output-format", "json", str(path)).out)["findings"]
    assert f["found"] == show(raw[f["column"] - 1:f["end_column"] - 1])


def test_found_names_and_titles_are_the_text_at_the_position_around_a_comment(tmp_path):
    path = tmp_path / "a.md"
    lines = ["Stoltenberg spoke at the Chey <!-- x --> Institute of Advanced Study in Seoul.",
             "South Korean <!-- y --> Defense Minister Yoon Suk Yeol met Stoltenberg in Seoul on Monday."]
    path.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    findings = json.loads(check("--output-format", "json", str(path)).out)["findings"]
    assert {f["rule"] for f in findings} >= {"stoltenberg-seoul-2023/venue", "stoltenberg-seoul-2023/seoul-meetings"}, findings
    for f in findings:
        assert f["line"] == f["end_line"], f
        found = show(path.read_text(encoding="utf-8").splitlines()[f["line"] - 1][f["column"] - 1:f["end_column"] - 1])
        assert f["found"] == found and "<!--" in found, f


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_control_character_is_placed_on_its_line_whatever_the_line_breaks(newline, tmp_path):
    text = (RULE_FILES / "control-char.yaml").read_text(encoding="utf-8")
    path = tmp_path / "r.yaml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    r = check(str(GOOD), rules=path)
    assert r.code == 2 and r.err == f"{path}:4:15: invalid YAML: character #x001b is not allowed\n", r.err


DEEP = {
    "flow": "[" * 100_000 + "]" * 100_000,
    "block": "- " * 100_000 + "x",
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_nesting_too_deep_for_libyaml_is_parsed_by_pyyaml_and_refused(shape, tmp_path):
    """libyaml's composer recurses on the C stack and crashed the interpreter between 10,000 and
    100,000 levels; such input must reach PyYAML's parser, which stops with RecursionError."""
    rules = tmp_path / "deep.yaml"
    rules.write_text(f"facts: {DEEP[shape]}\n" if shape == "flow" else f"facts:\n{DEEP[shape]}\n", encoding="utf-8")
    proc, _ = timed("--rules", str(rules), str(GOOD))
    assert proc.returncode == 2 and proc.stderr.startswith(f"{rules}:"), proc.stderr[:300]
    assert "Segmentation" not in proc.stderr and "internal error" not in proc.stderr
    article = tmp_path / "deep.md"
    value = f" {DEEP[shape]}" if shape == "flow" else f"\n{DEEP[shape]}"
    article.write_text(f"---\nx:{value}\n---\nText.\n", encoding="utf-8")
    proc, _ = timed("--rules", str(RULES), "--story", SEED_STORY, str(article), str(GOOD))
    assert proc.returncode == 2, proc.stderr[:300]
    assert proc.stderr.startswith(f"{article}:2:1: front matter is not valid YAML: nested too deeply"), proc.stderr[:300]
    assert proc.stdout.splitlines()[0] == good_finding()
