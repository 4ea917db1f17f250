"""``factlint rules``: every story with its rule files and how many articles it covers, then every
fact; every rule file is validated, and a ``files:`` glob that matches no article is pointed out."""
from __future__ import annotations

import argparse
from collections import Counter
from typing import TextIO

from ..discover import parts, walk
from ..index import Glob
from ..model import FactlintError, printable
from ..run import Pipeline, read
from . import EXIT_OK, report_error, settings_of

SHARED = "(newsroom-wide)"


def _table(rows: list[tuple[str, ...]], out: TextIO) -> None:
    rows = [tuple(printable(v) for v in r) for r in rows]  # rule files' text: no escape reaches the terminal
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        out.write(printable("  ".join(v.ljust(w) for v, w in zip(row, widths)) + "  " + row[-1]) + "\n")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        settings = settings_of(args)
        pipeline = Pipeline(settings)
        scopes = pipeline.every_scope()
        index = pipeline.index
        errors: list[FactlintError] = []
        articles = sorted(set(walk(args.paths or settings.paths, settings, errors)), key=parts)
    except FactlintError as e:
        return report_error(e, err)
    covered: Counter = Counter()
    claimed: set[Glob] = set()
    for path in articles:
        claimed.update(index.matching(path))
        try:
            covered[pipeline.assign(path, read(path)).story] += 1
        except FactlintError as e:
            errors.append(e)
    rows: list[tuple[str, ...]] = [("STORY", "ARTICLES", "RULE FILES")]
    if index.shared:
        rows.append((SHARED, str(len(articles)), ", ".join(index.shared)))
    for story, files in sorted(index.stories.items()):
        rows.append((story, str(covered[story]), ", ".join(files)))
    if len(rows) > 1:
        _table(rows, out)
        out.write(f"{len(articles)} articles; {covered[None]} of them belong to no story\n\n")
    facts = [(s.rules, c.fact) for story, s in scopes for c in s.checks if c.fact.story == story]
    rows = [("FACT", "KIND", "SEVERITY", "FILE")]
    rows += [(f.key, f.kind, str(f.severity), str(f.origin)) for _, f in facts]
    _table(rows, out)
    for f in index.files:
        for g in f.globs:
            if g not in claimed:
                out.write(printable(f"{g.origin}: warning: 'files' glob {g.pattern!r} of story '{g.story}' matches "
                                    f"no article under {', '.join(args.paths or settings.paths)}") + "\n")
    for e in errors:
        err.write(f"{e}\n")
    return EXIT_OK
