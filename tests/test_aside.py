"""Start-up work done in a forked child (issue 6): the same answers as in-process, whatever the child does."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import checker.aside
from checker.aside import Aside
from checker.model import RuleErrors
from checker.rules import load_rules
from conftest import ROOT, run
from test_rule_errors import GOOD_FACT

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork: the work is always done in-process")


def test_the_work_runs_in_a_child_and_its_answer_comes_back():
    parent = os.getpid()
    aside = Aside(lambda: (os.getpid(), {"forms": ("中国", "中國")}))
    pid, data = aside.result()
    assert pid != parent and data == {"forms": ("中国", "中國")}


def test_a_child_that_fails_or_hangs_is_replaced_by_doing_the_work_here(monkeypatch):
    parent = os.getpid()

    def fails_in_child() -> int:
        if os.getpid() != parent:
            raise RuntimeError("only in the child")
        return 7

    assert Aside(fails_in_child).result() == 7

    def hangs_in_child() -> int:
        if os.getpid() != parent:
            time.sleep(30)
        return 8

    monkeypatch.setattr(checker.aside, "PATIENCE", 0.3)
    started = time.monotonic()
    assert Aside(hangs_in_child).result() == 8
    assert time.monotonic() - started < 10


def test_an_error_of_the_work_itself_is_raised_here():
    def broken() -> int:
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        Aside(broken).result()


def _summary(rules) -> tuple:  # type: ignore[no-untyped-def]
    return ([(e.id, e.name, tuple(e.aliases), tuple(e.titles)) for e in rules.entities.values()],
            [(f.id, tuple(f.applies.any), tuple(f.applies.exclude)) for f in rules.facts], sorted(rules.languages))


def test_loading_beside_children_gives_the_same_rules_and_runs_the_callers_work():
    calls = []
    beside = load_rules([str(ROOT / "rules")], meanwhile=lambda: calls.append(os.getpid()))
    alone = load_rules([str(ROOT / "rules")])
    assert calls == [os.getpid()]
    assert _summary(beside) == _summary(alone)
    # the Chinese forms came from the child: both scripts of a term the rules write in one
    invasion = next(f for f in beside.facts if f.id == "invasion-date")
    assert {"特别军事行动", "特別軍事行動"} <= set(invasion.applies.any)


def test_schema_errors_found_by_a_child_are_the_same_and_in_file_order(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "a.yaml").write_text(GOOD_FACT.replace("kind: date\n", "kind: date\n    severity: fatal\n"),
                                   encoding="utf-8")
    (folder / "b.yaml").write_text("facts:\n  - id: x\n    kind: date\n   message: m\n", encoding="utf-8")
    (folder / "c.yaml").write_text(GOOD_FACT.replace("    sources: [s]\n", "").replace("invasion-date", "other"),
                                   encoding="utf-8")
    messages = []
    for meanwhile in (None, lambda: None):
        with pytest.raises(RuleErrors) as e:
            load_rules([str(folder)], meanwhile=meanwhile)
        messages.append([str(one) for one in e.value.errors])
    assert messages[0] == messages[1] == [
        f"{folder / 'a.yaml'}:4:15: fact 'invasion-date': 'severity' must be one of error, warning, info",
        f"{folder / 'b.yaml'}:4:4: invalid YAML: expected <block end>, but found '<block mapping start>'",
        f"{folder / 'c.yaml'}:2:5: fact 'other': missing required key 'sources'",
    ]


def test_invalid_rules_with_workers_exit_2_like_one_process(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(6):
        (articles / f"{i}.txt").write_bytes((ROOT / "seeds" / "003_bf0424ff44096694.txt").read_bytes())
    rules = tmp_path / "x.yaml"
    rules.write_text(GOOD_FACT.replace("kind: date\n", "kind: date\n    severity: fatal\n"), encoding="utf-8")
    serial = run("check", "--no-config", "--no-cache", "--jobs", "1", "--rules", str(rules), str(articles))
    forked = run("check", "--no-config", "--no-cache", "--jobs", "2", "--rules", str(rules), str(articles))
    assert (forked.code, forked.out, forked.err) == (serial.code, serial.out, serial.err) == (
        2, "", f"{rules}:4:15: fact 'invasion-date': 'severity' must be one of error, warning, info\n")


def test_a_valid_file_is_remembered_even_when_another_is_not(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    good, bad = folder / "a.yaml", folder / "b.yaml"
    good.write_text(GOOD_FACT, encoding="utf-8")
    bad.write_text(GOOD_FACT.replace("kind: date\n", "kind: date\n    severity: fatal\n").replace(
        "invasion-date", "other"), encoding="utf-8")

    class Memo:
        def __init__(self) -> None:
            self.valid: list[str] = []

        def seen(self, raw: bytes, path: str) -> bool:
            return False

        def remember(self, raw: bytes, path: str) -> None:
            self.valid.append(Path(path).name)

    memo = Memo()
    with pytest.raises(RuleErrors):
        load_rules([str(folder)], memo, meanwhile=lambda: None)
    assert memo.valid == ["a.yaml"]
