"""The progress line on standard error: on a terminal outside CI only, throttled, erased before the
summary, and never a byte of difference in the report."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import main
from checker.report import progress
from checker.report.progress import Progress
from conftest import ROOT

RULES = """story: s
facts:
  - id: opening
    kind: date
    message: the ferry line opened on 3 March 2001
    expected: "2001-03-03"
    sources: [invented]
    applies: {any: [opened, ouverte, dibuka, 开通]}
"""
TEXTS = [
    "---\nlang: en\n---\nThe ferry line opened on 3 March 2001, the port said.\n",
    "---\nlang: en\n---\nThe ferry line opened on 3 March 2011, the port said.\n",  # a finding
    "---\nlang: fr\n---\nLa ligne de ferry a été ouverte le 3 mars 2001.\n",
    "---\nlang: id\n---\nJalur feri itu dibuka pada 3 Maret 2002.\n",  # a finding
]
N = 24


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Screen:
    """One terminal that stdout and stderr both write to, as when neither is redirected:
    renders carriage returns as a terminal does (back to column 0, overwrite)."""

    def __init__(self) -> None:
        self.raw: list[str] = []
        self.out, self.err = self._Side(self), self._Side(self)

    class _Side(io.TextIOBase):
        def __init__(self, screen: "Screen") -> None:
            self.screen = screen

        def write(self, text: str) -> int:
            self.screen.raw.append(text)
            return len(text)

        def isatty(self) -> bool:
            return True

    def lines(self) -> list[str]:
        rows, row, col = [], [], 0
        for ch in "".join(self.raw):
            if ch == "\n":
                rows.append("".join(row).rstrip())
                row, col = [], 0
            elif ch == "\r":
                col = 0
            else:
                if col < len(row):
                    row[col] = ch
                else:
                    row.append(ch)
                col += 1
        if row:
            rows.append("".join(row).rstrip())
        return rows


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "rules.yaml").write_text(RULES, encoding="utf-8")
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(N):
        (folder / f"a{i:02d}.md").write_text(TEXTS[i % len(TEXTS)], encoding="utf-8")
    return str(tmp_path / "rules.yaml"), str(folder)


@pytest.fixture
def at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every tick draws: the corpus is checked in well under the real half-second delay."""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "INTERVAL", 0.0)
    monkeypatch.delenv("CI", raising=False)


def _check(corpus: tuple[str, str], err: io.TextIOBase, *flags: str, out: io.TextIOBase | None = None) -> tuple[int, str]:
    out = out if out is not None else io.StringIO()
    code = main(["check", "--no-cache", "--jobs", "1", "--rules", corpus[0], "--story", "s",
                 "--output-format", "text", *flags, corpus[1]], out=out, err=err)
    return code, out.getvalue() if isinstance(out, io.StringIO) else ""


def test_a_terminal_sees_the_count_and_the_report_is_byte_identical(corpus, at_once):
    tty, pipe = Terminal(), io.StringIO()
    code_tty, out_tty = _check(corpus, tty)
    code_pipe, out_pipe = _check(corpus, pipe)
    assert (code_tty, out_tty) == (code_pipe, out_pipe)
    assert out_tty.endswith(f"Found 12 problems (12 errors) in 12 of {N} files.\n")
    assert pipe.getvalue() == ""
    shown = tty.getvalue()
    assert f"\rfactlint: 1/{N} articles checked" in shown
    assert f"\rfactlint: {N}/{N} articles checked" in shown
    assert shown.endswith("\r" + " " * len(f"factlint: {N}/{N} articles checked") + "\r")  # erased at the end
    assert "\n" not in shown  # nothing but the line: no error, no stray newline


def test_thousands_are_grouped():
    err = Terminal()
    clock = iter([0.0] + [1.0 + i for i in range(3000)]).__next__
    p = Progress(err, 2000, enabled=True, clock=clock)
    for _ in p.track(range(1234)):
        pass
    assert "\rfactlint: 1,234/2,000 articles checked" in err.getvalue()


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
def test_quiet_has_no_progress(corpus, at_once, flag):
    tty = Terminal()
    _check(corpus, tty, flag)
    assert "articles checked" not in tty.getvalue()


