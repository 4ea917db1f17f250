"""factlint's speed against its baselines and targets (issue 6), in one run.

Why one script: the targets are ratios (against a naive dateparser pass, a warm cache, Python's
own start-up, proselint), and a ratio is only meaningful when both sides are measured on the same
machine, the same files and the same moment. So this generates the corpora (benchmarks/corpus.py),
runs every side, and prints the ratios with their targets first, then the absolute figures.

factlint runs as a child process, as users run it, with `--rules rules/ --no-config --exit-zero`.
The cache and parallel flags (`--no-cache`, `--cache-dir`, `--jobs`) are used only when
`factlint check --help` lists them; a figure measured without one says so.

Run: python benchmarks/run.py [--quick] [--sizes 2000,20000] [--jobs N] [--markdown FILE]
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, Corpus, generate  # benchmarks/ is not a package

LATENCY_FILE = ROOT / "seeds" / "000_e2097bfc73f45a6c.txt"
SEED_STORY = "stoltenberg-seoul-2023"
PROSELINT_BUDGET_S = {"quick": 15.0, "full": 120.0}  # beyond this, proselint runs on a subset
MB = 1e6  # figures are in MB of 10^6 bytes


# ---------------------------------------------------------------------------------------------
# Child processes: wall time, CPU time and memory


@dataclass
class ChildRun:
    """One child process: how long it took, what it cost, what it printed."""

    wall: float
    cpu: float  # user + system of the child and the children it waited for (workers)
    maxrss_mb: float  # largest RSS of the child or any one of its waited-for children
    tree_peak_mb: float | None  # largest sampled sum over the whole process tree, if sampled
    returncode: int
    stdout: Path
    stderr: str


def _tree_memory_kb(root: int) -> int:
    """Memory of a process and all its descendants now: PSS where readable, else RSS.

    PSS splits pages shared by forked workers between them, so the sum is not inflated."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                data = Path(f"/proc/{entry.name}/stat").read_bytes()
                ppid = int(data[data.rindex(b")") + 2:].split()[1])  # the name may hold spaces and ')'
                children.setdefault(ppid, []).append(int(entry.name))
    tree, frontier = {root}, [root]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    for pid in tree:
        with contextlib.suppress(OSError, ValueError):
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += next(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))
            continue
        with contextlib.suppress(OSError, ValueError, StopIteration):
            text = Path(f"/proc/{pid}/status").read_text()
            total += next(int(line.split()[1]) for line in text.splitlines() if line.startswith("VmRSS:"))
    return total


def run_child(cmd: list[str], stdout: Path, *, sample_tree: bool = False, cwd: Path = ROOT) -> ChildRun:
    """Run cmd to completion; rusage comes from wait4, so it is this child's alone."""
    peak = [0]
    done = threading.Event()
    with open(stdout, "wb") as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        sampler = None
        if sample_tree and Path("/proc/self/stat").exists():
            def sample() -> None:
                while not done.wait(0.05):
                    peak[0] = max(peak[0], _tree_memory_kb(proc.pid))
            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        if sampler:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return ChildRun(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                    peak[0] / 1024 if sampler else None, proc.returncode, stdout, stderr)


def median_wall(cmd: list[str], runs: int) -> float:
    """Median wall time of a short command, output discarded."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# ---------------------------------------------------------------------------------------------
# factlint


@dataclass
class Factlint:
    """How to call factlint, and which of the issue-6 flags this version has."""

    cmd: list[str]
    flags: set[str]
    jobs: int | None
    notes: list[str] = field(default_factory=list)

    @classmethod
    def detect(cls, cmd: list[str], jobs: int | None) -> Factlint:
        help_text = subprocess.run([*cmd, "check", "--help"], cwd=ROOT, capture_output=True, text=True,
                                   check=False).stdout
        if "--rules" not in help_text:
            raise SystemExit(f"`{shlex.join(cmd)} check --help` does not look like factlint's:\n{help_text}")
        flags = {f for f in ("--no-cache", "--cache-dir", "--jobs", "--story") if f in help_text}
        return cls(cmd, flags, jobs)

    def check(self, paths: list[str], *, cache: Path | str | None, fmt: str = "json") -> list[str]:
        """The command line; cache is a cache folder, "off", or None for factlint's default."""
        args = [*self.cmd, "check", "--rules", "rules/", "--no-config", "--exit-zero", "--output-format", fmt]
        if "--story" in self.flags:  # the corpus is versions of the seed story, outside its `files:` globs
            args += ["--story", SEED_STORY]
        if cache == "off" and "--no-cache" in self.flags:
            args.append("--no-cache")
        elif isinstance(cache, Path) and "--cache-dir" in self.flags:
            args += ["--cache-dir", str(cache)]
        if self.jobs is not None and "--jobs" in self.flags:
            args += ["--jobs", str(self.jobs)]
        return [*args, *paths]

    def label(self, cache: Path | str | None) -> str:
        """What a figure measured with check(cache=...) really measured."""
        if cache == "off":
            return "cache off" if "--no-cache" in self.flags else "plain run (no --no-cache flag yet)"
        if isinstance(cache, Path):
            return "fresh --cache-dir" if "--cache-dir" in self.flags else "plain run (no --cache-dir flag yet)"
        return "default cache"

    @property
    def jobs_label(self) -> str:
        if "--jobs" not in self.flags:
            return "serial (no --jobs flag yet)"
        return f"--jobs {self.jobs}" if self.jobs is not None else "--jobs: factlint's default"


