"""What comparing versions costs (issue 19): a source compared with its five translations, against
checking those six articles with the seed rules, measured in one process.

The articles are the seed article 000 in its six languages (seeds/ and tests/fixtures/i18n/), the
Indonesian one as the source, as the outlet publishes them.
Both sides read the articles from bytes each round; the comparison extracts every version's
values (dates, times, figures, countries, names, lists, quotations), pairs the paragraphs and
compares. The figure is the ratio of the best of five batches. Target: at most 2x.
Run: python benchmarks/versions.py [ROUNDS]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.article import read_article  # noqa: E402
from checker.check import check_article  # noqa: E402
from checker.facts import compile_checks  # noqa: E402
from checker.rules import load_rules  # noqa: E402
from checker.versions import compare, extract  # noqa: E402

I18N = ROOT / "tests" / "fixtures" / "i18n"
ARTICLES = [I18N / "000.id.txt", ROOT / "seeds" / "000_e2097bfc73f45a6c.txt",
            *(I18N / f"000.{lang}.txt" for lang in ("fr", "zh", "ja", "ar"))]


def best(run, rounds: int) -> float:  # type: ignore[no-untyped-def]
    out = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(rounds):
            run()
        out = min(out, (time.perf_counter() - start) / rounds)
    return out


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rules = load_rules([str(ROOT / "rules")])
    checks = compile_checks(rules)
    files = [(str(p), p.read_bytes()) for p in ARTICLES]

    def check() -> None:
        for path, raw in files:
            check_article(read_article(path, rules.languages, raw=raw), checks, rules)

    def versions() -> None:
        read = [extract(read_article(path, rules.languages, raw=raw), rules) for path, raw in files]
        for version in read[1:]:
            compare(read[0], version)

    check()
    versions()  # warm-up: compiled patterns, dateparser's first parse
    base, more = best(check, rounds), best(versions, rounds)
    ratio = more / base
    verdict = "PASS" if ratio <= 2.0 else "FAIL"
    print(f"{verdict}  {ratio:.2f}x  (target <= 2x)  source + five versions compared / the six checked with the seed rules")
    print(f"      {more * 1000:.2f} / {base * 1000:.2f} ms per round, {rounds} rounds, best of 5 batches")


if __name__ == "__main__":
    main()
