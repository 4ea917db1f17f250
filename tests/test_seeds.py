"""The seed story end to end: the drifts of the rewrite, nothing on the original."""
from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run, where

SHARED = ROOT.parent / "shared" / "seeds"
GOLDEN = Path(__file__).parent / "golden" / "check_seeds.txt"


def test_output_matches_golden_file(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("check", "seeds/")
    assert r.code == 1
    assert r.err == ""
    assert r.out == GOLDEN.read_text(encoding="utf-8")


def test_seed_003_drifts_at_exact_positions(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("check", "seeds/003_bf0424ff44096694.txt")
    assert where(r) == [
        (9, 216, "error", "stoltenberg-seoul-2023/ammunition-quote"),
        (11, 35, "warning", "stoltenberg-seoul-2023/export-policy-countries"),
        (11, 224, "error", "stoltenberg-seoul-2023/invasion-date"),
    ]
    lines = r.findings
    assert '"February 2014"' in lines[2] and "2022-02-24" in lines[2]
    assert "leaves out Sweden" in lines[1]
    assert '"strong necessity"' in lines[0]


def test_seed_000_has_no_error(monkeypatch):
    monkeypatch.chdir(ROOT)
    r = run("check", "seeds/000_e2097bfc73f45a6c.txt")
    assert r.code == 0
    assert r.findings == []
    assert r.out == "No problems found in 1 file.\n"


def test_default_paths_are_seeds_and_rules(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert run("check").out == GOLDEN.read_text(encoding="utf-8")


def test_seeds_are_byte_for_byte_copies_of_shared():
    names = sorted(p.name for p in (ROOT / "seeds").iterdir())
    if SHARED.is_dir():
        assert names == sorted(p.name for p in SHARED.glob("*.txt"))
        for name in names:
            assert filecmp.cmp(ROOT / "seeds" / name, SHARED / name, shallow=False), name
    assert names == ["000_e2097bfc73f45a6c.txt", "003_bf0424ff44096694.txt"]


def test_console_entry_point_runs_as_a_process():
    """The installed command (or python -m checker) really exits 1 with the golden output."""
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "seeds/"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1
    assert proc.stdout == GOLDEN.read_text(encoding="utf-8")
