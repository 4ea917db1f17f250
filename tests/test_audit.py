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


# --------------------------------------------------------------------------- after the review


def test_folders_hold_archives_and_a_missing_or_broken_one_stops_nothing(archive, checked, tmp_path):
    exports = tmp_path / "exports"
    exports.mkdir()
    for name in ("a.jsonl", "a.parquet"):
        (exports / name).write_bytes((archive / name).read_bytes())
    (exports / "broken.parquet").write_bytes(b"not parquet")
    r = in_dir(tmp_path, "audit", *COMMON, "--workers", "1", "--output-format", "json", "exports", "gone.jsonl")
    doc = json.loads(r.out)
    expected = json.loads(checked["json"])["findings"]
    assert doc["findings"] == sorted(expected * 2, key=lambda f: f["path"].split("/"))  # each article twice
    assert doc["summary"]["files"] == 2 * 288 and doc["summary"]["unreadable"] == 2
    assert r.code == 2
    assert r.err.splitlines()[-2:] == ["gone.jsonl: no such archive file",
                                       "exports/broken.parquet: cannot read archive as Parquet: " +
                                       r.err.splitlines()[-1].split("Parquet: ", 1)[1]]


def test_records_meet_the_size_limit_and_never_read_a_source_beside_them(tmp_path, monkeypatch):
    (tmp_path / "orig.md").write_text("---\nstory: harbour-strike-2024\nlang: en\n---\nThe strike began on "
                                      "3 January 2024. Talks resumed on 10 June 2024.\n", encoding="utf-8")
    version = ("---\nstory: harbour-strike-2024\nlang: en\nsource: orig.md\n---\nThe strike began on 3 January 2024. "
               "Talks resumed on 11 June 2024.\n")
    (tmp_path / "v.md").write_text(version, encoding="utf-8")
    (tmp_path / "r.jsonl").write_text(json.dumps({"path": "v.md", "text": version}) + "\n" +
                                      json.dumps({"path": "big.md", "text": "x" * 400}) + "\n", encoding="utf-8")
    monkeypatch.setenv("FACTLINT_MAX_ARTICLE_BYTES", "300")
    from_file = in_dir(tmp_path, "audit", *COMMON, "--workers", "1", "v.md")
    assert [f.split(" error ")[1].split(" ")[0] for f in from_file.findings] == [
        "harbour-strike-2024/strike-date", "version-date"]  # the file is compared with its source
    r = in_dir(tmp_path, "audit", *COMMON, "--workers", "1", "r.jsonl")
    assert [f.split(" error ")[1].split(" ")[0] for f in r.findings] == ["harbour-strike-2024/strike-date"]
    assert r.err == ("big.md: larger than the limit of 300 bytes per article (400 bytes; $FACTLINT_MAX_ARTICLE_BYTES "
                     "sets it); skipped\n")


