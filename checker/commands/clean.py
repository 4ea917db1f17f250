"""``factlint clean``: remove the result cache, and only a folder that factlint made."""
from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from ..config import load_settings
from ..discover import project_root
from . import EXIT_ERROR, EXIT_OK


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ..cache import clean, default_dir

    root = Path(args.cache_dir) if args.cache_dir else default_dir(project_root(load_settings()))
    if root.is_symlink():  # a link a repository may have committed: neither followed nor removed
        err.write(f"{root}: a symbolic link to {os.readlink(root)}, not a factlint cache; left alone (factlint never "
                  "removes what a cache link points at; remove the link itself if you do not want it)\n")
        return EXIT_ERROR
    if not root.exists():
        out.write(f"no cache at {root}\n")
        return EXIT_OK
    if not clean(root):
        err.write(f"{root}: not a factlint cache (no CACHEDIR.TAG); left alone\n")
        return EXIT_ERROR
    out.write(f"removed {root}\n")
    return EXIT_OK
