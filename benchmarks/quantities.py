"""What quantity facts cost (issue 17): the seed story plus five quantity facts, against the seed
story alone, per article, measured in one process.

The five facts have triggers the seed articles hold in every language (so their sentences are
read for figures, as a real story's would be), units of several kinds, and hedges and tolerance.
The articles are the seeds and their translations (tests/fixtures/i18n), checked many times;
the figure is the ratio of the best of seven batches of each side, taken in turn. Target: at most 1.3x.
Run: python benchmarks/quantities.py [ROUNDS]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from languages import corpus, seconds_per_kb  # noqa: E402

from checker.facts import compile_checks  # noqa: E402
from checker.rules import load_rules  # noqa: E402

QUANTITIES = """
story: stoltenberg-seoul-2023
facts:
  - id: q-support
    kind: quantity
    message: invented, for the benchmark
    expected: 50
    unit: percent
    sources: [benchmark]
    applies: {any: [Ukraine, Ukraina, 乌克兰, ウクライナ, أوكرانيا]}
  - id: q-ammunition
    kind: quantity
    message: invented, for the benchmark
    expected: {min: 1000, max: 2000}
    unit: usd
    tolerance: "5%"
    sources: [benchmark]
    applies: {any: [ammunition, amunisi, munitions, 弹药, 弾薬, الذخيرة]}
  - id: q-troops
    kind: quantity
    message: invented, for the benchmark
    expected: 28500
    unit: people
    unit_words: [troops, soldiers, tentara, soldats, 士兵, 兵士, جندي]
    sources: [benchmark]
    applies: {any: [South Korea, Korea Selatan, Corée du Sud, 韩国, 韓国, كوريا الجنوبية]}
  - id: q-allies
    kind: quantity
    message: invented, for the benchmark
    expected: 30
    unit: votes
    sources: [benchmark]
    applies: {any: [NATO, OTAN, 北约, 北大西洋条約機構, الناتو]}
  - id: q-distance
    kind: quantity
    message: invented, for the benchmark
    expected: 8000
    unit: km
    sources: [benchmark]
    applies: {any: [Seoul, Séoul, 首尔, ソウル, سيول]}
"""


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    files = [f for lang_files in corpus().values() for f in lang_files]
    base_rules = load_rules([str(ROOT / "rules")])
    with tempfile.TemporaryDirectory() as tmp:
        extra = Path(tmp) / "quantities.yaml"
        extra.write_text(QUANTITIES, encoding="utf-8")
        both = load_rules([str(ROOT / "rules"), str(extra)])
    sides = [(base_rules, compile_checks(base_rules)), (both, compile_checks(both))]
    for rules, checks in sides:  # warm-up: compiled patterns, dateparser's first parse
        seconds_per_kb(files, rules, checks, 1)
    # Interleaved: a batch of each side in turn, the best of each kept, so that a machine that
    # slows down or speeds up during the run weighs on both sides alike.
    base = more = float("inf")
    for _ in range(7):
        base = min(base, seconds_per_kb(files, *sides[0], rounds, batches=1))
        more = min(more, seconds_per_kb(files, *sides[1], rounds, batches=1))
    verdict = "PASS" if more / base <= 1.3 else "FAIL"
    print(f"{verdict}  {more / base:.2f}x  (target <= 1.3x)  seed story + 5 quantity facts / seed story alone, per KB")
    print(f"      {more * 1000:.3f} / {base * 1000:.3f} ms per KB, {len(files)} articles in six languages, "
          f"best of 7 interleaved batches of {rounds} rounds")


if __name__ == "__main__":
    main()
