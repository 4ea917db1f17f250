"""``factlint schema``: the JSON Schema of rule files, for editors and yaml-language-server."""
from __future__ import annotations

import argparse
import json
from typing import TextIO

from . import EXIT_OK


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..rules import schema

    out.write(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
