"""The result cache, ``factlint clean`` and ``--jobs`` (issue 6)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import checker.rules
from conftest import ROOT, run, SEED_STORY

SEED_003 = ROOT / "seeds" / "003_bf0424ff44096694.txt"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Forty articles: the two seeds and translations, some with their year changed."""
    folder = tmp_path / "articles"
    folder.mkdir()
    sources = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures" / "i18n").glob("*.txt"))
    for i in range(40):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        if i % 3 == 0:
            text = text.replace("2014", str(2000 + i))
        (folder / f"{i:03d}_{src.name}").write_text(text, encoding="utf-8")
    return folder


def _check(cache: Path, *args: str):  # type: ignore[no-untyped-def]
    return run("check", "--rules", str(ROOT / "rules"), "--story", SEED_STORY, "--no-config", "--cache-dir", str(cache), *args)


def test_warm_run_is_identical_and_never_loads_the_rules(corpus, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    cold = _check(cache, "--output-format", "json", str(corpus))
    assert cold.code == 1 and (cache / "CACHEDIR.TAG").is_file() and (cache / ".gitignore").is_file()

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("rules loaded on a warm run")

    monkeypatch.setattr(checker.rules, "load_rules", refuse)
    warm = _check(cache, "--output-format", "json", str(corpus))
    assert (warm.code, warm.out, warm.err) == (cold.code, cold.out, cold.err)


def test_changed_rules_are_a_miss(tmp_path):
    rules = tmp_path / "rules.yaml"
    text = (ROOT / "rules" / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8")
    rules.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    args = ("check", "--rules", str(rules), "--no-config", "--cache-dir", str(cache), str(SEED_003))
    first = run(*args)
    assert "11:224: error stoltenberg-seoul-2023/invasion-date" in first.out
    rules.write_text(text.replace('expected: "2022-02-24"', 'expected: "2014-02"'), encoding="utf-8")
    second = run(*args)
    assert "invasion-date" not in second.out and "9:216: error stoltenberg-seoul-2023/ammunition-quote" in second.out


def test_no_cache_writes_nothing_and_jobs_zero_is_refused(tmp_path):
    cache = tmp_path / "cache"
    assert _check(cache, "--no-cache", str(SEED_003)).code == 1
    assert not cache.exists()
    r = _check(cache, "--jobs", "0", str(SEED_003))
    assert (r.code, r.err) == (2, "--jobs must be at least 1, got 0\n")


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = tmp_path / "cache"
    first = _check(cache, str(SEED_003))
    for entry in (cache / "v1").rglob("*.json"):
        entry.write_text("{not json", encoding="utf-8")
    again = _check(cache, str(SEED_003))
    assert (again.code, again.out) == (first.code, first.out)


def test_entries_made_with_another_machines_key_are_not_trusted(tmp_path, monkeypatch):
    """A pull request can commit a cache folder; its entries must not be able to hide findings."""
    cache = tmp_path / "cache"
    clean = tmp_path / "clean.txt"
    clean.write_text("Nothing to see.\n", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker"))
    _check(cache, str(SEED_003))
    forged = next((cache / "v1").glob("??/*.json"))
    from checker.cache import ResultCache  # the attacker signs with their own key

    forged.write_bytes(ResultCache(cache, []).encode(forged.stem, {"findings": []}))
    assert "error" not in _check(cache, str(SEED_003)).out  # the attacker's own machine is fooled
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "ci"))
    r = _check(cache, str(SEED_003))
    assert r.code == 1 and "11:224: error stoltenberg-seoul-2023/invasion-date" in r.out


def test_parallel_jobs_give_the_same_report(corpus, tmp_path):
    serial = _check(tmp_path / "c1", "--no-cache", "--jobs", "1", str(corpus))
    parallel = _check(tmp_path / "c2", "--jobs", "2", str(corpus))
    assert serial.out == parallel.out and serial.code == parallel.code == 1
    distinct = {p.read_bytes() for p in corpus.iterdir()}  # entries are addressed by content
    assert len(list((tmp_path / "c2" / "v1").glob("??/*.json"))) == len(distinct) == 14


def test_many_chunks_with_hits_misses_and_a_bad_file_keep_path_order(corpus, tmp_path, monkeypatch):
    """Chunks are handed to the pool before the one before them is collected; the report must
    still come out in path order, with cache hits, fresh results and an unreadable file in place."""
    import checker.run

    cache = tmp_path / "cache"
    _check(cache, "--jobs", "1", *sorted(str(p) for p in corpus.iterdir())[::3])  # every third one cached
    (corpus / "017_bad.txt").write_bytes(b"caf\xe9\n")
    serial = _check(tmp_path / "c1", "--no-cache", "--jobs", "1", str(corpus))
    monkeypatch.setattr(checker.run, "CHUNK", 6)
    parallel = _check(cache, "--jobs", "2", str(corpus))
    assert (parallel.code, parallel.out, parallel.err) == (serial.code, serial.out, serial.err)
    assert serial.code == 2 and serial.err.endswith(f"{corpus / '017_bad.txt'}:1:4: not valid UTF-8 "
                                                    "(byte offset 3: invalid continuation byte)\n")
    paths = [line.split(":")[0] for line in serial.out.splitlines() if line.startswith(str(corpus))]
    assert paths == sorted(paths) and len(set(paths)) == 19


def test_unreadable_article_is_reported_on_warm_runs_too(corpus, tmp_path):
    cache = tmp_path / "cache"
    (corpus / "zz_bad.txt").write_bytes(b"caf\xe9\n")
    for _ in range(2):
        r = _check(cache, str(corpus))
        assert r.code == 2
        assert r.err.endswith(f"{corpus / 'zz_bad.txt'}:1:4: not valid UTF-8 (byte offset 3: invalid continuation byte)\n")
        assert "Found" in r.out.splitlines()[-1]


def test_articles_are_never_written(corpus, tmp_path):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.iterdir()}
    _check(tmp_path / "cache", str(corpus))
    _check(tmp_path / "cache", "--jobs", "2", str(corpus))
    assert before == {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in corpus.iterdir()}