def _summary(run: ChildRun) -> str:
    """Findings counted from factlint's JSON report (its summary), for a sanity line."""
    with contextlib.suppress(OSError, ValueError, KeyError):
        s = json.loads(run.stdout.read_text(encoding="utf-8"))["summary"]
        return f"{s['problems']} findings in {s['files_with_findings']} of {s['files']} files"
    return "report not readable as JSON"


def first_difference(*reports: Path) -> str:
    """Where reports that should be byte-identical first differ (line number and lengths)."""
    texts = [r.read_bytes().splitlines() for r in reports]
    for i, lines in enumerate(zip(*texts, strict=False)):
        if len(set(lines)) > 1:
            return f"first difference at report line {i + 1}"
    return f"reports of {', '.join(str(len(t)) for t in texts)} lines"


def _failed(run: ChildRun, what: str) -> bool:
    if run.returncode in (0, 1):
        return False
    tail = "\n    ".join(run.stderr.strip().splitlines()[-8:])
    print(f"  ! factlint {what} exited {run.returncode}:\n    {tail}", file=sys.stderr)
    return True


# ---------------------------------------------------------------------------------------------
# Baselines


@dataclass
class NaiveResult:
    files: int
    bytes: int
    import_s: float
    seconds: float
    cpu: float
    dates: int
    errors: int


def naive_pass(corpus: Corpus, limit: int | None) -> NaiveResult:
    """dateparser.search.search_dates(text, languages=[lang]) per article, in this process.

    The import is timed apart and left out of `seconds`; the first call's warm-up is in it."""
    start = time.perf_counter()  # the import is here on purpose: it is timed
    from dateparser.search import search_dates

    import_s = time.perf_counter() - start
    files = list(zip(corpus.files, corpus.langs, strict=True))[:limit]
    size = dates = errors = 0
    start, cpu = time.perf_counter(), time.process_time()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for path, lang in files:
            text = path.read_text(encoding="utf-8")
            size += len(text.encode("utf-8"))
            try:
                dates += len(search_dates(text, languages=[lang]) or [])
            except Exception:  # noqa: BLE001 (a crash on one article is counted, not fatal)
                errors += 1
    return NaiveResult(len(files), size, import_s, time.perf_counter() - start, time.process_time() - cpu,
                       dates, errors)


def proselint_command(install: bool) -> list[str] | None:
    """proselint from this interpreter's environment, installed with pip if missing and allowed."""
    if importlib.util.find_spec("proselint") is None and install:
        print("  proselint missing: pip install proselint ...", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "proselint"], check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        importlib.invalidate_caches()
    if importlib.util.find_spec("proselint") is not None:
        return [sys.executable, "-m", "proselint"]
    script = shutil.which("proselint")
    return [script] if script else None


@dataclass
class ProselintResult:
    files: int
    bytes: int
    run: ChildRun
    version: str
    subset_reason: str = ""


