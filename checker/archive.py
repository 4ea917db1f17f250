"""Articles as archives export them: folders of files, JSON Lines (plain or gzip) and Parquet.

An archive of ten million articles is not a folder of ten million files: a CMS exports one record
an article (``path``, ``text``, ``date``, ``lang``, ``story``; docs/api.md). This module plans the
work as partitions, each small enough for one task and described by where its articles are, not
by their text, wherever a worker can read that itself: a plain JSON Lines file is cut at line
boundaries into byte ranges, a Parquet file into its row groups, a folder into lists of paths.
Only a gzip file, which cannot be read from the middle, is read here and its records sent.
"""
from __future__ import annotations

import gzip
import io
import json
import os
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from .model import STORY_ID, FactlintError

KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonl.gz": "jsonl.gz", ".ndjson.gz": "jsonl.gz",
         ".parquet": "parquet"}
GLOBS = [f"*{suffix}" for suffix in KINDS]  # archive files inside the folders an audit walks
FIELDS = {"path": "a non-empty string", "text": "a string", "date": "a date such as 2024-05-02",
          "lang": "a language tag such as en", "story": "a story id"}
BLOCK = 1 << 20  # bytes read at a time when a JSON Lines file is cut into ranges


def kind_of(path: str) -> str | None:
    """"jsonl", "jsonl.gz" or "parquet" for an archive file, None for an article or a folder."""
    name = path.lower()
    return next((kind for suffix, kind in KINDS.items() if name.endswith(suffix)), None)


@dataclass(frozen=True)
class Record:
    """One article of an archive, with the metadata the archive gives."""

    path: str
    text: str
    story: str | None = None
    lang: str | None = None
    date: Any = None  # text or a date; read by api.parse_date


@dataclass(frozen=True)
class Part:
    """A partition: the articles one task checks, described so that its worker reads them itself."""

    number: int
    files: tuple[tuple[str, str], ...] = ()  # (the path as reported, where to read it)
    records: tuple[Record | FactlintError, ...] = ()  # a gzip archive's, read by the planner
    archive: str | None = None  # a JSON Lines or Parquet file to read from ...
    shown: str | None = None  # ... and its path as messages give it
    start: int = 0  # JSON Lines: the byte range [start, end) and the line number of its first line
    end: int = 0
    first_line: int = 1
    row_group: int | None = None  # Parquet: the row group

    @property
    def size(self) -> int:
        return len(self.files) + len(self.records)

    def describe(self) -> tuple[str, str]:
        """Where the partition's articles are, for a message about all of them: (path, what)."""
        if self.files:
            last = f" to {self.files[-1][0]}" if len(self.files) > 1 else ""
            return self.files[0][0], f"{len(self.files)} article{'s' if len(self.files) > 1 else ''}{last}"
        if self.row_group is not None:
            return self.shown or "", f"row group {self.row_group}"
        if self.archive is not None:
            return self.shown or "", f"lines {self.first_line} and after (bytes {self.start}-{self.end})"
        first = next((r.path for r in self.records if isinstance(r, Record)), "")
        return first, f"{len(self.records)} records of a gzip archive from this one"


def plan(articles: Iterable[str], archives: Iterable[str], size: int,
         errors: "list[FactlintError] | None" = None) -> Iterator[Part]:
    """The partitions of the articles (files, in the order given) and of each archive, numbered
    in order. ``size`` articles a partition (a Parquet row group is one partition). An archive
    that cannot be read goes to ``errors`` (when given) and the next one is planned."""
    number = 0
    batch: list[tuple[str, str]] = []
    for path in articles:
        batch.append((path, os.path.abspath(path)))
        if len(batch) >= size:
            yield Part(number, files=tuple(batch))
            number, batch = number + 1, []
    if batch:
        yield Part(number, files=tuple(batch))
        number += 1
    for archive in archives:
        try:
            for part in _archive_parts(archive, size, number):
                yield part
                number += 1
        except FactlintError as e:  # reported as an unreadable file is; the other inputs are audited
            if errors is None:
                raise
            errors.append(e)


def _archive_parts(path: str, size: int, number: int) -> Iterator[Part]:
    kind = kind_of(path)
    full = os.path.abspath(path)
    if kind == "jsonl":
        for start, end, first in _line_ranges(path, size):
            yield Part(number, archive=full, shown=path, start=start, end=end, first_line=first)
            number += 1
    elif kind == "jsonl.gz":
        batch: list[Record | FactlintError] = []
        for item in _records(_open_gzip(path), path, 1):
            batch.append(item)
            if len(batch) >= size:
                yield Part(number, records=tuple(batch))
                number, batch = number + 1, []
        if batch:
            yield Part(number, records=tuple(batch))
    elif kind == "parquet":
        found = _parquet(path)
        names = set(found.schema_arrow.names)
        missing = [c for c in ("path", "text") if c not in names]
        if missing:
            raise FactlintError(f"the Parquet file has no column {' or '.join(repr(c) for c in missing)} (its columns: "
                                f"{', '.join(sorted(names)) or 'none'}; see docs/api.md)", path)
        for group in range(found.metadata.num_row_groups):
            yield Part(number, archive=full, shown=path, row_group=group)
            number += 1
    else:  # pragma: no cover - the caller sorts archives from articles with kind_of
        raise FactlintError("not an archive (.jsonl, .jsonl.gz, .parquet)", path)