def test_clean_removes_only_a_factlint_cache(tmp_path):
    cache = tmp_path / "cache"
    _check(cache, str(SEED_003))
    r = run("clean", "--cache-dir", str(cache))
    assert (r.code, r.out) == (0, f"removed {cache}\n") and not cache.exists()
    other = tmp_path / "precious"
    other.mkdir()
    (other / "notes.txt").write_text("keep", encoding="utf-8")
    r = run("clean", "--cache-dir", str(other))
    assert (r.code, r.err) == (2, f"{other}: not a factlint cache (no CACHEDIR.TAG); left alone\n")
    assert (other / "notes.txt").exists()
    shutil.rmtree(other)
    assert run("clean", "--cache-dir", str(other)).out == f"no cache at {other}\n"


def test_rule_files_that_passed_the_schema_are_not_validated_again(tmp_path, monkeypatch):
    rules = tmp_path / "rules.yaml"
    text = (ROOT / "rules" / "stoltenberg-seoul-2023.yaml").read_text(encoding="utf-8")
    rules.write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    article = tmp_path / "a.txt"
    article.write_text(SEED_003.read_text(encoding="utf-8"), encoding="utf-8")

    def check():  # type: ignore[no-untyped-def]
        return run("check", "--rules", str(rules), "--story", SEED_STORY, "--no-config", "--cache-dir", str(cache),
                   str(article))

    assert "11:224: error stoltenberg-seoul-2023/invasion-date" in check().out  # validated, and remembered

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise AssertionError("a remembered rule file was validated again")

    with monkeypatch.context() as m:
        m.setattr(checker.rules, "validate", refuse)
        article.write_text(article.read_text(encoding="utf-8") + "\nMore text.\n", encoding="utf-8")  # a miss
        assert "11:224: error stoltenberg-seoul-2023/invasion-date" in check().out
        r = run("check", "--rules", str(rules), "--story", SEED_STORY, "--no-config", "--no-cache", str(article))
        assert r.code == 2 and "internal error" in r.err  # --no-cache: no memo, so it validates

    rules.write_text(text.replace("severity: error", "severity: fatal", 1), encoding="utf-8")
    bad = check()
    assert bad.code == 2 and "'severity' must be one of" in bad.err, bad.err
