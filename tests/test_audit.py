"""`factlint audit` and the Python API (issue 22): the same findings as `check`, from folders, JSON
Lines, gzip and Parquet, on this machine's processes and on a real local Dask cluster."""
from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive_gen import RULES, write_files, write_jsonl, write_parquet
from conftest import run

COPIES = 12  # 288 articles of four stories in six languages


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    made = write_files(root / "a", COPIES)
    (root / "a" / "broken").mkdir()
    (root / "a" / "broken" / "latin1.md").write_bytes(b"---\nstory: harbour-strike-2024\n---\nGr\xe8ve du 3 juin 2024.\n")
    write_jsonl(root / "a.jsonl", made, "a/")
    write_jsonl(root / "a.jsonl.gz", made, "a/")
    write_parquet(root / "a.parquet", made, "a/")
    return root


def cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "FACTLINT_CACHE_DIR": str(root / ".cache")}
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=600, check=False)


def in_dir(root: Path, *args: str):
    old = os.getcwd()
    os.chdir(root)
    try:
        return run(*args)
    finally:
        os.chdir(old)


COMMON = ("--no-config", "--rules", str(RULES))


@pytest.fixture(scope="module")
def checked(archive: Path) -> dict[str, str]:
    """`factlint check` of the folder, in every format the audit offers."""
    out = {}
    for fmt in ("json", "text", "sarif", "github", "junit"):
        r = in_dir(archive, "check", *COMMON, "--no-cache", "--output-format", fmt, "a")
        assert r.code == 2, r.err  # findings, and one article that is not UTF-8
        out[fmt] = r.out
    return out


def test_the_generated_archive_has_findings_of_several_stories_and_an_unreadable_article(checked):
    doc = json.loads(checked["json"])
    assert doc["summary"]["files"] == 24 * COPIES
    assert doc["summary"]["unreadable"] == 1
    stories = {f["rule"].split("/")[0] for f in doc["findings"]}
    assert {"harbour-strike-2024", "selora-eruption-2023", "kalirejo-landslide-2024", "dakar-visit-2025"} <= stories
    languages = {Path(f["path"]).stem for f in doc["findings"]}
    assert languages == {"ar", "en", "fr", "id", "ja", "zh"}


@pytest.mark.parametrize("fmt", ["json", "text", "sarif", "github", "junit"])
def test_a_local_audit_reports_what_check_reports_in_every_format(archive, checked, fmt):
    r = in_dir(archive, "audit", *COMMON, "--workers", "2", "--partition-size", "17", "--output-format", fmt, "a")
    assert r.code == 2
    assert r.out == checked[fmt]
    assert "a/broken/latin1.md:4:3: not valid UTF-8" in r.err


@pytest.mark.parametrize("archive_file", ["a.jsonl", "a.jsonl.gz", "a.parquet"])
def test_an_exported_archive_gives_the_findings_of_its_files(archive, checked, archive_file):
    r = in_dir(archive, "audit", *COMMON, "--workers", "1", "--partition-size", "40", "--output-format", "json",
               archive_file)
    doc, expected = json.loads(r.out), json.loads(checked["json"])
    assert doc["findings"] == expected["findings"]
    assert doc["summary"]["files"] == 288 and doc["summary"]["unreadable"] == 0  # the latin-1 file is no record
    assert r.code == 1


def test_a_dask_audit_on_a_local_cluster_reports_what_check_reports(archive, checked):
    for fmt in ("json", "junit"):
        done = cli(archive, "audit", *COMMON, "--engine", "dask", "--workers", "2", "--partition-size", "16",
                   "--output-format", fmt, "a")
        assert done.returncode == 2, done.stderr
        assert done.stdout == checked[fmt]
    done = cli(archive, "audit", *COMMON, "--engine", "dask", "--workers", "2", "--output-format", "json",
               "a.parquet")
    assert json.loads(done.stdout)["findings"] == json.loads(checked["json"])["findings"]


def test_select_checks_one_fact_and_since_leaves_out_older_articles(archive):
    r = in_dir(archive, "audit", *COMMON, "--workers", "1", "--select", "harbour-strike-2024/strike-date",
               "--since", "2025-01-01", "--output-format", "json", "a.jsonl")
    doc = json.loads(r.out)
    assert {f["rule"] for f in doc["findings"]} == {"harbour-strike-2024/strike-date"}
    # copies 1 and 2 of every three move the 2024 dates on a year or two; copy 0 (2024) is left out
    # the same selection through `check`, kept where the front matter's date is 2025 or later
    full = json.loads(in_dir(archive, "check", *COMMON, "--no-cache", "--select", "harbour-strike-2024/strike-date",
                             "--output-format", "json", "a").out)
    expected = [f for f in full["findings"] if _published(archive, f["path"]) >= "2025-01-01"]
    assert doc["findings"] == expected
    assert 0 < len(expected) < len(full["findings"])


def _published(root: Path, path: str) -> str:
    head = (root / path).read_text(encoding="utf-8").split("---")[1]
    return next(line.split(": ")[1] for line in head.splitlines() if line.startswith("date: "))


