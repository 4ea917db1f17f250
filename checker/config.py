"""Settings from ``[tool.factlint]`` in the nearest pyproject.toml that has that table.

Found by walking up from the working directory, as ruff does; paths in it are relative
to the file that names them; command-line flags override it. A bad setting is exit 2
with the file, the line of the key and the reason.
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
    "fail-level": "one of error, warning, info",
    "select": "a list of fact ids or glob patterns",
    "ignore": "a list of fact ids or glob patterns",
    "per-file-ignores": "a table of glob pattern = list of fact ids",
    "lang": "a language tag such as en",
    "output-format": "one of the output formats",
    "versions": "a table of glob pattern = the path of the source those articles were made from",
}
DEFAULT_INCLUDE = ["*.txt", "*.md", "*.markdown"]


@dataclass
class Settings:
    rules: list[str] = field(default_factory=lambda: ["rules"])
    paths: list[str] = field(default_factory=lambda: ["seeds"])
    include: list[str] = field(default_factory=lambda: list(DEFAULT_INCLUDE))
    exclude: list[str] = field(default_factory=list)
    fail_level: str = "error"
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)  # article glob -> its source, relative to the project
    lang: str | None = None
    output_format: str = "text"
    source: Path | None = None


def find_pyproject(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                text = candidate.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if re.search(r"^\s*\[tool\.factlint\]", text, re.MULTILINE):
                return candidate
    return None


def _key_line(text: str, key: str) -> int:
    """The line of a key inside [tool.factlint], for messages (TOML parsers give no positions)."""
    section = re.search(r"^\s*\[tool\.factlint\]", text, re.MULTILINE)
    start = section.end() if section else 0
    m = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=", re.MULTILINE).search(text, start)
    if not m:
        return text.count("\n", 0, start) + 1
    return text.count("\n", 0, m.start()) + 1 + (1 if text[m.start()] == "\n" else 0)


def load_settings(cwd: Path | None = None, formats: list[str] | None = None) -> Settings:
    cwd = cwd or Path.cwd()
    path = find_pyproject(cwd)
    settings = Settings()
    if path is None:
        return settings
    if sys.version_info >= (3, 11):  # imported here: a run without [tool.factlint] never needs it
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    text = path.read_text(encoding="utf-8")
    shown = os.path.relpath(path, cwd) if path.is_relative_to(cwd) else str(path)
    try:
        table = tomllib.loads(text).get("tool", {}).get("factlint", {})
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"line (\d+), column (\d+)", str(e))
        line, col = (int(m[1]), int(m[2])) if m else (1, 1)
        raise FactlintError(f"invalid TOML: {e}", shown, line, col) from None
    settings.source = path

    def bad(key: str, why: str) -> FactlintError:
        return FactlintError(f"[tool.factlint] '{key}': {why}", shown, _key_line(text, key), 1)

    def strings(key: str, value: Any) -> list[str]:
        if isinstance(value, str) and key == "rules":
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(key, f"must be {KEYS[key]}")
        return list(value)

    base = path.parent
    for key, value in table.items():
        if key not in KEYS:
            near = [k for k in KEYS if k.replace("-", "_") == key or k.replace("-", "") == key.replace("_", "")]
            hint = f" (did you mean '{near[0]}'?)" if near else f" (known: {', '.join(KEYS)})"
            raise bad(key, f"unknown setting{hint}")
        if key in ("rules", "paths"):
            setattr(settings, key, [_relative(base / p, cwd) for p in strings(key, value)])
        elif key in ("include", "exclude", "ignore"):
            setattr(settings, key, strings(key, value))
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
