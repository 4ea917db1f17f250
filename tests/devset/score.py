"""Precision and recall of factlint on the development set, per language.

The set is invented stories (rules/), each with a version in each of the six languages
(articles/STORY/LANG.md); every claim is annotated as in `factlint test` fixtures:
``<!-- ruleid: FACT -->`` before a line that states the fact wrongly (a drift factlint must
report), ``<!-- ok: FACT -->`` before a line that states it rightly or speaks of something else
(factlint must stay silent). A finding of a fact on a line annotated ``ruleid`` for it is a true
positive; a ``ruleid`` line without one a false negative; any other finding a false positive.

Run: python tests/devset/score.py        (prints a table; exit 0)
     python tests/devset/score.py -v     (and every false alarm and miss, at its file and line)
     python tests/devset/score.py --root tests/holdout   (another set of the same layout)
"""
from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from checker.article import decode  # noqa: E402
from checker.config import Settings  # noqa: E402
from checker.run import Pipeline  # noqa: E402
from checker.testing import annotations  # noqa: E402


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def score(root: Path = HERE, errors: "list[str] | None" = None) -> dict[str, Score]:
    """Scores by language (the article file's name), and "all"; ``errors`` collects each false
    alarm and miss as "path:line: false alarm|miss FACT"."""
    pipeline = Pipeline(Settings(rules=[str(root / "rules")]))
    out: dict[str, Score] = defaultdict(Score)
    for path in sorted((root / "articles").glob("*/*.md")):
        raw = path.read_bytes()
        notes, text = annotations(str(path), decode(raw, str(path)))
        blanked = text.encode("utf-8")
        a = pipeline.assign(str(path), raw)
        scope = pipeline.scope(a.story)
        found = {(f.rule_id, f.start.line) for f in pipeline.check(str(path), blanked, a)}
        wanted = {(scope.keys.get(n.fact_id, n.fact_id), n.line) for n in notes if n.verb == "ruleid"}
        for s in (out[path.stem], out["all"]):
            s.tp += len(found & wanted)
            s.fn += len(wanted - found)
            s.fp += len(found - wanted)
        if errors is not None:
            shown = path.relative_to(root)
            errors += [f"{shown}:{line}: false alarm {fact}" for fact, line in sorted(found - wanted, key=lambda x: x[1])]
            errors += [f"{shown}:{line}: miss {fact}" for fact, line in sorted(wanted - found, key=lambda x: x[1])]
    return dict(out)


def main() -> int:
    errors: list[str] = []
    args = sys.argv[1:]
    root = Path(args[args.index("--root") + 1]).resolve() if "--root" in args else HERE
    scores = score(root, errors=errors)
    if "-v" in sys.argv[1:]:
        for line in errors:
            print(line)
    print(f"{'lang':<5} {'precision':>9} {'recall':>7}   tp  fp  fn")
    for lang in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[lang]
        print(f"{lang:<5} {s.precision:>9.2f} {s.recall:>7.2f}  {s.tp:3d} {s.fp:3d} {s.fn:3d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
