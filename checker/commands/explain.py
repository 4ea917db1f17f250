"""``factlint explain FACT``: one fact's statement, expected value, sources and examples."""
from __future__ import annotations

import argparse
from typing import TextIO

from ..model import FactlintError, printable
from ..run import Pipeline
from . import EXIT_ERROR, EXIT_OK, report_error, settings_of


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The fact is named as reports print it (``STORY/ID``), or by its id alone when only one
    story (or the newsroom-wide rules) has it. Only that story's rules are loaded."""
    wanted: str = args.fact_id
    try:
        pipeline = Pipeline(settings_of(args))
        keys = pipeline.index.fact_keys()
        found = [k for k in sorted(keys) if k == wanted or ("/" not in wanted and k.endswith("/" + wanted))]
        if len(found) > 1:
            err.write(printable(f"'{wanted}' is a fact of {len(found)} stories; name one: {', '.join(found)}") + "\n")
            return EXIT_ERROR
        described = pipeline.lookup(found[0]) if found else None
    except FactlintError as e:
        return report_error(e, err)
    if described is None:
        shown = sorted(keys)
        more = f", ... ({len(shown)} in all)" if len(shown) > 30 else ""
        err.write(printable(f"no fact '{wanted}' (known: {', '.join(shown[:30])}{more})") + "\n")
        return EXIT_ERROR
    fact, rules = described
    from ..facts import KINDS

    check = KINDS[fact.kind](fact, rules)
    # Rule files are text of others: a line break, a terminal escape or a bidi override in them
    # is shown as \uXXXX, as `check` shows article text, so that no line starts "::error::".
    write = lambda line: out.write(printable(line) + "\n")  # noqa: E731
    write(f"{fact.key} ({fact.kind}, {fact.severity}) at {fact.origin}")
    write(f"  fact:     {fact.message}")
    write(f"  expected: {check.describe_expected()}")
    for i, source in enumerate(fact.sources):
        label = "sources:" if i == 0 else ""
        extra = f" ({source.date})" if source.date else ""
        write(f"  {label:<9} {source}{extra}")
    a = fact.applies
    for name, words in (("applies:", a.any), ("all of:", a.all), ("excludes:", a.exclude)):
        if words:
            write(f"  {name:<9} {', '.join(words)}")
    from ..testing import examples

    for example in examples(fact):
        how = f"fails ({example.severity or fact.severity})" if example.must_fail else "passes"
        context = "".join(f", {k} {v}" for k, v in (("lang", example.lang), ("date", example.date)) if v)
        write(f"  example:  {how}{context}: {example.text}  [{example.origin.line}:{example.origin.column}]")
    return EXIT_OK
