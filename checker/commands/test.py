"""``factlint test``: run the facts' examples and the annotated fixture articles (see ``testing``)."""
from __future__ import annotations

import argparse
from typing import TextIO


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..testing import run_tests  # the authoring tools are not loaded by ``check``

    return run_tests(args.paths or ["rules"], out, err)