def proselint_pass(cmd: list[str], corpus: Corpus, budget_s: float, limit: int | None,
                   work: Path) -> ProselintResult:
    """proselint over the corpus's files; on a subset when the whole would exceed the budget."""
    words = subprocess.run([*cmd, "version"], capture_output=True, text=True, check=False).stdout.split()
    version = words[-1] if words else "?"
    files = [str(p) for p in corpus.files]
    reason = ""
    if limit is not None and limit < len(files):
        files, reason = files[:limit], f"--proselint-limit {limit}"
    elif len(files) > 200:
        probe = run_child([*cmd, "--output-format", "json", "check", *files[:100]], work / "proselint-probe.json")
        estimate = probe.wall * len(files) / 100
        if estimate > budget_s:
            keep = max(100, int(len(files) * budget_s / estimate))
            reason = f"whole corpus estimated at {estimate:.0f} s, over the {budget_s:.0f} s budget"
            files = files[:keep]
    run = run_child([*cmd, "--output-format", "json", "check", *files], work / "proselint.json")
    size = sum(Path(p).stat().st_size for p in files)
    return ProselintResult(len(files), size, run, version, reason)


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Report:
    """Rows of (label, value, target, verdict, note): ratios first, then absolute figures."""

    ratios: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    figures: list[tuple[str, str, str]] = field(default_factory=list)

    def ratio(self, label: str, value: float | str | None, fmt: str, target: str, ok: bool | None,
              note: str = "") -> None:
        shown = "n/a" if value is None else value if isinstance(value, str) else fmt.format(value)
        verdict = "n/a" if ok is None else ("PASS" if ok else "FAIL")
        self.ratios.append((label, shown, target, verdict, note))

    def figure(self, label: str, value: str, note: str = "") -> None:
        self.figures.append((label, value, note))

    def text(self, header: list[str]) -> str:
        lines = [*header, "", "RATIOS (targets from issue 6)"]
        w = max(len(r[0]) for r in self.ratios) if self.ratios else 10
        lines.append(f"  {'':<{w}}  {'measured':>10}  {'target':<9} verdict")
        for label, value, target, verdict, note in self.ratios:
            lines.append(f"  {label:<{w}}  {value:>10}  {target:<9} {verdict:<7}" + (f" {note}" if note else ""))
        lines += ["", "ABSOLUTE FIGURES"]
        w = max(len(f[0]) for f in self.figures) if self.figures else 10
        for label, value, note in self.figures:
            lines.append(f"  {label:<{w}}  {value}" + (f"   ({note})" if note else ""))
        return "\n".join(lines)

    def markdown(self, header: list[str]) -> str:
        def cell(s: str) -> str:
            return s.replace("|", "\\|")
        lines = [*(f"- {h}" for h in header), "", "| ratio | measured | target | verdict | note |",
                 "|---|---|---|---|---|"]
        lines += [f"| {' | '.join(cell(c) for c in row)} |" for row in self.ratios]
        lines += ["", "| figure | value | note |", "|---|---|---|"]
        lines += [f"| {' | '.join(cell(c) for c in row)} |" for row in self.figures]
        return "\n".join(lines) + "\n"


def machine() -> str:
    """One line about the machine, for the report and RESULTS.md."""
    cpu = platform.processor() or "?"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    mem = ""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    return (f"{os.cpu_count()} CPUs ({cpu}){mem}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


def sources_digest() -> str:
    """A hash of factlint's sources: a run during which they change mixes two versions (and a
    result cache keyed by factlint's version is invalidated between the fill and the warm run)."""
    digest = hashlib.sha256()
    for path in sorted((ROOT / "checker").rglob("*")):
        if path.suffix in (".py", ".yaml", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def revision() -> str:
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                         text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "checker", "pyproject.toml"],
                           capture_output=True, text=True, check=False).stdout.strip()
    return (out or "unknown") + (" with uncommitted changes" if dirty else "")


# ---------------------------------------------------------------------------------------------
# The run


def bytecode_for_children(work: Path) -> str:
    """Let child Pythons cache bytecode, as an installed factlint does; say what was changed.

    With PYTHONDONTWRITEBYTECODE set (this machine sets it), every run would compile factlint's
    sources again, about 50 ms that no installed copy pays. The bytecode goes to a scratch
    folder (PYTHONPYCACHEPREFIX), never into the repository or site-packages."""
    if not os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
        return "bytecode caching as the environment has it"
    os.environ.setdefault("PYTHONPYCACHEPREFIX", str(work / "pycache"))
    return "PYTHONDONTWRITEBYTECODE dropped for the children, bytecode cached in a scratch folder"


def warm_up(factlint: Factlint, prose_cmd: list[str] | None) -> None:
    """One untimed run of each program: compiles bytecode and fills the OS's file cache."""
    seeds = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    commands = [factlint.check(seeds, cache="off"), [sys.executable, "-c", "import yaml"]]
    if prose_cmd:
        commands.append([*prose_cmd, "check", *seeds])
    for cmd in commands:
        subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)


