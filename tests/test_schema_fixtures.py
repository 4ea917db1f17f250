"""Schema fixtures, as semgrep keeps them: tests/schema/*.ok.yaml must validate, *.fail.yaml must not.

Each fail file says on its first line the message factlint must give (``# error: LINE:COL: ...``),
so a fixture that fails for another reason than the one it was written for is caught.
"""
from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from checker.rules import schema
from conftest import ROOT, run

FIXTURES = ROOT / "tests" / "schema"
OK = sorted(FIXTURES.glob("*.ok.yaml"))
FAIL = sorted(FIXTURES.glob("*.fail.yaml"))


def _plain(path: Path) -> object:
    """The document as an editor's yaml-language-server sees it (YAML 1.2 core types; the fixtures quote their dates)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def test_there_are_fixtures_of_both_kinds():
    assert len(OK) >= 3 and len(FAIL) >= 8


@pytest.mark.parametrize("path", OK, ids=lambda p: p.name)
def test_ok_fixture_validates_and_loads(path):
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(_plain(path))) == []
    r = run("rules", "--rules", str(path))
    assert (r.code, r.err) == (0, "")


@pytest.mark.parametrize("path", FAIL, ids=lambda p: p.name)
def test_fail_fixture_is_rejected_with_its_message(path):
    assert list(jsonschema.Draft202012Validator(schema()).iter_errors(_plain(path))) != []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# error: ")
    r = run("rules", "--rules", str(path))
    assert r.code == 2
    assert r.err.splitlines()[0] == f"{path}:{first[len('# error: '):]}"
