"""Settings from a ``factlint.toml`` (top-level keys) or ``[tool.factlint]`` in a pyproject.toml.

Found by walking up from the working directory, as ruff does (in each folder factlint.toml
first, then a pyproject.toml that has the table), or named by ``--config PATH``; paths in it
are relative to the file that names them; command-line flags override it. A bad setting is
exit 2 with the file, the line of the key and the reason. Files are parsed with tomllib, never
searched with a pattern: ``[tool.factlint.per-file-ignores]`` alone is the table, and the
words ``[tool.factlint]`` inside a string are not.
"""
from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from .model import FactlintError, Severity

KEYS = {
    "rules": "a path or a list of paths",
    "paths": "a list of paths",
    "include": "a list of glob patterns",
    "exclude": "a list of glob patterns",
    "force-exclude": "true or false",
    "respect-gitignore": "true or false",
    "fail-level": "one of error, warning, info",
    "select": "a list of fact ids or glob patterns",
    "ignore": "a list of fact ids or glob patterns",
    "per-file-ignores": "a table of glob pattern = list of fact ids",
    "lang": "a language tag such as en",
    "output-format": "one of the output formats",
    "versions": "a table of glob pattern = the path of the source those articles were made from",
}
DEFAULT_INCLUDE = ["*.txt", "*.md", "*.markdown"]
DEFAULT_RULES = "rules"
OWN_FILE = "factlint.toml"


@dataclass
class Settings:
    rules: list[str] = field(default_factory=lambda: [DEFAULT_RULES])
    paths: list[str] = field(default_factory=lambda: ["."])
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    force_exclude: bool = False  # exclude applies to files named on the command line too (the hook)
    respect_gitignore: bool = True
    fail_level: str = "error"
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # article glob -> its source, relative to the project
    lang: str | None = None
    output_format: str = "text"
    source: Path | None = None
    root: Path | None = None  # the project root when no configuration file gives it (a remote worker's cwd is not it)
    rules_configured: bool = False  # rules came from a flag or a file, not the default


def _tomllib() -> Any:
    if sys.version_info >= (3, 11):  # imported here: a run without a configuration file never needs it
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def _shown(path: Path, cwd: Path) -> str:
    return os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)


def read_config(path: Path, cwd: Path, required: bool = True) -> tuple[dict[str, Any], str] | None:
    """The settings table of a configuration file and its text (a BOM is allowed, as editors on
    Windows write one). A pyproject.toml without ``[tool.factlint]`` is None; a broken one is
    exit 2 when it is required or mentions factlint, and skipped otherwise (another tool's file)."""
    shown = _shown(path, cwd)
    try:
        raw = path.read_bytes()
    except OSError as e:
        if not required:
            return None
        raise FactlintError(f"cannot read the configuration: {e.strerror or e}", shown) from None
    own = path.name != "pyproject.toml"
    explicit = required  # named by --config: a pyproject.toml without the table is an error
    if not own and not explicit and b"factlint" not in raw:
        return None  # another tool's file: not parsed (tomllib is not even imported)
    required = required or own or b"factlint" in raw  # broken and about factlint: say so
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if not required:
            return None
        line = raw.count(b"\n", 0, e.start) + 1
        raise FactlintError(f"not valid UTF-8 (byte offset {e.start})", shown, line, 1) from None
    tomllib = _tomllib()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        if not required:
            return None
        m = re.search(r"line (\d+), column (\d+)", str(e))
        line, col = (int(m[1]), int(m[2])) if m else (1, 1)
        raise FactlintError(f"invalid TOML: {e}", shown, line, col) from None
    if own:
        return data, text
    tool = data.get("tool")
    if tool is None and not explicit:
        return None
    if tool is not None and not isinstance(tool, dict):
        if not required:
            return None
        raise FactlintError(f"'tool' must be a table (as in [tool.factlint]), got {_kind(tool)}", shown,
                            _line_of(text, r"^[ \t]*\"?tool\"?[ \t]*="), 1)
    table = (tool or {}).get("factlint")
    if table is None:
        if not explicit:
            return None
        raise FactlintError("no [tool.factlint] table in this file", shown, 1, 1)
    if not isinstance(table, dict):
        raise FactlintError(f"'tool.factlint' must be a table ([tool.factlint]), got {_kind(table)}", shown,
                            _line_of(text, r"^[ \t]*(?:\"?tool\"?[ \t]*\.[ \t]*)?\"?factlint\"?[ \t]*="), 1)
    return table, text


