"""Selection, exit policy, statistics, suppressions and [tool.factlint] configuration."""
from __future__ import annotations

from pathlib import Path

from conftest import ROOT, run, where, SEED_STORY

WRONG = "Putin ordered the invasion of Ukraine in February 2014."  # date at column 42
HEDGED = "Countries like Germany and Norway changed their export policy."  # warning at column 16


def test_select_ignore_exit_zero_statistics(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("check", "--select", "invasion-date")
    assert where(r) == [(11, 224, "error", "stoltenberg-seoul-2023/invasion-date")]
    r = run("check", "--ignore", "invasion-date,ammunition-quote")
    assert [w[3] for w in where(r)] == ["stoltenberg-seoul-2023/export-policy-countries"] and r.code == 0
    r = run("check", "--select", "*-date", "--exit-zero")
    assert r.code == 0 and [w[3] for w in where(r)] == ["stoltenberg-seoul-2023/invasion-date"]
    r = run("check", "--statistics")
    assert r.out.splitlines() == [
        "    1  stoltenberg-seoul-2023/ammunition-quote [error]",
        "    1  stoltenberg-seoul-2023/export-policy-countries [warning]",
        "    1  stoltenberg-seoul-2023/invasion-date [error]",
        "Found 3 problems (2 errors, 1 warning) in 1 of 2 files.",
    ]
    assert r.code == 1


def test_unknown_selector_is_exit_2(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("check", "--select", "no-such-fact")
    assert r.code == 2 and r.err.startswith("--select: 'no-such-fact' matches no fact")


def test_disable_next_line(lint):
    text = f"<!-- factlint-disable-next-line invasion-date -->\n{WRONG}\n{WRONG}\n"
    assert where(lint(text, "a.md")) == [(3, 42, "error", "stoltenberg-seoul-2023/invasion-date")]
    text = f"<!-- factlint-disable-next-line -->\n{WRONG}\n"
    assert lint(text, "a.md").findings == []


def test_disable_enable_range_and_file(lint):
    text = (f"<!-- factlint-disable invasion-date -->\n{WRONG}\n\n{WRONG}\n"
            f"<!-- factlint-enable invasion-date -->\n{WRONG}\n")
    assert where(lint(text, "a.md")) == [(6, 42, "error", "stoltenberg-seoul-2023/invasion-date")]
    text = f"{WRONG}\n\n<!-- factlint-disable-file invasion-date -->\n"
    assert lint(text, "a.md").findings == []


def test_suppressions_work_in_plain_text_and_are_not_prose(lint):
    text = f"<!-- factlint-disable-next-line invasion-date -->\n{WRONG}\n"
    assert lint(text, "a.txt").findings == []


def test_unused_and_unknown_suppressions_are_warnings(lint):
    text = (f"<!-- factlint-disable-next-line invasion-date -->\nNothing here.\n"
            f"<!-- factlint-disable-next-line no-such-fact -->\n{WRONG}\n")
    r = lint(text, "a.md")
    assert where(r) == [(1, 1, "warning", "unused-suppression"), (3, 1, "warning", "unused-suppression"),
                        (4, 42, "error", "stoltenberg-seoul-2023/invasion-date")]
    assert "silences nothing" in r.findings[0] and "'no-such-fact', which is not a fact" in r.findings[1]
    assert lint(text, "a.md", None, "--ignore", "unused-suppression").findings[0].endswith(
        "(Russia's full-scale invasion of Ukraine began on 24 February 2022)")


def test_pyproject_configuration(tmp_path, monkeypatch):
    (tmp_path / "articles" / "skip").mkdir(parents=True)
    (tmp_path / "articles" / "a.md").write_text(HEDGED + "\n", encoding="utf-8")
    (tmp_path / "articles" / "b.txt").write_text(WRONG + "\n", encoding="utf-8")
    (tmp_path / "articles" / "skip" / "c.txt").write_text(WRONG + "\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(f"""
[project]
name = "newsroom"

[tool.factlint]
rules = ["{ROOT / 'rules'}"]
paths = ["articles"]
exclude = ["*/skip"]
fail-level = "warning"
per-file-ignores = {{ "*/b.txt" = ["invasion-date"] }}
""", encoding="utf-8")
    sub = tmp_path / "articles"
    monkeypatch.chdir(sub)  # found by walking up; its paths are relative to the file
    r = run("check", "--story", SEED_STORY)  # the articles carry no front matter 'story'
    assert r.out.splitlines()[0].startswith("a.md:1:16: warning stoltenberg-seoul-2023/export-policy-countries")
    assert len(r.findings) == 1 and r.code == 1  # fail-level warning
    assert run("check", "--story", SEED_STORY, "--fail-level", "error").code == 0  # flags override
    assert run("check", "--no-config", "--rules", str(ROOT / "rules"), "--story", SEED_STORY, ".").code == 1


def test_invalid_configuration_is_exit_2_with_file_and_line(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\npaths = ["."]\nfail_level = "warning"\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = run("check")
    assert r.code == 2
    assert r.err == "pyproject.toml:3:1: [tool.factlint] 'fail_level': unknown setting (did you mean 'fail-level'?)\n"
    (tmp_path / "pyproject.toml").write_text('[tool.factlint]\nfail-level = "fatal"\n', encoding="utf-8")
    assert run("check").err == ("pyproject.toml:2:1: [tool.factlint] 'fail-level': must be one of error, warning, "
                                "info, got 'fatal'\n")


def test_output_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    target = tmp_path / "out" / "report.txt"
    r = run("check", "--output-file", str(target))
    assert r.out == "" and r.code == 1
    assert target.read_text(encoding="utf-8") == (Path(__file__).parent / "golden" / "check_seeds.txt").read_text(
        encoding="utf-8")


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path):
    """`factlint check big/ | head -1`: a broken pipe ends the run quietly (exit 2), not with an internal error."""
    import shutil
    import subprocess
    import sys

    for i in range(400):
        shutil.copy(ROOT / "seeds" / "003_bf0424ff44096694.txt", tmp_path / f"{i:03d}.txt")
    proc = subprocess.Popen([sys.executable, "-m", "checker", "check", "--no-cache", "--no-config", "--rules",
                             str(ROOT / "rules"), "--story", SEED_STORY, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 2
    assert first.startswith(str(tmp_path / "000.txt").encode() + b":9:216: error stoltenberg-seoul-2023/ammunition-quote")
    assert err == b""


# Paths are read as strings where that is plainly what pathlib would say (per article, path objects
# cost more than a cached article's lookup); pathlib is the reference.
ODD_PATHS = ["a/b.txt", "/tmp/x/y.MD", "a/b/", "/", "//a", "a//b.txt", "./a.md", "a/./b", "a/b.txt/.", ".", "", "..",
             "../a.txt", "a/..", "/a/b/", "x", ".hidden", ".txt", "a-b/x", "///a", "a/b.", "a/b.tar.GZ", "a/b..", "..a"]


def test_suffix_and_parts_read_from_strings_are_pathlib_s():
    from pathlib import Path, PurePath

    from checker.discover import parts as _parts
    from checker.model import suffix

    assert [suffix(p) for p in ODD_PATHS] == [PurePath(p).suffix.lower() for p in ODD_PATHS]
    assert [_parts(p) for p in ODD_PATHS] == [Path(p).parts for p in ODD_PATHS]


def test_a_file_name_matches_a_glob_as_its_path_object_does():
    import fnmatch
    from pathlib import Path, PurePosixPath

    from checker.discover import path_matches as _path_matches

    def by_pathlib(name: str, glob: str) -> bool:
        posix = PurePosixPath(Path(name).as_posix())
        return fnmatch.fnmatch(str(posix), glob) or posix.match(glob)

    names = ["a.txt", "a.md", "A.TXT", ".x.txt", "b.markdown", "x", "a.txt.bak", "*", "[a].txt"]
    globs = ["*.txt", "*.md", "./*.txt", "*.md/", "**/*.txt", "/x", "a.*", "*/a.txt", "[a].txt", "*.TXT", "x", "?.md"]
    assert [_path_matches(n, [g]) for n in names for g in globs] == [by_pathlib(n, g) for n in names for g in globs]
    assert _path_matches("a.txt", ["./*.txt"])  # only pathlib's reading matches it: the case the shortcut keeps