def test_ci_has_no_progress(corpus, at_once, monkeypatch):
    monkeypatch.setenv("CI", "true")
    tty = Terminal()
    _check(corpus, tty)
    assert tty.getvalue() == ""


def test_one_screen_for_both_streams_is_not_garbled(corpus, at_once):
    """stdout and stderr on one terminal: every finding line and the summary read whole, and no
    trace of the progress line is left on the screen."""
    pipe = io.StringIO()
    _, expected = _check(corpus, pipe)
    screen = Screen()
    main(["check", "--no-cache", "--jobs", "1", "--rules", corpus[0], "--story", "s", "--output-format", "text",
          corpus[1]], out=screen.out, err=screen.err)
    assert "articles checked" in "".join(screen.raw)
    assert screen.lines() == expected.splitlines()


def test_errors_on_stderr_start_on_a_clean_line(corpus, at_once):
    bad = Path(corpus[1]) / "a99.md"
    bad.write_bytes(b"---\nlang: [\n---\nBroken front matter.\n")
    screen = Screen()
    main(["check", "--no-cache", "--jobs", "1", "--rules", corpus[0], "--story", "s", "--output-format", "text",
          corpus[1]], out=screen.out, err=screen.err)
    errors = [line for line in screen.lines() if "a99.md" in line]
    assert errors and all(line.startswith(str(bad)) for line in errors)
    assert not any("articles checked" in line for line in screen.lines())


def test_the_line_waits_half_a_second_and_redraws_ten_times_a_second_at_most():
    err = Terminal()
    now = [0.0]
    p = Progress(err, 100, enabled=True, clock=lambda: now[0])
    draws = []
    for i in p.track(range(100)):
        now[0] = i * 0.01  # a file every 10 ms: 1 s in all
        before = err.getvalue().count("articles checked")
        p.tick()
        if err.getvalue().count("articles checked") > before:
            draws.append(now[0])
    drawn = err.getvalue().count("articles checked")
    assert drawn >= 4  # 0.5 s to 0.99 s, every 0.1 s
    assert drawn <= 6
    assert min(draws) >= 0.5
    assert all(b - a >= 0.1 - 1e-9 for a, b in zip(draws, draws[1:]))


def test_a_quick_run_shows_nothing():
    err = Terminal()
    p = Progress(err, 50, enabled=True, clock=lambda: 0.2)
    for _ in p.track(range(50)):
        pass
    assert err.getvalue() == ""


def test_one_file_shows_nothing():
    err = Terminal()
    clock = iter([0.0, 5.0, 5.0, 5.0]).__next__
    for _ in Progress(err, 1, enabled=True, clock=clock).track(["a.md"]):
        pass
    assert err.getvalue() == ""


_CHILD = """
import sys
from checker.report import progress
progress.DELAY = progress.INTERVAL = 0.0
from checker.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _child(corpus: tuple[str, str], env: dict[str, str], stderr_tty: bool) -> tuple[bytes, bytes]:
    """factlint in a process of its own, its stderr a real pseudo-terminal (or a pipe)."""
    args = [sys.executable, "-c", _CHILD, "check", "--no-cache", "--jobs", "1", "--rules", corpus[0],
            "--story", "s", "--output-format", "text", corpus[1]]
    if not stderr_tty:
        p = subprocess.run(args, capture_output=True, env=env, cwd=ROOT, timeout=120)
        return p.stdout, p.stderr
    master, slave = os.openpty()
    try:
        p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, env=env, cwd=ROOT)
        os.close(slave)
        shown = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            shown += chunk
        out = p.stdout.read() if p.stdout else b""
        p.wait(timeout=120)
        if p.stdout:
            p.stdout.close()
        return out, shown
    finally:
        os.close(master)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_a_real_pseudo_terminal_and_a_pipe(corpus):
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"PYTHONPATH": str(ROOT)}
    out_tty, shown = _child(corpus, env, stderr_tty=True)
    out_pipe, err_pipe = _child(corpus, env, stderr_tty=False)
    assert b"articles checked" in shown
    assert out_tty == out_pipe and out_pipe.endswith(b"in 12 of 24 files.\n")
    assert b"articles checked" not in err_pipe
    _, shown_ci = _child(corpus, env | {"CI": "true"}, stderr_tty=True)
    assert b"articles checked" not in shown_ci