@contextlib.contextmanager
def workspace(keep: bool) -> Iterator[Path]:
    """A scratch folder outside the repository for caches and reports (and the default corpora)."""
    path = Path(tempfile.mkdtemp(prefix="factlint-bench-"))
    try:
        yield path
    finally:
        if keep:
            print(f"kept {path}", file=sys.stderr)
        else:
            shutil.rmtree(path, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="CI smoke run: 200 and 1,000 articles, fewer repeats (under a minute)")
    p.add_argument("--sizes", help="corpus sizes: the first for throughput, the last for peak memory "
                   "(default 2000,20000; --quick 200,1000)")
    p.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    p.add_argument("--corpus-dir", type=Path, help="where corpora are written and kept for reuse "
                   "(default: a temporary folder, removed afterwards); never inside the repository")
    p.add_argument("--factlint", default=f"{shlex.quote(sys.executable)} -m checker",
                   help="how to run factlint, e.g. 'factlint' for an installed script "
                   "(default: this Python with -m checker, from the repository root)")
    p.add_argument("--jobs", type=int, help="pass --jobs N to factlint (default: factlint's own default)")
    p.add_argument("--repeats", type=int, help="runs per latency median (default 11; --quick 5)")
    p.add_argument("--naive-limit", type=int, help="run the naive dateparser pass on the first N articles "
                   "only and compare per MB (default: all)")
    p.add_argument("--proselint-limit", type=int, help="run proselint on the first N articles only")
    p.add_argument("--no-install", action="store_true", help="do not pip install proselint when missing")
    p.add_argument("--skip", default="", help="comma-separated parts to skip: naive, proselint, latency, memory")
    p.add_argument("--markdown", type=Path, help="also write the report as Markdown (for RESULTS.md)")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder (reports, caches)")
    return p.parse_args(argv)


@dataclass
class Throughput:
    """factlint on the throughput corpus: cache off, a fresh cache filled, then warm."""

    off: ChildRun
    fill: ChildRun
    warm: ChildRun
    warm_runs: int
    identical: bool
    difference: str
    cache_dir: Path


