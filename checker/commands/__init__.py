"""One module per subcommand, each with ``run(args, out, err) -> exit code``; what they share is here."""
from __future__ import annotations

import argparse
from typing import TextIO

from ..config import Settings, load_settings
from ..model import FactlintError, RuleErrors

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def settings_of(args: argparse.Namespace, formats: list[str] | None = None) -> Settings:
    """[tool.factlint] from the nearest pyproject.toml, unless ``--no-config``; ``--rules`` overrides it."""
    settings = Settings() if getattr(args, "no_config", False) else load_settings(formats=formats)
    if getattr(args, "rules", None):
        settings.rules = args.rules
    return settings


def report_error(e: FactlintError, err: TextIO) -> int:
    """Every error of a batch (rule errors come several at once), one a line; exit 2."""
    for one in e.errors if isinstance(e, RuleErrors) else [e]:
        err.write(f"{one}\n")
    return EXIT_ERROR
