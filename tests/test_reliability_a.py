"""Reliability and security (issue 21, items 1, 2, 3, 5 and 6): factlint never writes an input, a
file name is never an option, nothing hangs or is read without bound, signals end every process it
started, and the result cache cannot be poisoned.

What needs a real process (signals, a named pipe that would hang) runs factlint in one, under a
timeout, so that a hang fails the test instead of the suite.
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, RULES, SEED_STORY, run

SEED_003 = ROOT / "seeds" / "003_bf0424ff44096694.txt"
FINDINGS_003 = 3  # the seed article's findings against the seed rules
GUARD = 60  # seconds: only there so that a hang fails

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="signals, named pipes, owners and modes")
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def factlint(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None, timeout: float = GUARD,
             ) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", timeout=timeout, check=False, env=_env(env))


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), **(extra or {})}
    return env


def check(*args: str) -> list[str]:
    return ["check", "--no-config", "--rules", str(RULES), "--story", SEED_STORY, *args]


def seed_corpus(folder: Path, n: int) -> list[Path]:
    """``n`` different articles of the seed story: the seed with a changed figure each."""
    folder.mkdir(parents=True, exist_ok=True)
    text = SEED_003.read_text(encoding="utf-8")
    paths = []
    for i in range(n):
        path = folder / f"{i:04d}.txt"
        path.write_text(text + f"\nThe agency counted {i + 100} observers.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


# --------------------------------------------------------------------------- 1. never write an input

@posix_only
@pytest.mark.parametrize("what", ["article", "rule file"])
def test_a_hard_link_to_an_input_is_refused_as_the_output_file(what, tmp_path):
    article = tmp_path / "a.txt"
    shutil.copy(SEED_003, article)
    rules = tmp_path / "rules.yaml"
    shutil.copy(RULES / f"{SEED_STORY}.yaml", rules)
    link = tmp_path / "report.txt"
    target = article if what == "article" else rules
    os.link(target, link)
    before = target.read_bytes()
    r = run("check", "--no-cache", "--no-config", "--rules", str(rules), "--output-file", str(link), str(article))
    assert target.read_bytes() == before
    assert (r.code, r.out) == (2, "")
    assert r.err == f"--output-file: {link} is one of the inputs ({target}); the report would overwrite it\n"


@posix_only
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_during_the_run_leaves_the_previous_report_whole(sig, tmp_path):
    corpus = tmp_path / "articles"
    seed_corpus(corpus, 150)
    out = tmp_path / "out"
    out.mkdir()
    report = out / "report.json"
    previous = json.dumps({"previous": "report", "files": list(range(1000))}).encode()
    report.write_bytes(previous)
    proc = subprocess.Popen([sys.executable, "-m", "checker", *check("--no-cache", "--jobs", "1", "--output-format",
                                                                      "json", "--output-file", str(report),
                                                                      str(corpus))],
                            cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + GUARD
        while report.read_bytes() == previous and os.listdir(out) == ["report.json"]:  # until the report is begun
            assert proc.poll() is None, "the run ended before it was interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.2)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=GUARD)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode in (130, -signal.SIGINT) and err.decode() == "factlint: interrupted\n"  # 130 either way in a shell
    assert report.read_bytes() == previous
    assert os.listdir(out) == ["report.json"]  # no temporary file left behind


def test_a_finished_report_replaces_the_previous_one_and_keeps_no_temporary_file(tmp_path):
    report = tmp_path / "report.txt"
    report.write_text("previous\n", encoding="utf-8")
    r = run(*check("--no-cache", "--output-file", str(report), str(SEED_003)))
    assert r.code == 1 and r.out == ""
    text = report.read_text(encoding="utf-8")
    assert text.endswith("Found 3 problems (2 errors, 1 warning) in 1 of 1 file.\n")
    assert len(text.splitlines()) == FINDINGS_003 + 1
    assert sorted(os.listdir(tmp_path)) == ["report.txt"]


# --------------------------------------------------------------------------- 2. a file name is never an option

@pytest.mark.parametrize("value", ["xx.md", "--lang=xx.md", "en us", ""])
def test_lang_on_the_command_line_is_validated_like_the_configuration(value):
    r = run(*check("--no-cache", f"--lang={value}", str(SEED_003)))
    assert (r.code, r.out) == (2, "")
    assert r.err == f"factlint: --lang must be a language tag such as en, got {value!r}\n"


def test_lang_takes_a_tag_with_a_region_as_the_configuration_does():
    r = run(*check("--no-cache", "--lang=EN-GB", str(SEED_003)))
    assert r.code == 1 and len(r.findings) == FINDINGS_003


def test_every_hook_entry_ends_its_options_and_a_file_named_like_an_option_is_checked(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [shlex.split(h["entry"])[-1] for h in hooks] == ["--"] * len(hooks)
    entry = shlex.split(next(h for h in hooks if h["id"] == "factlint")["entry"])
    assert entry[0] == "factlint"
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.factlint]\nrules = ["{RULES.as_posix()}"]\n', encoding="utf-8")
    article = f"---\nstory: {SEED_STORY}\n---\n{SEED_003.read_text(encoding='utf-8')}"
    (tmp_path / "--lang=xx.md").write_text(article, encoding="utf-8")  # a committed file that would be an option
    (tmp_path / "a.txt").write_text(article, encoding="utf-8")
    # as pre-commit runs it: the entry, then the files it passes
    proc = subprocess.run([sys.executable, "-m", "checker", *entry[1:], "--lang=xx.md", "a.txt"], cwd=tmp_path,
                          capture_output=True, text=True, encoding="utf-8", timeout=GUARD, env=_env())
    assert proc.returncode == 1, proc.stderr
    paths = [line.split(":")[0] for line in proc.stdout.splitlines()[:-1]]
    assert paths == ["--lang=xx.md"] * FINDINGS_003 + ["a.txt"] * FINDINGS_003


# --------------------------------------------------------------------------- 3. no hang, no unbounded read

@posix_only
def test_a_named_pipe_given_or_in_a_folder_is_reported_not_read(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    shutil.copy(SEED_003, folder / "a.txt")
    os.mkfifo(folder / "x.md")
    given = tmp_path / "y.md"
    os.mkfifo(given)
    proc = factlint(*check("--no-cache", str(given), str(folder)))
    assert proc.returncode == 2
    assert proc.stderr == (f"{folder / 'x.md'}: not a regular file (a named pipe); skipped\n"
                           f"{given}: not a regular file (a named pipe); skipped\n")  # in path order
    assert proc.stdout.splitlines()[-1] == ("Found 3 problems (2 errors, 1 warning) in 1 of 1 file. "
                                            "2 files could not be checked.")


@posix_only
def test_draft_of_a_named_pipe_is_refused_not_a_hang(tmp_path):
    pipe = tmp_path / "x.md"
    os.mkfifo(pipe)
    proc = factlint("draft", str(pipe))
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"{pipe}: not a regular file (a named pipe); skipped\n"


@posix_only
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
@pytest.mark.parametrize("command", ["check", "draft"])
def test_a_link_to_dev_zero_is_no_memory_error(command, tmp_path):
    link = tmp_path / "zero.md"
    link.symlink_to("/dev/zero")
    proc = factlint(*(check("--no-cache", str(link)) if command == "check" else ["draft", str(link)]))
    assert proc.returncode == 2
    assert proc.stderr == f"{link}: not a regular file (a character device); skipped\n"


def test_an_article_over_the_size_limit_is_reported_and_skipped(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(SEED_003.read_bytes() * 2)
    small = tmp_path / "small.txt"
    shutil.copy(SEED_003, small)
    limit = SEED_003.stat().st_size
    monkeypatch.setenv("FACTLINT_MAX_ARTICLE_BYTES", str(limit))
    r = run(*check("--no-cache", str(big), str(small)))
    assert r.code == 2
    assert r.err == (f"{big}: larger than the limit of {limit:,} bytes per article ({2 * limit:,} bytes; "
                     "$FACTLINT_MAX_ARTICLE_BYTES sets it); skipped\n")
    assert len(r.findings) == FINDINGS_003 and all(f.startswith(f"{small}:") for f in r.findings)


def test_the_default_size_limit_is_the_documented_one():
    from checker.run import MAX_ARTICLE_BYTES

    assert MAX_ARTICLE_BYTES == 32 * 1024 * 1024
    assert "33,554,432 bytes" in (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("value", ["lots", "-5", "0"])
def test_a_bad_size_limit_is_exit_2(value, monkeypatch):
    monkeypatch.setenv("FACTLINT_MAX_ARTICLE_BYTES", value)
    r = run(*check("--no-cache", str(SEED_003)))
    assert r.code == 2
    assert r.err.endswith(f"$FACTLINT_MAX_ARTICLE_BYTES must be a whole number of bytes, got {value!r}\n")


# --------------------------------------------------------------------------- 5. signals end the pool

def _children(pid: int) -> set[int]:
    try:
        return {int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}
    except OSError:
        return set()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=["SIGTERM", "SIGINT", "SIGKILL"])
def test_pool_workers_end_with_their_parent_and_no_partial_cache_entry_is_left(sig, tmp_path):
    corpus = tmp_path / "articles"
    seed_corpus(corpus, 300)
    cache = tmp_path / "cache"
    proc = subprocess.Popen([sys.executable, "-m", "checker", *check("--cache-dir", str(cache), "--jobs", "2",
                                                                      str(corpus))],
                            cwd=ROOT, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + GUARD
        while len(workers) < 2 or not list(cache.glob("v1/??/*.json")):  # the pool is checking and caching
            assert proc.poll() is None, "the run ended before it was interrupted"
            assert time.monotonic() < deadline
            workers |= _children(proc.pid)
            time.sleep(0.01)
        workers |= _children(proc.pid)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=GUARD)
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [w for w in workers if _alive(w)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for w in workers:  # the workers this test started, by their ids
            if _alive(w):
                os.kill(w, signal.SIGKILL)
    assert left == [], "pool workers outlived their parent"
    if sig != signal.SIGKILL:
        assert proc.returncode in (130, -signal.SIGINT) and err.decode() == "factlint: interrupted\n"
    assert [p.name for p in cache.rglob("*.tmp")] == []
    from checker.cache import ResultCache

    reader = ResultCache(cache, [])
    entries = list(cache.glob("v1/??/*.json"))
    assert entries and all(reader.decode(p.stem, p.read_bytes()) is not None for p in entries)


# --------------------------------------------------------------------------- 6. the cache cannot be poisoned

def _cached(cache: Path, *paths: Path):  # type: ignore[no-untyped-def]
    return run(*check("--cache-dir", str(cache), *map(str, paths)))


def test_an_entrys_contents_swapped_for_another_entrys_are_not_trusted(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("The council met on Tuesday.\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert _cached(cache, clean).code == 0
    (clean_entry,) = cache.glob("v1/??/*.json")
    assert _cached(cache, SEED_003).code == 1
    (seed_entry,) = set(cache.glob("v1/??/*.json")) - {clean_entry}
    seed_entry.write_bytes(clean_entry.read_bytes())  # someone who can write the folder, without the key
    r = _cached(cache, SEED_003)
    assert r.code == 1 and len(r.findings) == FINDINGS_003


def test_an_entry_is_signed_with_its_key():
    from checker.cache import ResultCache

    cache = ResultCache(Path("unused"), [])
    entry = cache.encode("k1", {"findings": []})
    assert cache.decode("k1", entry) == {"findings": []}
    assert cache.decode("k2", entry) is None
    assert cache.decode("k1", entry.replace(b"[]", b"[ ]")) is None


@posix_only
@pytest.mark.parametrize("how", ["world", "group", "owner"])
def test_a_cache_folder_others_can_write_is_refused(how, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    other = 4242
    if how == "world":
        cache.chmod(0o777)
        why = "is writable by every user, who could change the results it holds"
    elif os.geteuid() != 0:
        pytest.skip("needs root to give the folder away")
    elif how == "group":
        os.chown(cache, os.getuid(), other)
        cache.chmod(0o775)
        why = f"is writable by the users of group {other}, who could change the results it holds"
    else:
        os.chown(cache, other, os.getgid())
        cache.chmod(0o755)
        why = f"is owned by another user (uid {other}), who could change the results it holds"
    r = _cached(cache, SEED_003)
    assert (r.code, r.out) == (2, "")
    assert r.err == (f"{cache}: not used as the cache: it {why}. Remove it, name another folder with --cache-dir or "
                     "$FACTLINT_CACHE_DIR, or check with --no-cache\n")
    assert os.listdir(cache) == []


@posix_only
@pytest.mark.parametrize("points", ["outside", "rules"])
def test_a_committed_cache_link_is_never_followed_and_clean_says_so(points, tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "rules").mkdir(parents=True)
    shutil.copy(RULES / f"{SEED_STORY}.yaml", project / "rules")
    (project / "pyproject.toml").write_text('[tool.factlint]\npaths = ["."]\n', encoding="utf-8")
    shutil.copy(SEED_003, project / "a.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    target = "../outside" if points == "outside" else "rules"
    (project / ".factlint_cache").symlink_to(target)
    pointed = (project / target).resolve()
    before = sorted(os.listdir(pointed))
    monkeypatch.delenv("FACTLINT_CACHE_DIR")
    monkeypatch.chdir(project)
    link = project / ".factlint_cache"
    r = run("check", "--story", SEED_STORY, "a.txt")
    assert (r.code, r.out) == (2, "")
    assert r.err == (f"{link}: not used as the cache: it is a symbolic link (to {target}), which factlint does not "
                     "follow for the project's cache folder (a repository can commit one). Remove it, name another "
                     "folder with --cache-dir or $FACTLINT_CACHE_DIR, or check with --no-cache\n")
    assert sorted(os.listdir(pointed)) == before  # no CACHEDIR.TAG, no .gitignore written there
    r = run("clean")
    assert (r.code, r.out) == (2, "")
    assert r.err == (f"{link}: a symbolic link to {target}, not a factlint cache; left alone (factlint never removes "
                     "what a cache link points at; remove the link itself if you do not want it)\n")
    assert sorted(os.listdir(pointed)) == before and link.is_symlink()
    assert run("check", "--no-cache", "--story", SEED_STORY, "a.txt").code == 1