def test_a_misspelt_selected_fact_is_exit_2_with_a_suggestion(archive):
    r = in_dir(archive, "audit", *COMMON, "--select", "harbour-strike-2024/strike-dat", "a.jsonl")
    assert r.code == 2
    assert "did you mean 'harbour-strike-2024/strike-date'" in r.err


def test_bad_records_are_reported_at_their_line_and_the_others_checked(tmp_path):
    lines = [
        {"path": "ok.md", "text": "---\nstory: harbour-strike-2024\nlang: en\n---\nDockworkers went on strike on "
                                  "3 January 2024.\n"},
        {"path": 5, "text": "x"},
        "not json",
        {"text": "no path"},
        {"path": "d.md", "text": "x", "date": "yesterday"},
        {"path": "s.md", "text": "x", "story": "Not An Id"},
        {"path": "meta.md", "text": "Dockworkers went on strike on 3 January 2024.", "story": "harbour-strike-2024",
         "lang": "en", "date": "2024-06-10"},
    ]
    (tmp_path / "x.jsonl").write_text("".join((json.dumps(v) if not isinstance(v, str) else v) + "\n"
                                              for v in lines), encoding="utf-8")
    r = in_dir(tmp_path, "audit", *COMMON, "--workers", "1", "x.jsonl")
    assert r.code == 2
    assert r.findings == [
        "meta.md:1:31: error harbour-strike-2024/strike-date article says \"3 January 2024\" (2024-01-03), "
        "expected 2024-06-03 (the dockworkers' strike began on 3 June 2024)",
        "ok.md:5:31: error harbour-strike-2024/strike-date article says \"3 January 2024\" (2024-01-03), "
        "expected 2024-06-03 (the dockworkers' strike began on 3 June 2024)",
    ]
    assert r.err.splitlines() == [
        "x.jsonl:2:1: 'path' must be a non-empty string, got 5",
        "x.jsonl:3:1: not a JSON object: Expecting value",
        "x.jsonl:4:1: the record has no 'path' (a non-empty string)",
        "x.jsonl:5:1: 'date' must be a date such as 2024-05-02, got \"yesterday\"",
        "x.jsonl:6:1: 'story' must be a story id (lower case letters, digits, '.', '_', '-'), got \"Not An Id\"",
    ]


def test_a_missing_archive_or_engine_library_is_a_clear_exit_2(tmp_path):
    r = in_dir(tmp_path, "audit", *COMMON, "gone.jsonl")
    assert (r.code, r.err) == (2, "gone.jsonl: no such archive file\n")
    assert r.out == "No problems found in 0 files. 1 file could not be checked.\n"
    (tmp_path / "x.parquet").write_bytes(b"not parquet")
    r = in_dir(tmp_path, "audit", *COMMON, "x.parquet")
    assert r.code == 2 and r.err.startswith("x.parquet: cannot read archive as Parquet")


def test_the_api_checks_text_with_the_archive_s_metadata_and_its_results_pickle():
    from checker.api import Checker

    checker = Checker.from_rules(RULES)
    result = checker.check("cms/991.md", text="Les dockers ont lancé une grève le 3 janvier 2024.",
                           story="harbour-strike-2024", lang="fr", date="2024-06-11T08:00:00Z")
    assert [(f.rule_id, f.start.line, f.start.column, str(f.severity)) for f in result.findings] == [
        ("harbour-strike-2024/strike-date", 1, 36, "error")]
    again = pickle.loads(pickle.dumps(result))
    assert again == result
    d = result.to_dict()
    assert d["findings"][0]["rule"] == "harbour-strike-2024/strike-date"
    assert set(d["findings"][0]) == {"path", "line", "column", "end_line", "end_column", "rule", "severity",
                                     "message", "found", "expected", "sources", "related"}
    assert d["date"] == "2024-06-11"
    older = checker.check("cms/991.md", text="x", date="2023-01-01", since=__import__("datetime").date(2024, 1, 1))
    assert older.skipped == "published before 2024-01-01" and older.findings == ()
    missing = checker.check("nowhere/gone.md")
    assert missing.error is not None and not missing.checked
    assert str(missing.error) == "nowhere/gone.md: cannot read article: No such file or directory"


