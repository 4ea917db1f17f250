"""Peak memory of `factlint check` on one large article, per byte of article (issue 21, item 3).

Makes an article of the given size from the seed article's paragraphs (repeated, so that it has
the findings of a real one), checks it in a process of its own with the size limit raised to fit,
and prints the process's peak resident memory (VmHWM on Linux, ru_maxrss elsewhere) divided by the
article's size. A one-paragraph article is measured the same way, for the interpreter's own share.

    python benchmarks/memory.py            # 200 MB, the issue's figure
    python benchmarks/memory.py --mb 20    # quicker
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "003_bf0424ff44096694.txt"
STORY = "stoltenberg-seoul-2023"

# Runs factlint's CLI in a child and reports the child's peak memory from its own /proc entry.
CHILD = """
import os, resource, sys
from checker.cli import main
code = main(sys.argv[1:])
peak = 0
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1]) * 1024
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
print(f"PEAK {peak} EXIT {code}", file=sys.stderr)
"""


def measure(article: Path) -> tuple[int, float, int]:
    """(peak bytes, seconds, exit code) of checking ``article``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "FACTLINT_MAX_ARTICLE_BYTES": str(article.stat().st_size + 1),
           "FACTLINT_TIME_BUDGET": "0"}  # a whole check: the budget would stop a large article half way
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, "check", "--no-cache", "--no-config", "--jobs", "1",
                           "--rules", str(ROOT / "rules"), "--story", STORY, str(article)],
                          cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    seconds = time.perf_counter() - start
    line = [x for x in proc.stderr.splitlines() if x.startswith("PEAK ")]
    if not line:
        raise SystemExit(f"the check failed:\n{proc.stderr}")
    _, peak, _, code = line[-1].split()
    return int(peak), seconds, int(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200, help="size of the article in MB (default: 200)")
    args = parser.parse_args()
    paragraphs = SEED.read_text(encoding="utf-8") + "\n\n"
    with tempfile.TemporaryDirectory() as folder:
        small = Path(folder) / "small.txt"
        small.write_text(paragraphs, encoding="utf-8")
        base, _, _ = measure(small)
        big = Path(folder) / "big.txt"
        copies = int(args.mb * 1e6) // len(paragraphs.encode()) + 1
        with open(big, "w", encoding="utf-8") as f:
            for _ in range(copies):
                f.write(paragraphs)
        size = big.stat().st_size
        peak, seconds, code = measure(big)
    print(f"article: {size:,} bytes ({copies:,} copies of the seed article), checked in {seconds:.1f} s, exit {code}")
    print(f"peak memory: {peak:,} bytes; a one-paragraph article: {base:,} bytes")
    print(f"peak memory per byte of article: {peak / size:.2f} (above the one-paragraph run: {(peak - base) / size:.2f})")


if __name__ == "__main__":
    main()