def measure_throughput(factlint: Factlint, corpus: Corpus, work: Path, warm_runs: int) -> Throughput:
    paths = [str(corpus.articles)]
    off = run_child(factlint.check(paths, cache="off"), work / "off.json")
    for attempt in range(3):  # again if factlint's sources changed between filling and reading the cache
        cache_dir = work / f"cache{attempt}"
        before = sources_digest()
        fill = run_child(factlint.check(paths, cache=cache_dir), work / "fill.json")
        runs = [run_child(factlint.check(paths, cache=cache_dir), work / f"warm{i}.json") for i in range(warm_runs)]
        if sources_digest() == before:
            break
        print("  factlint's sources changed while its cache was measured: measuring the cache again", file=sys.stderr)
    warm = sorted(runs, key=lambda r: r.wall)[len(runs) // 2]  # the median run
    expected = off.stdout.read_bytes()
    odd = next((r for r in (fill, *runs) if r.stdout.read_bytes() != expected), None)
    identical = odd is None
    difference = "" if odd is None else first_difference(off.stdout, odd.stdout)
    return Throughput(off, fill, warm, warm_runs, identical, difference, cache_dir)


@dataclass
class Latency:
    """Medians of one pre-commit-sized factlint run and of bare interpreter start-ups."""

    factlint_s: float
    yaml_s: float
    pass_s: float
    cmd: list[str]
    label: str


def measure_latency(factlint: Factlint, work: Path, repeats: int) -> Latency:
    cache = work / "latency-cache"
    cmd = factlint.check([str(LATENCY_FILE.relative_to(ROOT))], cache=cache, fmt="text")
    subprocess.run(cmd, cwd=ROOT, capture_output=True, check=False)  # fills the cache
    return Latency(median_wall(cmd, repeats), median_wall([sys.executable, "-c", "import yaml"], repeats),
                   median_wall([sys.executable, "-c", "pass"], repeats), cmd, factlint.label(cache))


def build_report(factlint: Factlint, corpus: Corpus, big: Corpus | None, t: Throughput,
                 naive: NaiveResult | None, prose: ProselintResult | None, prose_missing: str,
                 latency: Latency | None, mem: ChildRun | None) -> Report:
    """The ratios against the issue's targets, then the absolute figures behind them."""
    report = Report()
    n, mb = len(corpus.files), corpus.total_bytes / MB
    off_label = factlint.label("off")
    fl_s_per_mb = t.off.wall / mb
    cache_note = "" if {"--no-cache", "--cache-dir"} <= factlint.flags else "cache flags missing: plain runs"

    if naive:
        ratio = naive.seconds / (naive.bytes / MB) / fl_s_per_mb
        by_cpu = naive.cpu / (naive.bytes / MB) / (t.off.cpu / mb)
        note = off_label + f"; by CPU time {by_cpu:.1f}x" + (
            f"; naive on the first {naive.files} articles" if naive.files < n else "")
        report.ratio("naive search_dates / factlint cache off (per MB)", ratio, "{:.1f}x", ">= 25x", ratio >= 25, note)
    else:
        report.ratio("naive search_dates / factlint cache off (per MB)", None, "", ">= 25x", None, "skipped")
    ratio = t.off.wall / t.warm.wall
    report.ratio("factlint cache off / warm cache", ratio, "{:.1f}x", ">= 5x", ratio >= 5, cache_note)
    report.ratio("findings byte-identical (off, fill, warm)", "yes" if t.identical else "no", "", "identical",
                 t.identical, t.difference or "JSON reports compared")
    if latency:
        ratio = latency.factlint_s / latency.yaml_s
        report.ratio("one file, warm cache / python -c 'import yaml'", ratio, "{:.1f}x", "<= 2x", ratio <= 2,
                     latency.label if cache_note else "")
    if mem and big:
        peak = mem.tree_peak_mb if mem.tree_peak_mb is not None else mem.maxrss_mb
        report.ratio(f"peak memory, {len(big.files):,} articles (MB)", peak, "{:.0f}", "< 300", peak < 300,
                     "PSS of the process tree, sampled" if mem.tree_peak_mb is not None else "max RSS")
    if prose:
        ratio = prose.run.wall / (prose.bytes / MB) / fl_s_per_mb
        by_cpu = prose.run.cpu / (prose.bytes / MB) / (t.off.cpu / mb)
        note = f"by CPU time {by_cpu:.2f}x" + (
            f"; proselint on {prose.files} articles ({prose.subset_reason})" if prose.subset_reason else "")
        report.ratio("proselint / factlint cache off (per MB)", ratio, "{:.2f}x", "> 1x", ratio > 1, note)
    else:
        report.ratio("proselint / factlint cache off (per MB)", None, "", "> 1x", None, prose_missing)

    def through(label: str, r: ChildRun, files: int, size_mb: float, note: str) -> None:
        report.figure(label, f"{r.wall:7.2f} s  {files / r.wall:7.0f} files/s  {size_mb / r.wall:6.2f} MB/s  "
                             f"cpu {r.cpu:6.2f} s  max RSS {r.maxrss_mb:4.0f} MB", note)

    through(f"factlint, {n:,} articles, cache off", t.off, n, mb, off_label)
    through(f"factlint, {n:,} articles, filling cache", t.fill, n, mb, factlint.label(t.cache_dir))
    through(f"factlint, {n:,} articles, warm cache", t.warm, n, mb,
            factlint.label(t.cache_dir) + (f"; median of {t.warm_runs}" if t.warm_runs > 1 else ""))
    report.figure("factlint findings", _summary(t.off))
    if naive:
        report.figure(f"naive search_dates, {naive.files:,} articles",
                      f"{naive.seconds:7.2f} s  {naive.files / naive.seconds:7.0f} files/s  "
                      f"{naive.bytes / MB / naive.seconds:6.2f} MB/s  cpu {naive.cpu:6.2f} s",
                      f"in-process; import dateparser.search {naive.import_s:.2f} s not included, first-call "
                      f"warm-up included; {naive.dates} dates found, {naive.errors} errors")
    if prose:
        through(f"proselint, {prose.files:,} articles", prose.run, prose.files, prose.bytes / MB,
                f"proselint {prose.version}, --output-format json"
                + (f"; subset: {prose.subset_reason}" if prose.subset_reason else ""))
    if latency:
        report.figure("one file, warm cache (median)", f"{latency.factlint_s * 1000:7.1f} ms",
                      f"{shlex.join(latency.cmd)}; {latency.label}")
        report.figure("python -c 'import yaml' (median)", f"{latency.yaml_s * 1000:7.1f} ms")
        report.figure("python -c 'pass' (median)", f"{latency.pass_s * 1000:7.1f} ms")
    if mem and big:
        through(f"factlint, {len(big.files):,} articles, cache off", mem, len(big.files), big.total_bytes / MB,
                off_label + "; text report to a file")
        if mem.tree_peak_mb is not None:
            report.figure(f"peak memory, {len(big.files):,} articles",
                          f"PSS of the process tree {mem.tree_peak_mb:.0f} MB, max RSS of one process "
                          f"{mem.maxrss_mb:.0f} MB", "tree sampled every 50 ms")
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    mode = "quick" if args.quick else "full"
    sizes = [int(s) for s in (args.sizes or ("200,1000" if args.quick else "2000,20000")).split(",")]
    repeats = args.repeats or (5 if args.quick else 11)
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    factlint = Factlint.detect(shlex.split(args.factlint), args.jobs)
    began = time.perf_counter()

    def say(msg: str) -> None:  # progress on stderr, so that stdout is the report alone
        print(f"[{time.perf_counter() - began:6.1f} s] {msg}", file=sys.stderr)

    load_before, digest_before = os.getloadavg()[0], sources_digest()
    with workspace(args.keep) as work:
        bytecode = bytecode_for_children(work)
        prose_cmd = None if "proselint" in skip else proselint_command(not args.no_install)
        say("warm-up")
        warm_up(factlint, prose_cmd)
        corpus_root = args.corpus_dir or work / "corpora"
        say(f"corpus of {sizes[0]} articles")
        corpus = generate(sizes[0], corpus_root / f"n{sizes[0]}-seed{args.seed}", args.seed)
        say("factlint: cache off, filling a fresh cache, warm cache")
        t = measure_throughput(factlint, corpus, work, 1 if args.quick else 3)
        broken = any(_failed(r, what) for r, what in ((t.off, "cache off"), (t.fill, "cache fill"), (t.warm, "warm")))

        naive = None
        if "naive" not in skip:
            say(f"naive search_dates pass over {min(args.naive_limit or sizes[0], sizes[0])} articles")
            naive = naive_pass(corpus, args.naive_limit)

        prose = None
        if prose_cmd:
            say("proselint")
            prose = proselint_pass(prose_cmd, corpus, PROSELINT_BUDGET_S[mode], args.proselint_limit, work)
        prose_missing = "skipped" if "proselint" in skip else "proselint: not available"
        if not prose_cmd and "proselint" not in skip:
            print(prose_missing, file=sys.stderr)

        latency = None
        if "latency" not in skip:
            say(f"single-file latency, medians of {repeats}")
            latency = measure_latency(factlint, work, repeats)

        big = mem = None
        if "memory" not in skip:
            say(f"corpus of {sizes[-1]} articles")
            big = generate(sizes[-1], corpus_root / f"n{sizes[-1]}-seed{args.seed}", args.seed)
            say(f"factlint on {sizes[-1]} articles, cache off, memory sampled")
            mem = run_child(factlint.check([str(big.articles)], cache="off", fmt="text"), work / "big.txt",
                            sample_tree=True)
            broken |= _failed(mem, f"on {sizes[-1]} articles")

        report = build_report(factlint, corpus, big, t, naive, prose, prose_missing, latency, mem)
        header = [
            f"factlint benchmark, {mode} mode, {time.strftime('%Y-%m-%d %H:%M')}",
            f"machine: {machine()}",
            (f"factlint: {shlex.join(factlint.cmd)} at {revision()}; flags found: "
             f"{', '.join(sorted(factlint.flags)) or 'none of --no-cache, --cache-dir, --jobs'}; "
             f"{factlint.jobs_label}"),
            (f"corpus: {sizes[0]:,} articles, {corpus.total_bytes / MB:.2f} MB (seed {args.seed}); "
             f"memory on {sizes[-1]:,} articles; MB = 10^6 bytes"),
            f"children: {bytecode}; one untimed warm-up run of each program first",
            (f"load average: {load_before:.1f} before, {os.getloadavg()[0]:.1f} after (on {os.cpu_count()} CPUs; "
             "other work on the machine slows the wall times, less so the CPU times)"),
            f"command: python benchmarks/run.py {shlex.join(argv if argv is not None else sys.argv[1:])}".rstrip(),
        ]
        say("done")
        if sources_digest() != digest_before:
            warning = ("WARNING: factlint's sources (checker/) changed during this run: the figures mix "
                       "two versions and the warm cache may have been invalidated; run again")
            header.insert(0, warning)
            print(warning, file=sys.stderr)
        print(report.text(header))
        if args.markdown:
            args.markdown.write_text(report.markdown(header), encoding="utf-8")
        return 2 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