def test_a_worker_killed_mid_audit_loses_and_duplicates_nothing(archive, checked, monkeypatch):
    distributed = pytest.importorskip("distributed")
    from checker.api import Checker
    from checker.archive import plan
    from checker.audit import Job
    from checker.audit.dask import DaskEngine
    from checker.commands.audit import _collect, _portable
    from checker.discover import parts

    monkeypatch.chdir(archive)
    import logging

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as cluster, \
            distributed.Client(cluster, set_as_default=False) as client:
        pids = client.run(os.getpid)
        checker = Checker.from_rules(RULES)
        paths = sorted((str(p.relative_to(archive)) for p in (archive / "a").rglob("*.md")), key=parts)
        job = Job("kill-test", _portable(checker.settings))
        stream = DaskEngine(scheduler=cluster.scheduler_address).run(job, plan(paths, [], 4))
        got = [next(stream)]
        victim, busy = None, {}
        for _ in range(100):  # the worker that holds tasks right now
            busy = {w: n for w, n in client.processing().items() if n}
            if busy:
                break
            time.sleep(0.05)
        victim = next(iter(busy))
        os.kill(pids[victim], signal.SIGKILL)
        got += list(stream)
    numbers = sorted(p.number for p in got)
    assert numbers == list(range(len(numbers)))  # every partition once: none lost, none twice
    outcomes, _, _ = _collect(got, keep_clean=True)
    expected = json.loads(checked["json"])
    findings = [f for r in outcomes for f in r.findings]
    from checker.api import finding_dict

    assert [finding_dict(f) for f in findings] == expected["findings"]
    assert [r.path for r in outcomes if r.error is not None] == ["a/broken/latin1.md"]



def test_a_worker_builds_the_job_s_checker_once_for_all_its_partitions(archive, monkeypatch):
    """The rules are loaded once per worker and job, not once per partition."""
    import checker.api as api
    from checker.archive import plan
    from checker.audit import _CHECKERS, Job, check_part

    built = []
    real = api.Checker.__post_init__

    def counting(self):
        built.append(self)
        real(self)

    monkeypatch.setattr(api.Checker, "__post_init__", counting)
    monkeypatch.chdir(archive)
    _CHECKERS.clear()
    settings = api.Checker.from_rules(RULES).settings
    built.clear()
    paths = sorted(str(p.relative_to(archive)) for p in (archive / "a" / "copy00").rglob("*.md"))
    parts = list(plan(paths, [], 5))
    results = [check_part(Job("one", settings), p) for p in parts]
    assert len(parts) == 5 and len(built) == 1
    assert sum(len(r.results) + len(r.clean) for r in results) == 24
    check_part(Job("two", settings), parts[0])  # another job (two audits share a cluster): its own checker
    check_part(Job("one", settings), parts[1])
    assert len(built) == 2 and list(_CHECKERS) == ["two", "one"]
    check_part(Job("three", settings), parts[2])  # a third: the least recent let go
    assert len(built) == 3 and list(_CHECKERS) == ["one", "three"]


def test_a_cluster_whose_workers_run_elsewhere_reports_what_check_reports(archive, tmp_path):
    """A scheduler and workers started on their own (as on a real cluster), in another working
    folder: paths, rule files and the project root (per-file-ignores) reach them whole."""
    pytest.importorskip("distributed")
    project = tmp_path / "project"
    project.mkdir()
    (project / "a").symlink_to(archive / "a")
    (project / "factlint.toml").write_text(
        '[per-file-ignores]\n"a/copy01/**" = ["harbour-strike-2024/strike-date"]\n', encoding="utf-8")
    # a story by glob, relative to the project root: copy 2 of each article has lost its story line
    (project / "rules").mkdir()
    for rule in RULES.glob("*.yaml"):
        text = rule.read_text(encoding="utf-8")
        if rule.stem == "harbour-strike-2024":
            text = text.replace("story: harbour-strike-2024\n",
                                'story: harbour-strike-2024\nfiles: ["a/copy02/harbour-strike-2024/*"]\n', 1)
        (project / "rules" / rule.name).write_text(text, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    info = tmp_path / "scheduler.json"
    started = []
    try:
        started.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--port", "0",
                                         "--no-dashboard", "--scheduler-file", str(info)], cwd=elsewhere,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        for _ in range(300):
            if info.exists() and info.read_text():
                break
            time.sleep(0.1)
        started.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                         str(info), "--nworkers", "2", "--nthreads", "1", "--no-dashboard",
                                         "--local-directory", str(elsewhere)], cwd=elsewhere,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        address = json.loads(info.read_text())["address"]
        expected = cli(project, "check", "--no-cache", "--output-format", "json", "a")
        assert expected.returncode == 2
        findings = json.loads(expected.stdout)["findings"]
        ignored = [f for f in findings if f["path"].startswith("a/copy01/")]
        assert ignored and all(f["rule"] != "harbour-strike-2024/strike-date" for f in ignored)
        assert any(f["path"].startswith("a/copy02/harbour") for f in findings)  # the glob's story
        done = cli(project, "audit", "--engine", "dask", "--scheduler", address, "--output-format", "json", "a")
        assert done.returncode == 2, done.stderr
        assert done.stdout == expected.stdout
        # without a configuration file the project root is the working folder, which the workers do not share
        expected = cli(project, "check", "--no-config", "--rules", "rules", "--no-cache", "--output-format", "json",
                       "a")
        assert any(f["path"].startswith("a/copy02/harbour") for f in json.loads(expected.stdout)["findings"])
        done = cli(project, "audit", "--no-config", "--rules", "rules", "--engine", "dask", "--scheduler", address,
                   "--output-format", "json", "a")
        assert done.stdout == expected.stdout
    finally:
        for p in reversed(started):
            p.terminate()
        for p in reversed(started):
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
