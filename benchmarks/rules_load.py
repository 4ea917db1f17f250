"""What loading rules costs per fact (issue 21, item 7): loading must be linear in the size of the rules.

A rule file of N invented facts (dates, quantities, names, sets, participants, titles, quotes in
turn, with their entities) is written to a temporary folder and checked, with one small article,
by ``factlint check --no-cache`` in a process of its own: the index scan, YAML, the schema, the
facts and their compiled checks are all timed, as a user's first run pays them. The figure is the
time per fact for 1,000 and 10,000 facts (best of ROUNDS runs) and the ratio of the two: 1.0 is
linear, and anything near 10 would be quadratic. Target: a ratio under 2.
Run: python benchmarks/rules_load.py [ROUNDS] [N ...]
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("date", "quantity", "name", "set", "participants", "title", "quote")


def rule_file(n: int) -> str:
    """A story of ``n`` facts, each with its own triggers and, for the kinds that need them, entities."""
    out = ["story: bench-load", 'files: ["*.txt"]', "entities:"]
    people = max(2, n // 7 + 2)
    for i in range(people):
        out.append(f"  p{i}: {{type: person, name: Person Number{i}, aliases: [Number{i}], titles: [Mayor of Town{i}]}}")
    for i in range(3):
        out.append(f"  c{i}: {{type: country, name: Countryland{i}}}")
    out.append("facts:" if n else "facts: []")
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        out += [f"  - id: fact-{i}", f"    kind: {kind}", f"    message: invented fact number {i}",
                f"    sources: [benchmark source {i}]", f"    applies: {{any: [trigger{i}, event{i}*]}}"]
        p = i // 7
        if kind == "date":
            out.append(f'    expected: "20{i % 30:02d}-0{i % 9 + 1}-1{i % 9}"')
        elif kind == "quantity":
            out += [f"    expected: {i + 10}", "    unit: people"]
        elif kind == "name":
            out += [f"    canonical: Institute Number{i} of Studies", f"    aliases: [Institute Number{i}]", "    keywords: [Institute]"]
        elif kind == "set":
            out.append("    members: [c0, c1, c2]")
        elif kind == "participants":
            out += [f"    subject: p{p}", "    participants:", f"      - entity: p{p + 1}"]
        elif kind == "title":
            out.append(f"    entity: p{p}")
        else:
            out += [f"    speaker: p{p}", f'    said: ["we will build bridge number {i} this year"]']
    return "\n".join(out) + "\n"


def seconds(n: int, rounds: int) -> float:
    """The best wall time of ``rounds`` runs of ``factlint check`` against ``n`` facts."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "rules.yaml").write_text(rule_file(n), encoding="utf-8")
        (folder / "a.txt").write_text("The trigger0 happened on 3 March 2001.\n", encoding="utf-8")
        best = float("inf")
        for _ in range(rounds):
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "checker", "check", "--no-cache", "--no-config",
                                   "--exit-zero", "--rules", "rules.yaml", "a.txt"],
                                  cwd=folder, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                                  capture_output=True, text=True, check=False)
            best = min(best, time.perf_counter() - start)
            if proc.returncode != 0:
                sys.exit(f"factlint failed on {n} facts:\n{proc.stderr}")
    return best


def main(argv: list[str]) -> None:
    rounds = int(argv[0]) if argv else 3
    sizes = [int(a) for a in argv[1:]] or [1_000, 10_000]
    base = seconds(0, rounds)  # start-up, imports and the article, paid whatever the rules
    print(f"start-up (no facts): {base:.2f} s")
    per = {}
    for n in sizes:
        total = seconds(n, rounds)
        per[n] = (total - base) / n
        print(f"{n:>7,} facts: {total:7.2f} s, {per[n] * 1000:.3f} ms per fact")
    if len(sizes) >= 2:
        a, b = sizes[0], sizes[-1]
        print(f"ratio of time per fact, {b:,} / {a:,}: {per[b] / per[a]:.2f} (1.0 is linear; target < 2)")


if __name__ == "__main__":
    main(sys.argv[1:])