def _kind(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array"}
    return names.get(type(value), type(value).__name__)


def _line_of(text: str, pattern: str) -> int:
    m = re.search(pattern, text, re.MULTILINE)
    return text.count("\n", 0, m.start()) + 1 if m else 1


def find_config(start: Path) -> Path | None:
    """The nearest factlint.toml, or pyproject.toml with [tool.factlint], from ``start`` up."""
    for folder in (start, *start.parents):
        own = folder / OWN_FILE
        if own.is_file():
            return own
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and read_config(candidate, start, required=False) is not None:
            return candidate
    return None


def _key_line(text: str, key: str, own: bool) -> int:
    """The line of a key of the settings table, for messages (TOML parsers give no positions): a
    ``key = `` line, or a ``[tool.factlint.key]`` sub-table header."""
    start = 0
    if not own:
        section = re.search(r"^[ \t]*\[[ \t]*\"?tool\"?[ \t]*\.[ \t]*\"?factlint\b", text, re.MULTILINE)
        start = section.start() if section else 0
    k = re.escape(key)
    prefix = "" if own else r"\"?tool\"?[ \t]*\.[ \t]*\"?factlint\"?[ \t]*\.[ \t]*"
    m = re.compile(rf"^[ \t]*(?:\"?{k}\"?[ \t]*=|\[[ \t]*{prefix}\"?{k}\"?[ \t]*\])", re.MULTILINE).search(text, start)
    return text.count("\n", 0, m.start() if m else start) + 1


def load_settings(cwd: Path | None = None, formats: list[str] | None = None, config: str | None = None) -> Settings:
    """The settings of the nearest configuration file (or of ``config``), over the defaults."""
    cwd = cwd or Path.cwd()
    path = Path(config) if config is not None else find_config(cwd)
    settings = Settings()
    if path is None:
        return settings
    found = read_config(path if path.is_absolute() else cwd / path, cwd, required=config is not None)
    if found is None:  # pragma: no cover - find_config returned it because it has the table
        return settings
    table, text = found
    path = (path if path.is_absolute() else cwd / path).resolve()
    shown = _shown(path, cwd)
    own = path.name != "pyproject.toml"
    settings.source = path
    base = path.parent
    settings.rules = [_relative(base / DEFAULT_RULES, cwd)]  # the default rules/ is the project's

    def bad(key: str, why: str) -> FactlintError:
        where = f"'{key}'" if own else f"[tool.factlint] '{key}'"
        return FactlintError(f"{where}: {why}", shown, _key_line(text, key, own), 1)

    def strings(key: str, value: Any) -> list[str]:
        if isinstance(value, str) and key == "rules":
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(key, f"must be {KEYS[key]}")
        if not value and key in ("rules", "paths"):
            what = "rule file or folder" if key == "rules" else "article or folder"
            raise bad(key, f"is empty: name at least one {what} (remove the key for the default)")
        return list(value)

    for key, value in table.items():
        if key not in KEYS:
            near = [k for k in KEYS if k.replace("-", "_") == key or k.replace("-", "") == key.replace("_", "")]
            hint = f" (did you mean '{near[0]}'?)" if near else f" (known: {', '.join(KEYS)})"
            if own and key == "tool":
                hint = " (factlint.toml has its settings at the top level, without [tool.factlint])"
            raise bad(key, f"unknown setting{hint}")
        if key in ("rules", "paths"):
            setattr(settings, key, [_relative(base / p, cwd) for p in strings(key, value)])
            settings.rules_configured = settings.rules_configured or key == "rules"
        elif key in ("include", "exclude", "ignore"):
            setattr(settings, key, strings(key, value))
        elif key in ("force-exclude", "respect-gitignore"):
            if not isinstance(value, bool):
                raise bad(key, f"must be {KEYS[key]}, got {value!r}")
            setattr(settings, key.replace("-", "_"), value)
        elif key == "select":
            settings.select = strings(key, value)
        elif key == "fail-level":
            if value not in [str(s) for s in Severity]:
                raise bad(key, f"must be {KEYS[key]}, got {value!r}")
            settings.fail_level = value
        elif key == "output-format":
            if formats is not None and value not in formats:
                raise bad(key, f"must be one of {', '.join(formats)}, got {value!r}")
            settings.output_format = value
        elif key == "lang":
            if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", value):
                raise bad(key, f"must be {KEYS[key]}, got {value!r}")
            settings.lang = value.split("-")[0].lower()
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise bad(key, f"must be {KEYS[key]}")
            settings.per_file_ignores = {str(k): strings(key, v) for k, v in value.items()}
        elif key == "versions":
            if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
                raise bad(key, f"must be {KEYS[key]}")
            settings.versions = {str(k): v for k, v in value.items()}
    return settings


def _relative(path: Path, cwd: Path) -> str:
    """Print paths from the configuration relative to where the user stands, as given ones are."""
    try:
        return os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return str(path)
