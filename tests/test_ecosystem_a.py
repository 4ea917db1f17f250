"""Ecosystem (issue 20): configuration files, discovery (.gitignore, rule fixtures, --force-exclude),
the defaults of an empty folder, standard input, -q/-v, and the pre-commit hook and GitHub action.

The story here is invented: a dam on the (made-up) Sarelo river, opened on 4 May 2019.
"""
from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run, where

RULES = """story: sarelo-dam
files: ["articles/*"]
facts:
  - id: opening-date
    kind: date
    message: the Sarelo dam was opened on 4 May 2019
    expected: "2019-05-04"
    sources: [invented]
    applies: {any: [opened, dam]}
"""
WRONG = "The Sarelo dam was opened on 4 May 2017 after a decade of work.\n"  # the date at column 30
RIGHT = "The Sarelo dam was opened on 4 May 2019 after a decade of work.\n"
FIXTURE = "<!-- ruleid: opening-date -->\n" + WRONG + "<!-- ok: opening-date -->\n" + RIGHT


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom as the README lays it out: rules/ with the story's rule file and its annotated
    fixture, articles/ with one drifted article; no configuration file."""
    write(tmp_path / "rules" / "sarelo-dam.yaml", RULES)
    write(tmp_path / "rules" / "sarelo-dam.md", FIXTURE)
    write(tmp_path / "articles" / "a.md", WRONG)
    monkeypatch.chdir(tmp_path)
    return tmp_path


FINDING = (1, 30, "error", "sarelo-dam/opening-date")


# --------------------------------------------------------------------------- defect 12: tomllib

def test_a_per_file_ignores_sub_table_alone_is_the_configuration(project):
    write(project / "pyproject.toml", '[project]\nname = "desk"\n\n[tool.factlint.per-file-ignores]\n'
                                      '"articles/a.md" = ["opening-date"]\n')
    r = run("check", "articles")
    assert r.code == 0 and r.findings == [] and r.err == ""


def test_the_table_named_inside_a_string_is_no_configuration(project):
    write(project / "articles" / "pyproject.toml", 'description = """\n[tool.factlint]\nrules = 5\n"""\n')
    write(project / "pyproject.toml", '[tool.factlint]\npaths = ["articles"]\nfail-level = "warning"\n')
    os.chdir(project / "articles")
    r = run("check")  # the nearer file only mentions the table in a string: the project's one applies
    assert r.code == 1 and where(r) == [FINDING] and r.findings[0].startswith("a.md:1:30: ")


def test_a_bom_before_the_table_is_read(project):
    write(project / "pyproject.toml", b"\xef\xbb\xbf[tool.factlint]\nfail-level = \"error\"\n"
                                      b"per-file-ignores = { \"articles/*\" = [\"opening-date\"] }\n")
    r = run("check", "articles")
    assert r.code == 0 and r.findings == []


def test_tool_that_is_no_table_is_exit_2_with_its_line(project):
    write(project / "pyproject.toml", '# factlint settings below\ntool = 5\n\n[project]\nname = "desk"\n')
    r = run("check", "articles")
    assert r.code == 2
    assert r.err == "pyproject.toml:2:1: 'tool' must be a table (as in [tool.factlint]), got an integer\n"


def test_an_empty_rules_list_is_exit_2_not_a_silent_pass(project):
    write(project / "pyproject.toml", '[tool.factlint]\npaths = ["articles"]\nrules = []\n')
    r = run("check")
    assert r.code == 2
    assert r.err == ("pyproject.toml:3:1: [tool.factlint] 'rules': is empty: name at least one rule file or folder "
                     "(remove the key for the default)\n")


def test_a_bad_key_in_a_sub_table_is_reported_on_its_header(project):
    write(project / "pyproject.toml", '[tool.factlint]\npaths = ["articles"]\n\n[tool.factlint.per-file-ignores]\n'
                                      '"articles/*" = "opening-date"\n')
    r = run("check")
    assert r.code == 2 and r.err.startswith("pyproject.toml:4:1: [tool.factlint] 'per-file-ignores': must be ")


def test_another_tools_broken_pyproject_is_skipped(project):
    write(project / "articles" / "pyproject.toml", "[tool.black\nline-length = 100\n")
    os.chdir(project / "articles")
    r = run("check", "--rules", "../rules", "--story", "sarelo-dam", "a.md")
    assert r.code == 1 and where(r) == [FINDING]


# --------------------------------------------------------------------------- --config and factlint.toml

def test_factlint_toml_has_its_settings_at_the_top_level(project):
    write(project / "factlint.toml", 'paths = ["articles"]\n[per-file-ignores]\n"articles/a.md" = ["opening-date"]\n')
    write(project / "pyproject.toml", '[tool.factlint]\nfail-level = "info"\n')  # factlint.toml wins beside it
    r = run("check")
    assert r.code == 0 and r.out == "No problems found in 1 file.\n"
    write(project / "factlint.toml", '[tool.factlint]\npaths = ["articles"]\n')
    r = run("check")
    assert r.code == 2 and r.err == ("factlint.toml:1:1: 'tool': unknown setting (factlint.toml has its settings at "
                                     "the top level, without [tool.factlint])\n")


def test_config_names_the_file_and_its_folder_is_the_root(project, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("settings")
    write(elsewhere / "desk.toml", f'rules = ["{(project / "rules").as_posix()}"]\n'
                                   f'paths = ["{(project / "articles").as_posix()}"]\n')
    r = run("check", "--config", str(elsewhere / "desk.toml"))
    assert r.code == 1 and where(r) == [FINDING]
    r = run("check", "--config", str(elsewhere / "none.toml"))
    assert r.code == 2 and "cannot read the configuration" in r.err
    write(elsewhere / "pyproject.toml", '[project]\nname = "x"\n')
    r = run("check", "--config", str(elsewhere / "pyproject.toml"))
    assert r.code == 2 and r.err.endswith("pyproject.toml:1:1: no [tool.factlint] table in this file\n")
    assert run("check", "--config", "desk.toml", "--no-config").code == 2


# --------------------------------------------------------------------------- defect 8: defaults

def test_an_empty_folder_says_how_to_configure_the_rules(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    r = run("check")
    assert r.code == 2 and "seeds" not in r.err
    assert r.err.startswith("no rules to check against: there is no rules/ folder here. Give --rules PATH, or set "
                            "rules = [\"PATH\"] in factlint.toml, or [tool.factlint] in pyproject.toml")


def test_the_default_path_is_the_working_folder(project):
    r = run("check")  # no configuration: rules/ and . by default
    assert r.code == 1 and where(r) == [FINDING] and r.findings[0].startswith("articles/a.md:1:30: ")
    write(project / "pyproject.toml", '[tool.factlint]\npaths = ["articles"]\n')
    os.chdir(project / "articles")
    r = run("check")  # the configured paths, and the project's rules/, from a subfolder
    assert r.code == 1 and r.findings[0].startswith("a.md:1:30: ")


def test_a_folder_with_no_articles_warns_on_stderr(project):
    (project / "empty").mkdir()
    r = run("check", "empty")
    assert r.code == 0
    assert r.err == "factlint: warning: no articles to check under empty (include: *.txt, *.md, *.markdown)\n"
    assert run("check", "-q", "empty").err == ""


# --------------------------------------------------------------------------- defect 3: rule fixtures

def test_rule_fixtures_and_rule_files_are_never_articles(project):
    r = run("check", ".")
    assert r.code == 1 and where(r) == [FINDING] and r.findings[0].startswith("articles/a.md:")
    assert r.out.endswith("in 1 of 1 file.\n")
    # as pre-commit names them: the fixture and the rule file are left out, the article is checked
    r = run("check", "--rules", "rules/", "rules/sarelo-dam.md", "rules/sarelo-dam.yaml", "articles/a.md")
    assert r.code == 1 and len(r.findings) == 1 and r.out.endswith("in 1 of 1 file.\n")
    r = run("check", "--rules", "rules/", "-v", "rules/sarelo-dam.md")
    assert r.code == 0 and "factlint: skipped rules/sarelo-dam.md: in a rule folder (a fixture for 'factlint " \
                           "test', not an article)\n" in r.err
    assert run("test", "rules").code == 0  # the fixture is still factlint test's


def test_checking_this_repository_finds_the_seeds_drifts_alone(monkeypatch):
    monkeypatch.chdir(ROOT)  # rules/'s fixture is no article; tests/, docs/, README.md are excluded
    r = run("check", ".")
    assert r.err == "" and r.code == 1
    assert [(f.split(":")[0], *w) for f, w in zip(r.findings, where(r))] == [
        ("seeds/003_bf0424ff44096694.txt", 9, 216, "error", "stoltenberg-seoul-2023/ammunition-quote"),
        ("seeds/003_bf0424ff44096694.txt", 11, 35, "warning", "stoltenberg-seoul-2023/export-policy-countries"),
        ("seeds/003_bf0424ff44096694.txt", 11, 224, "error", "stoltenberg-seoul-2023/invasion-date")]
    assert r.out.endswith("in 1 of 2 files.\n")


# --------------------------------------------------------------------------- defect 4: .gitignore

def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_gitignore_is_respected_by_default(project):
    git("init", "-q", cwd=project)
    write(project / ".gitignore", "node_modules/\nbuild/\n*.tmp.md\n")
    for junk in ("node_modules/pkg/README.md", "build/out/a.md", "articles/draft.tmp.md", "articles/venv/x.md"):
        write(project / junk, WRONG)
    write(project / "articles" / "venv" / ".gitignore", "*\n")  # as `python -m venv` writes one
    r = run("check", ".")
    assert r.code == 1 and [f.split(":")[0] for f in r.findings] == ["articles/a.md"]
    r = run("check", "--no-respect-gitignore", "--story", "sarelo-dam", ".")
    assert sorted(f.split(":")[0] for f in r.findings) == [
        "articles/a.md", "articles/draft.tmp.md", "articles/venv/x.md", "build/out/a.md", "node_modules/pkg/README.md"]
    r = run("check", "-v", "articles")
    assert "factlint: skipped articles/venv: ignored by git (.gitignore)\n" in r.err
    assert "factlint: skipped articles/draft.tmp.md: ignored by git (.gitignore)\n" in r.err
    assert run("check", "articles/draft.tmp.md").code == 1  # a named file is checked, as in ruff


# --------------------------------------------------------------------------- defect 2: --force-exclude

def test_force_exclude_applies_exclude_to_named_files(project):
    write(project / "articles" / "archive" / "old.md", WRONG)
    write(project / "pyproject.toml", '[tool.factlint]\nexclude = ["articles/archive"]\n')
    assert where(run("check", "articles/archive/old.md")) == [FINDING]  # named: checked, as ruff does
    r = run("check", "--force-exclude", "articles/archive/old.md", "articles/a.md")
    assert r.code == 1 and [f.split(":")[0] for f in r.findings] == ["articles/a.md"]
    r = run("check", "--force-exclude", "articles/archive/old.md")
    assert r.code == 0 and r.findings == []


# --------------------------------------------------------------------------- standard input

def stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_an_article_from_standard_input_is_named_by_stdin_filename(project, monkeypatch):
    stdin(monkeypatch, WRONG.encode())
    r = run("check", "-", "--stdin-filename", "articles/new.md")  # the story's files glob claims the name
    assert r.code == 1 and where(r) == [FINDING] and r.findings[0].startswith("articles/new.md:1:30: ")
    stdin(monkeypatch, RIGHT.encode())
    assert run("check", "-", "--stdin-filename", "articles/new.md").out == "No problems found in 1 file.\n"
    write(project / "pyproject.toml", '[tool.factlint.per-file-ignores]\n"articles/n*" = ["opening-date"]\n')
    stdin(monkeypatch, WRONG.encode())
    assert run("check", "-", "--stdin-filename", "articles/new.md").code == 0
    assert run("check", "--stdin-filename", "a.md", "articles").code == 2
    assert run("check", "-", "articles").code == 2


# --------------------------------------------------------------------------- -q and -v

def test_quiet_prints_findings_only_and_verbose_says_what_was_used(project):
    r = run("check", "-q")
    assert r.code == 1 and r.out.count("\n") == 1 and r.out.startswith("articles/a.md:1:30: ") and r.err == ""
    r = run("check", "-v", ".")
    assert r.code == 1
    lines = r.err.splitlines()
    assert lines[0] == "factlint: configuration: none found (no factlint.toml, no [tool.factlint] in a pyproject.toml); " \
                       "defaults"
    assert lines[1] == "factlint: rule files: rules/sarelo-dam.yaml"
    assert lines[2] == "factlint: stories: sarelo-dam"
    assert "factlint: skipped rules: a rule folder: its articles are fixtures for 'factlint test'" in lines
    assert "factlint: articles/a.md: story sarelo-dam" in lines


# --------------------------------------------------------------------------- the hook and the action

def hooks() -> dict[str, dict]:
    return {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def test_the_hook_applies_exclude_and_runs_serially():
    hook = hooks()["factlint"]
    assert "--force-exclude" in hook["entry"].split()
    assert hook["require_serial"] is True  # one process: no --jobs pool per pre-commit batch, one summary


def test_the_hooks_files_agree_with_the_default_include():
    from checker.config import DEFAULT_INCLUDE
    from checker.discover import path_matches

    hook = hooks()["factlint"]
    assert "types_or" not in hook and "types" not in hook  # pre-commit tags LICENSE plain-text
    names = ["LICENSE", "requirements.txt", "CMakeLists.txt", "notes.md", "a/b.markdown", "x.rst", "Makefile",
             "story.MD", "a.txt.bak", "doc.md.orig", "rules.yaml"]
    for name in names:
        assert bool(re.search(hook["files"], name)) == path_matches(Path(name).name, DEFAULT_INCLUDE), name


def action_script() -> str:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return next(s["run"] for s in action["runs"]["steps"] if s.get("name") == "Run factlint")


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
@pytest.mark.parametrize("paths, expected", [
    ("articles/\nopinion/\n", ["articles/", "opinion/"]),  # `paths: |` in a workflow
    ("articles/ opinion/", ["articles/", "opinion/"]),
    ("  a.md\tb.md \n\n c d/*.md", ["a.md", "b.md", "c", "d/*.md"]),  # no glob expansion by the shell
    ("", []),
])
def test_the_action_passes_every_path(tmp_path, paths, expected):
    fake = write(tmp_path / "bin" / "factlint", "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n")
    fake.chmod(0o755)
    env = {"PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}", "INPUT_PATHS": paths, "INPUT_RULES": "",
           "INPUT_FAIL_LEVEL": "error", "INPUT_OUTPUT_FORMAT": "github"}
    out = subprocess.run(["bash", "-e", "-c", action_script()], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out[:5] == ["check", "--fail-level", "error", "--output-format", "github"]
    assert out[5:] == expected
    env["INPUT_RULES"] = "desk/rules"
    out = subprocess.run(["bash", "-e", "-c", action_script()], env=env, cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out[:3] == ["check", "--rules", "desk/rules"] and out[7:] == expected


# --------------------------------------------------------------------------- defect 15: set-up

def test_dependencies_whose_private_data_factlint_reads_are_pinned_and_313_is_tested():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'"dateparser>=1\.2,<2"', text)
    ci = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert "3.13" in ci["jobs"]["test"]["strategy"]["matrix"]["python-version"]


def test_the_readme_sets_up_a_virtual_environment_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    fresh = readme[readme.index("## On a fresh machine"):readme.index("## What it prints")]
    blocks = re.findall(r"```sh\n(.*?)```", fresh, re.S)
    assert blocks[0].strip() == "python3 -m venv .venv && . .venv/bin/activate"
    assert blocks[1].strip() == "pip install . && factlint check seeds/"
    assert blocks[2].strip() == "pip install '.[test,dask,parquet]' && pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\npip install '.[test,dask,parquet]' && pytest\n" in ci  # CI runs the README's test command