def test_the_front_matter_s_date_wins_over_the_record_s_and_the_record_s_story_over_globs(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    for name in ("harbour-strike-2024", "selora-eruption-2023"):
        text = (RULES / f"{name}.yaml").read_text(encoding="utf-8")
        text = text.replace(f"story: {name}\n", f'story: {name}\nfiles: ["cms/**"]\n', 1)
        (rules / f"{name}.yaml").write_text(text, encoding="utf-8")
    drift = "Dockworkers went on strike on 3 January 2024."
    records = [
        {"path": "cms/old.md", "text": "---\ndate: 2025-02-01\n---\n" + drift, "date": "2020-01-01",
         "story": "harbour-strike-2024", "lang": "EN"},
        {"path": "cms/new.md", "text": "---\ndate: 2020-02-01\n---\n" + drift, "date": "2025-01-01",
         "story": "harbour-strike-2024"},
        {"path": "cms/none.md", "text": drift},
    ]
    (tmp_path / "r.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    r = in_dir(tmp_path, "audit", "--no-config", "--rules", "rules", "--workers", "1", "--since", "2024-01-01",
               "r.jsonl")
    assert r.findings == [
        'cms/old.md:4:31: error harbour-strike-2024/strike-date article says "3 January 2024" (2024-01-03), '
        "expected 2024-06-03 (the dockworkers' strike began on 3 June 2024)"]
    assert r.err.splitlines() == [
        "cms/none.md:1:1: the article is claimed by the 'files' globs of 2 stories: 'harbour-strike-2024' "
        f"({rules / 'harbour-strike-2024.yaml'}:5:9 'cms/**') and 'selora-eruption-2023' "
        f"({rules / 'selora-eruption-2023.yaml'}:5:9 'cms/**'); give it front matter 'story: ID' or narrow a glob",
        "factlint: 1 article published before 2024-01-01 not checked (--since)"]


def test_bad_options_are_exit_2_with_a_message(tmp_path):
    (tmp_path / "x.jsonl").write_text("", encoding="utf-8")
    for args, message in [
        (("--workers", "0"), "--workers must be at least 1, got 0\n"),
        (("--engine", "dask", "--workers", "-3"), "--workers must be at least 1, got -3\n"),
        (("--since", ""), "--since must be a date such as 2023-01-30, got ''\n"),
        (("--engine", "local", "--scheduler", "tcp://127.0.0.1:1"),
         "--scheduler names a Dask scheduler: give --engine dask (or leave --engine out)\n"),
        (("--scheduler", "foo://bar"),
         "--scheduler: 'foo://bar' is not a scheduler address such as tcp://10.0.0.5:8786\n"),
        (("--scheduler", "tcp://127.0.0.1:notaport"),
         "--scheduler: 'tcp://127.0.0.1:notaport' is not a scheduler address such as tcp://10.0.0.5:8786\n"),
    ]:
        r = in_dir(tmp_path, "audit", *COMMON, *args, "x.jsonl")
        assert (r.code, r.err) == (2, message), args


def test_a_scheduler_address_where_nothing_answers_is_exit_2_not_a_hang(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    import socket

    import checker.audit.dask as engine

    monkeypatch.setattr(engine, "CONNECT_SECONDS", 2)
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)  # accepts connections and never says a word
    port = silent.getsockname()[1]
    (tmp_path / "x.jsonl").write_text(json.dumps({"path": "a.md", "text": "x"}) + "\n", encoding="utf-8")
    started = time.monotonic()
    try:
        r = in_dir(tmp_path, "audit", *COMMON, "--scheduler", f"tcp://127.0.0.1:{port}", "x.jsonl")
    finally:
        silent.close()
    assert time.monotonic() - started < 30
    assert r.code == 2
    assert r.err.startswith(f"--scheduler: cannot reach a Dask scheduler at tcp://127.0.0.1:{port} (")


def test_records_bad_in_other_ways_are_reported_at_their_place(tmp_path):
    lines = [b'\xef\xbb\xbf{"path": "bom.md", "text": "x"}',  # a BOM before the first record: read
             b'{"path": "s.md", "text": "\\ud800 lone"}',
             b'{"path": "u.md", "text": "caf\xc3 x"}',
             b'{"path": "l.md", "text": "x", "lang": "Not a tag!"}']
    (tmp_path / "x.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    r = in_dir(tmp_path, "audit", *COMMON, "--workers", "1", "x.jsonl")
    assert r.err.splitlines() == [
        "s.md: the text is not valid Unicode (a lone surrogate, U+D800, at character 1)",
        "x.jsonl:3:30: not valid UTF-8 (byte 30 of the line: invalid continuation byte)",
        "x.jsonl:4:1: 'lang' must be a language tag such as en, got \"Not a tag!\"",
    ]
    assert r.out == "No problems found in 1 file. 3 files could not be checked.\n"


def test_a_parquet_file_without_a_text_column_is_one_error(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"path": f"{i}.md", "body": "x"} for i in range(500)]),
                   tmp_path / "x.parquet", row_group_size=10)
    pq.write_table(pa.Table.from_pylist([{"path": "b.md", "text": b"bytes"}]), tmp_path / "b.parquet")
    r = in_dir(tmp_path, "audit", *COMMON, "--workers", "1", "x.parquet", "b.parquet")
    assert r.err.splitlines() == [
        "b.parquet: row 1: 'text' must be a string, got \"<bytes>\"",
        "x.parquet: the Parquet file has no column 'text' (its columns: body, path; see docs/api.md)",
    ]


def test_the_api_reads_language_tags_and_dates_as_archives_give_them_and_refuses_a_misspelt_fact():
    import datetime as dt

    from checker.api import Checker
    from checker.model import FactlintError

    checker = Checker.from_rules(RULES)
    text = "Dockworkers went on strike on 3 January 2024."
    for tag in ("EN", "en-GB", "en_US"):
        found = checker.check("a.md", text, story="harbour-strike-2024", lang=tag).findings
        assert [(f.rule_id, f.start.column) for f in found] == [("harbour-strike-2024/strike-date", 31)], tag
    assert checker.check("a.md", text, date="2023-05-01", since="2024-01-01").skipped == "published before 2024-01-01"
    assert checker.check("a.md", text, date=dt.datetime(2023, 5, 1, 9), since=dt.date(2023, 5, 1)).skipped is None
    with pytest.raises(FactlintError, match="did you mean 'harbour-strike-2024/strike-date'"):
        Checker.from_rules(RULES, select=["harbour-strike-2024/strike-dat"]).check("a.md", text)
    with pytest.raises(FactlintError, match="no such"):
        Checker.from_rules("/nonexistent/rules").check("a.md", text)


