"""``factlint draft``: a rule file to review, drafted from an article the editor trusts."""
from __future__ import annotations

import argparse
from typing import TextIO

from . import EXIT_OK


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..draft import draft_rules
    from ..run import read

    read(args.article)  # a regular file within the size limit: a named pipe or /dev/zero is refused, not read
    out.write(draft_rules(args.article, lang=args.lang, date=args.date))
    return EXIT_OK
