"""The terminal's full view (issue 20, conventions): the finding, its article line, a caret under
the flagged words; colour only where wanted; the one-line format for pipes and CI."""
from __future__ import annotations

import io

from checker.cli import main
from conftest import run

RULES = """story: s
facts:
  - id: opening
    kind: date
    message: the bridge opened on 3 March 2001
    expected: "2001-03-03"
    sources: [invented]
    applies: {any: [opened, 开通]}
"""


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _article(tmp_path, text: str, name: str = "a.md"):  # type: ignore[no-untyped-def]
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(tmp_path / "rules.yaml"), str(path)


def test_the_full_view_shows_the_line_and_a_caret_under_the_words(tmp_path):
    rules, path = _article(tmp_path, "---\nlang: en\n---\nThe bridge opened on 3 March 2011, the mayor said.\n")
    r = run("check", "--no-cache", "--rules", rules, "--story", "s", "--output-format", "full", "--color", "never",
            path)
    lines = r.out.splitlines()
    assert lines[0].startswith(f"{path}:4:22: error s/opening article says \"3 March 2011\"")
    assert lines[1] == "4 | The bridge opened on 3 March 2011, the mayor said."
    assert lines[2] == " " * len("4 | ") + " " * 21 + "^" * len("3 March 2011")
    assert "\x1b[" not in r.out


def test_wide_characters_take_two_columns_of_the_caret_line(tmp_path):
    rules, path = _article(tmp_path, "---\nlang: zh\n---\n大桥于2011年3月3日开通。\n")
    r = run("check", "--no-cache", "--rules", rules, "--story", "s", "--output-format", "full", "--color", "never",
            path)
    lines = r.out.splitlines()
    assert lines[1] == "4 | 大桥于2011年3月3日开通。"
    assert lines[2] == " " * len("4 | ") + " " * 6 + "^" * (4 + 2 + 1 + 2 + 1 + 2)  # 2011年3月3日


def test_a_terminal_gets_the_full_view_in_colour_and_no_color_turns_colour_off(tmp_path, monkeypatch):
    rules, path = _article(tmp_path, "---\nlang: en\n---\nThe bridge opened on 3 March 2011.\n")
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    out = Terminal()
    assert main(["check", "--no-cache", "--rules", rules, "--story", "s", path], out=out, err=io.StringIO()) == 1
    assert "\x1b[1;31merror\x1b[0m" in out.getvalue() and "^^^^" in out.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    out = Terminal()
    main(["check", "--no-cache", "--rules", rules, "--story", "s", path], out=out, err=io.StringIO())
    assert "\x1b[" not in out.getvalue() and "^^^^" in out.getvalue()


def test_ci_and_pipes_keep_the_one_line_format(tmp_path, monkeypatch):
    rules, path = _article(tmp_path, "---\nlang: en\n---\nThe bridge opened on 3 March 2011.\n")
    monkeypatch.setenv("CI", "true")
    out = Terminal()
    main(["check", "--no-cache", "--rules", rules, "--story", "s", path], out=out, err=io.StringIO())
    assert out.getvalue().splitlines()[0].startswith(f"{path}:4:22: error s/opening ")
    assert "^" not in out.getvalue()
    r = run("check", "--no-cache", "--rules", rules, "--story", "s", path)  # not a terminal
    assert "^" not in r.out and len(r.out.splitlines()) == 2


def test_a_misspelt_flag_gets_the_subcommands_usage_and_a_suggestion(capsys):
    assert main(["check", "--ouput-format", "json", "seeds"], out=io.StringIO(), err=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: factlint check ")
    assert err.endswith("factlint check: error: unrecognized arguments: --ouput-format (did you mean "
                        "--output-format?)\n")


def test_a_misspelt_fact_id_or_rule_key_gets_a_suggestion(tmp_path):
    rules, path = _article(tmp_path, "---\nlang: en\n---\nThe bridge opened on 3 March 2011.\n")
    r = run("check", "--no-cache", "--rules", rules, "--story", "s", "--select", "s/openning", path)
    assert r.code == 2 and r.err.startswith("--select: 's/openning' matches no fact (did you mean 's/opening'?)")
    (tmp_path / "rules.yaml").write_text(RULES.replace("    sources:", "    severty: error\n    sources:"),
                                         encoding="utf-8")
    r = run("check", "--no-cache", "--rules", rules, "--story", "s", path)
    assert r.code == 2 and f"{rules}:7:5: fact 'opening': unknown key 'severty' (did you mean 'severity'?)" in r.err