def test_two_audits_sharing_a_cluster_each_get_their_own_findings(archive, checked, tmp_path):
    """Task keys are the run's own: two audits of different archives at once on one scheduler
    (the same settings, partition numbers alike) never take each other's results."""
    distributed = pytest.importorskip("distributed")
    import logging

    (tmp_path / "clean.jsonl").write_text("".join(json.dumps({"path": f"c{i:03d}.md", "text": "Nothing to see."}) + "\n"
                                                  for i in range(300)), encoding="utf-8")
    (tmp_path / "a.jsonl").symlink_to(archive / "a.jsonl")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.CRITICAL) as cluster:
        env = {**os.environ, "FACTLINT_CACHE_DIR": str(tmp_path / ".cache")}
        args = [sys.executable, "-m", "checker", "audit", *COMMON, "--scheduler", cluster.scheduler_address,
                "--partition-size", "5", "--output-format", "json"]
        both = [subprocess.Popen([*args, name], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for name in ("a.jsonl", "clean.jsonl")]
        (a_out, _), (clean_out, clean_err) = (p.communicate(timeout=600) for p in both)
    assert json.loads(a_out)["findings"] == json.loads(checked["json"])["findings"]
    clean = json.loads(clean_out)
    assert clean["findings"] == [] and clean["summary"]["files"] == 300, clean_err


def test_a_partition_whose_workers_keep_dying_is_reported_and_the_rest_complete(archive, checked, monkeypatch):
    """With Dask allowing no failure, the partitions of a killed worker are lost: each is one error
    naming its articles, and every other partition is reported whole."""
    distributed = pytest.importorskip("distributed")
    import logging

    import dask

    from checker.api import Checker, finding_dict
    from checker.archive import plan
    from checker.audit import Job
    from checker.audit.dask import DaskEngine
    from checker.commands.audit import _collect, _portable
    from checker.discover import parts

    monkeypatch.chdir(archive)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                     silence_logs=logging.CRITICAL) as cluster, \
            distributed.Client(cluster, set_as_default=False) as client:
        pids = client.run(os.getpid)
        paths = sorted((str(p.relative_to(archive)) for p in (archive / "a").rglob("*.md")), key=parts)
        job = Job("die-test", _portable(Checker.from_rules(RULES).settings))
        stream = DaskEngine(scheduler=cluster.scheduler_address).run(job, plan(paths, [], 4))
        got = [next(stream)]
        busy: dict = {}
        for _ in range(100):
            busy = {w: n for w, n in client.processing().items() if n}
            if busy:
                break
            time.sleep(0.05)
        os.kill(pids[next(iter(busy))], signal.SIGKILL)
        got += list(stream)
    assert sorted(p.number for p in got) == list(range(len(got)))
    outcomes, _, _ = _collect(got, keep_clean=True)
    errors = [r.error for r in outcomes if r.error is not None and r.path != "a/broken/latin1.md"]
    assert errors and all("could not be checked: its workers died once (Dask's KilledWorker)" in e.message
                          for e in errors)
    lost = {e.path for e in errors}  # each lost partition is named by its first article
    expected = [f for f in json.loads(checked["json"])["findings"]]
    reported = [finding_dict(f) for r in outcomes for f in r.findings]
    assert set(json.dumps(f) for f in reported) <= set(json.dumps(f) for f in expected)
    assert len(reported) < len(expected) and lost


def test_a_record_naming_a_story_no_rule_declares_gets_the_info_front_matter_gets(tmp_path):
    drift = "Dockworkers went on strike on 3 January 2024."
    (tmp_path / "x.jsonl").write_text(json.dumps({"path": "n.md", "text": drift, "story": "harbour-strik-2024"})
                                      + "\n", encoding="utf-8")
    (tmp_path / "n.md").write_text(f"---\nstory: harbour-strik-2024\n---\n{drift}\n", encoding="utf-8")
    r = in_dir(tmp_path, "audit", *COMMON, "--workers", "1", "x.jsonl", "n.md")
    assert r.code == 0
    assert r.findings == [  # the same path twice: the files' partitions come first, then the archives'
        "n.md:2:1: info story-not-covered no rule file declares the article's story 'harbour-strik-2024'; only the "
        "newsroom-wide rules ran",
        "n.md:1:1: info story-not-covered no rule file declares the story 'harbour-strik-2024' that the archive's "
        "record names; only the newsroom-wide rules ran",
    ]