def _line_ranges(path: str, size: int) -> Iterator[tuple[int, int, int]]:
    """Byte ranges of ``size`` lines each, and the number of each range's first line: the file is
    read once, in blocks, and only its line breaks counted."""
    try:
        f = open(path, "rb")
    except OSError as e:
        raise FactlintError(f"cannot read archive: {e.strerror or e}", path) from None
    with f:
        start, offset, line, lines = 0, 0, 1, 0
        while block := f.read(BLOCK):
            at = 0
            while (nl := block.find(b"\n", at)) >= 0:
                lines += 1
                at = nl + 1
                if lines == size:
                    yield start, offset + at, line
                    start, line, lines = offset + at, line + lines, 0
            offset += len(block)
        if offset > start:
            yield start, offset, line


def records_of(part: Part) -> Iterator[Record | FactlintError]:
    """The partition's articles as records (files are read by the caller), or the error of each
    record that cannot be one, with the archive's line (JSON Lines) or row (Parquet)."""
    if part.records:
        yield from part.records
    elif part.archive is not None and part.row_group is not None:
        yield from _parquet_records(part)
    elif part.archive is not None:
        try:
            with open(part.archive, "rb") as f:
                f.seek(part.start)
                data = f.read(part.end - part.start)
        except OSError as e:
            yield FactlintError(f"cannot read archive: {e.strerror or e}", part.shown)
            return
        yield from _records(io.BytesIO(data), part.shown or part.archive, part.first_line)


def _open_gzip(path: str) -> Any:
    try:
        return gzip.open(path, "rb")
    except OSError as e:
        raise FactlintError(f"cannot read archive: {e.strerror or e}", path) from None


def _records(stream: Any, shown: str, first_line: int) -> Iterator[Record | FactlintError]:
    number = first_line - 1
    try:
        for raw in stream:
            number += 1
            if not raw.strip():
                continue
            yield _record(raw, shown, number)
    except (OSError, EOFError, gzip.BadGzipFile) as e:  # a damaged gzip stream: what was read stands
        yield FactlintError(f"cannot read archive past this line: {e}", shown, number + 1, 1)


def _record(raw: bytes, shown: str, line: int) -> Record | FactlintError:
    if line == 1 and raw.startswith(b"\xef\xbb\xbf"):  # a BOM, as editors on Windows write one
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        column = len(raw[:e.start].decode("utf-8", "replace")) + 1
        return FactlintError(f"not valid UTF-8 (byte {e.start + 1} of the line: {e.reason})", shown, line, column)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        return FactlintError(f"not a JSON object: {e.msg}", shown, line, e.colno)
    except RecursionError:
        return FactlintError("not a JSON object: nested too deeply", shown, line, 1)
    return _checked(value, shown, line, None)


def _checked(value: Any, shown: str, line: int | None, row: int | None) -> Record | FactlintError:
    where = "" if row is None else f"row {row}: "

    def bad(why: str) -> FactlintError:
        return FactlintError(f"{where}{why}", shown, line, 1 if line is not None else None)

    if not isinstance(value, dict):
        return bad("a record must be a JSON object with 'path' and 'text'")
    for key in ("path", "text"):
        if key not in value:
            return bad(f"the record has no '{key}' ({FIELDS[key]})")
    for key in FIELDS:
        got = value.get(key)
        if key in ("date",) or got is None and key not in ("path", "text"):
            continue
        if not isinstance(got, str) or key == "path" and not got:
            return bad(f"'{key}' must be {FIELDS[key]}, got {_shown(got)}")
    story = value.get("story")
    if story is not None and not STORY_ID.fullmatch(story):
        return bad(f"'story' must be a story id (lower case letters, digits, '.', '_', '-'), got {_shown(story)}")
    lang = value.get("lang")
    if lang is not None:
        import re

        if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", lang):
            return bad(f"'lang' must be {FIELDS['lang']}, got {_shown(lang)}")
        lang = lang.replace("_", "-").split("-")[0].lower()
    from .api import parse_date

    try:
        parse_date(value.get("date"), "'date'")
    except FactlintError:
        return bad(f"'date' must be {FIELDS['date']}, got {_shown(value.get('date'))}")
    return Record(value["path"], value["text"], story, lang, value.get("date"))


def _shown(value: Any) -> str:
    """A bad value as JSON writes it (a Parquet cell may be bytes or a decimal: named by its type)."""
    text = json.dumps(value, ensure_ascii=True, default=lambda v: f"<{type(v).__name__}>")
    return text if len(text) <= 40 else text[:39] + "\u2026"


def _parquet(path: str) -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise FactlintError("reading Parquet needs pyarrow: pip install 'factlint[parquet]'", path) from None
    try:
        return pq.ParquetFile(path)
    except Exception as e:  # noqa: BLE001 - pyarrow's errors have no common base worth naming
        raise FactlintError(f"cannot read archive as Parquet: {e}", path) from None


def _parquet_records(part: Part) -> Iterator[Record | FactlintError]:
    assert part.archive is not None and part.row_group is not None
    shown = part.shown or part.archive
    try:
        table = _parquet(part.archive).read_row_group(part.row_group)
    except FactlintError as e:
        yield e
        return
    except Exception as e:  # noqa: BLE001
        yield FactlintError(f"cannot read row group {part.row_group}: {e}", shown)
        return
    first = sum(_parquet(part.archive).metadata.row_group(g).num_rows for g in range(part.row_group))
    columns = [c for c in FIELDS if c in table.column_names]
    data = {c: table.column(c).to_pylist() for c in columns}
    for i in range(table.num_rows):
        yield _checked({c: data[c][i] for c in columns if data[c][i] is not None or c in ("path", "text")},
                       shown, None, first + i + 1)
