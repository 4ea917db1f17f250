"""Throughput per core of `factlint check` and of `factlint audit` on a local Dask cluster (issue 22).

Both check the same generated archive (tests/archive_gen.py: the development set's four stories
in six languages, copied with their own dates and drifts) with two processes: `check --jobs 2
--no-cache` and `audit --engine dask` on a local cluster of 2 single-threaded workers. The runs
alternate, in one process, and the ratio of their medians is the engine's overhead. The cluster
is started once by this script and named with --scheduler (a long audit pays its start once);
one cold run, which starts its own cluster, is timed as well.

    python benchmarks/audit.py                  # 100 copies: 2,400 articles
    python benchmarks/audit.py --copies 400     # 9,600 articles
"""
from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from archive_gen import RULES, write_files, write_jsonl  # noqa: E402

WORKERS = 2


def timed(args: list[str], cwd: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "checker", *args], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"factlint {' '.join(args)} exited {done.returncode}: {done.stderr[-500:]}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100, help="copies of the 24 development-set articles")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    from distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        made = write_files(root / "a", args.copies)
        write_jsonl(root / "a.jsonl", made, "a/")
        n = len(made)
        common = ["--no-config", "--rules", str(RULES), "--output-format", "json"]
        check = ["check", *common, "--no-cache", "--jobs", str(WORKERS), "a"]
        cold = timed(["audit", *common, "--engine", "dask", "--workers", str(WORKERS), "a"], root)
        with LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None,
                          silence_logs=logging.ERROR) as cluster, Client(cluster):
            audit = ["audit", *common, "--engine", "dask", "--scheduler", cluster.scheduler_address]
            timed([*audit, "a"], root)  # the workers import factlint once
            times: dict[str, list[float]] = {"check": [], "audit": [], "audit-jsonl": []}
            for _ in range(args.rounds):
                times["check"].append(timed(check, root))
                times["audit"].append(timed([*audit, "a"], root))
                times["audit-jsonl"].append(timed([*audit, "a.jsonl"], root))
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"{n:,} articles, {WORKERS} processes each, median of {args.rounds} rounds")
    for name, seconds in med.items():
        per_core = n / seconds / WORKERS
        print(f"  {name:<12} {seconds:7.2f} s  {per_core:8.1f} articles/s per core")
    print(f"  audit (cold, starting its own cluster): {cold:.2f} s")
    print(f"ratio audit/check: {med['audit'] / med['check']:.2f}x (files), "
          f"{med['audit-jsonl'] / med['check']:.2f}x (JSON Lines); target: at most 1.25x")


if __name__ == "__main__":
    main()
