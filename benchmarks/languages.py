"""Speed per language, as a ratio to English, measured in one process.

Checks the two seeds (English) and their translations (tests/fixtures/i18n) with the seed
rules, many times each, and prints the time per KB of each language against English's.
Run: python benchmarks/languages.py [ROUNDS]
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


def corpus() -> dict[str, list[tuple[str, bytes]]]:
    by_lang: dict[str, list[tuple[str, bytes]]] = {"en": []}
    for p in sorted((ROOT / "seeds").glob("*.txt")):
        by_lang["en"].append((str(p), p.read_bytes()))
    for p in sorted((ROOT / "tests" / "fixtures" / "i18n").glob("*.txt")):
        lang = p.name.split(".")[1]
        by_lang.setdefault(lang, []).append((str(p), p.read_bytes()))
    return by_lang


def seconds_per_kb(files: list[tuple[str, bytes]], rules, checks, rounds: int,  # type: ignore[no-untyped-def]
                   batches: int = 5) -> float:
    size = sum(len(raw) for _, raw in files) / 1024
    best = float("inf")
    for _ in range(batches):  # the best batch: the least disturbed by the rest of the machine
        start = time.perf_counter()
        for _ in range(rounds):
            for path, raw in files:
                check_article(read_article(path, rules.languages, raw=raw), checks, rules)
        best = min(best, (time.perf_counter() - start) / rounds)
    return best / size


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    rules = load_rules([str(ROOT / "rules")])
    checks = compile_checks(rules)
    files = corpus()
    for lang_files in files.values():  # warm-up: compiled patterns, dateparser's first parse
        seconds_per_kb(lang_files, rules, checks, 1)
    base = seconds_per_kb(files["en"], rules, checks, rounds)
    print(f"{'lang':<5} {'ratio to en':>11} {'ms per KB':>10} {'KB':>6}")
    for lang, lang_files in files.items():
        t = base if lang == "en" else seconds_per_kb(lang_files, rules, checks, rounds)
        kb = sum(len(raw) for _, raw in lang_files) / 1024
        print(f"{lang:<5} {t / base:>11.2f} {t * 1000:>10.3f} {kb:>6.1f}")


if __name__ == "__main__":
    main()
