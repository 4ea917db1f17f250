"""Stage 1: the rule index. Which rule files there are, which story each belongs to, and which
articles its ``files:`` globs claim, read without parsing or validating whole rule files.

A newsroom's repository holds thousands of stories; a run checks a few of them. The index reads
only a rule file's top-level ``story:`` and ``files:`` (and, for typo checks of ``--select``,
the fact ids), so that a run parses, validates and compiles only the files of the stories its
articles belong to. What it read is remembered per file by its stat (size, times, inode) in the
cache folder, so a pre-commit run with unchanged rules reads no rule file at all.
"""
from __future__ import annotations

import fnmatch
import functools
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from .model import STORY_ID, FactlintError, Origin, RuleErrors

if TYPE_CHECKING:
    from .cache import IndexMemo

# Regexes that start with a literal, which re finds by a fast scan: a pattern that starts with
# "^" (multiline) or a lookbehind is tried at every position, ten times slower on a rule file.
# Compiled on first use: a run whose rule files are all in the index memo never scans one.
TOP_LINE = r"\n(?=[^\s#])"  # a line that starts at column 0, not a comment
KEY = r"([A-Za-z_][\w-]*)[ \t]*:(?=[ \t\r\n]|$)"
# A fact's id ("- id: x", "id: x", "{id: x"): for the typo check of selectors only, so a form
# it misses costs at most that check, never a finding.
FACT_ID = r"id[\"']?[ \t]*:[ \t]*[\"']?([a-z0-9][a-z0-9-]*)"
WILDCARD = re.compile(r"[*?\[]")
RACY_NS = 2_000_000_000  # a file changed this recently may change again within its mtime's tick


@dataclass(frozen=True)
class Glob:
    pattern: str
    story: str
    origin: Origin


@dataclass
class RuleFile:
    path: str
    story: str | None  # None: newsroom-wide facts and entities, part of every story's scope
    origin: Origin | None  # where ``story:`` is written
    globs: list[Glob] = field(default_factory=list)
    fact_ids: list[str] = field(default_factory=list)


# A rule file as the index keeps it: {"stat", "story", "at", "globs": [[pattern, line, column,
# literal prefix], ...][, "ids"]}; the memo stores the same (the fact ids apart).
Record = dict[str, Any]


@dataclass(eq=False)  # identity: one per run
class RuleIndex:
    """The rule files in order, each as a plain record (what the memo stores): a one-file run asks
    for one story's files and the globs near one path, so nothing is built for the other files."""

    records: dict[str, Record]  # path -> record, in rule-file order
    root: Path
    memo: "IndexMemo | None" = None  # where the fact ids of records read from the memo are kept

    @functools.cached_property
    def files(self) -> list[RuleFile]:
        return [_from_json(path, r) for path, r in self.records.items()]

    @functools.cached_property
    def stories(self) -> dict[str, list[str]]:
        """Each story and its rule files; two files that name one story are one story's rules."""
        out: dict[str, list[str]] = {}
        for path, r in self.records.items():
            if r["story"] is not None:
                out.setdefault(r["story"], []).append(path)
        return out

    @functools.cached_property
    def shared(self) -> list[str]:
        return [path for path, r in self.records.items() if r["story"] is None]

    def files_of(self, story: str | None) -> list[str]:
        """The rule files of a story's scope: the newsroom-wide ones first, then its own."""
        return self.shared + (self.stories.get(story, []) if story is not None else [])

    def story_of(self, path: str) -> str | None:
        return self.records[path]["story"]

    @functools.cached_property
    def _by_prefix(self) -> dict[str, list[tuple[str, str, int]]]:
        """Globs (pattern, file, item) by the literal text before their first wildcard: an article
        is matched only against the globs whose prefix its path starts with, not every story's."""
        out: dict[str, list[tuple[str, str, int]]] = {}
        for path, r in self.records.items():
            for i, (pattern, _, _, prefix) in enumerate(r["globs"]):
                out.setdefault(prefix, []).append((pattern, path, i))
        return out

    def relative(self, path: str) -> str:
        """The article's path as globs see it: relative to the project root, with "/"."""
        full = os.path.abspath(path)
        root = str(self.root)
        inside = full.startswith(root.rstrip(os.sep) + os.sep)
        rel = full[len(root.rstrip(os.sep)) + 1:] if inside else os.path.normpath(path)
        return rel.replace(os.sep, "/")

    def matching(self, path: str) -> list[Glob]:
        """Every glob that matches the article, in rule-file order."""
        rel = self.relative(path)
        prefixes = self._by_prefix
        found = [(file, i) for k in range(len(rel) + 1) for pattern, file, i in prefixes.get(rel[:k], ())
                 if glob_matches(rel, pattern)]
        order = {p: n for n, p in enumerate(self.records)} if len(found) > 1 else {}
        out = []
        for file, i in sorted(found, key=lambda fi: (order.get(fi[0], 0), fi[1])):
            pattern, line, column, _ = self.records[file]["globs"][i]
            out.append(Glob(pattern, self.records[file]["story"], Origin(file, line, column)))
        return out

    def claims(self, path: str) -> list[Glob]:
        """The globs that claim the article, one per story (its first), in rule-file order."""
        found: dict[str, Glob] = {}
        for g in self.matching(path):
            found.setdefault(g.story, g)
        return list(found.values())

    def fact_keys(self) -> set[str]:
        """Every fact as reports print it (``STORY/ID`` or ``ID``), for checking selectors. The ids
        are kept apart in the memo: only a run with selectors reads them."""
        kept = self.memo.load_ids() if self.memo is not None else {}
        keys = set()
        for path, r in self.records.items():
            ids = r.get("ids")
            if ids is None:
                old = kept.get(path)
                if old is not None and old.get("stat") == r["stat"]:
                    ids = old["ids"]
                else:
                    with open(path, "rb") as fh:
                        ids = scan(path, fh.read()).fact_ids
            keys.update(f"{r['story']}/{i}" if r["story"] else i for i in ids)
        return keys


def glob_matches(rel: str, pattern: str) -> bool:
    """``*`` matches across folders (as fnmatch does), and a leading ``**/`` may match none."""
    if fnmatch.fnmatchcase(rel, pattern):
        return True
    return pattern.startswith("**/") and fnmatch.fnmatchcase(rel, pattern[3:])


def matches(key: str, pattern: str) -> bool:
    """Whether a selector (``--select``, ``--ignore``, ``per-file-ignores``, a suppression) names
    the fact printed as ``key``: with a "/" it is matched against ``STORY/ID``; without one,
    against the fact's own id, in whichever story."""
    if "/" in pattern:
        return fnmatch.fnmatchcase(key, pattern)
    return fnmatch.fnmatchcase(key[key.rfind("/") + 1:], pattern)


# --------------------------------------------------------------------------- building

def walk_rule_files(paths: Iterable[str]) -> list[str]:
    """The rule files the settings name: folders are searched for *.yaml and *.yml (hidden
    folders skipped), by ``os.walk``, whose entries know their type without a stat each."""
    files: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            found = []
            for top, dirs, names in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found += [os.path.join(top, n) for n in names if n.endswith((".yaml", ".yml"))]
            if not found:
                raise FactlintError("no rule files (*.yaml, *.yml) in this folder", p)
            files += sorted(found)
        elif os.path.isfile(p):
            files.append(p)
        else:
            raise FactlintError("no such rule file or folder", p)
    return files


def build_index(paths: Iterable[str], root: Path, memo: "IndexMemo | None" = None) -> RuleIndex:
    """The index of the rule files ``paths`` name; an unreadable file or a bad ``story:`` or
    ``files:`` is exit 2 (which articles it claims cannot be known), every error at once."""
    files = walk_rule_files(paths)
    known: dict[str, Any] = (memo.load() if memo is not None else None) or {}
    records: dict[str, Record] = {}
    errors: list[FactlintError] = []
    keep: dict[str, Any] = {}
    now = time.time_ns()
    changed = False
    for path in files:
        try:
            st = os.stat(path)
        except OSError as e:
            errors.append(FactlintError(f"cannot read rule file: {e.strerror or e}", path))
            continue
        stamp = f"{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_size}:{st.st_ino}"
        old = known.get(path)
        if old is not None and old.get("stat") == stamp:  # the memo's name is keyed by factlint's code:
            # its entries have this code's layout
            records[path] = old
            keep[path] = old
            continue
        changed = True
        try:
            with open(path, "rb") as fh:
                entry = scan(path, fh.read())
        except OSError as e:
            errors.append(FactlintError(f"cannot read rule file: {e.strerror or e}", path))
            continue
        except RuleErrors as e:
            errors += e.errors
            continue
        except FactlintError as e:
            errors.append(e)
            continue
        records[path] = record = {"stat": stamp, **_to_json(entry)}
        if now - max(st.st_mtime_ns, st.st_ctime_ns) > RACY_NS:
            keep[path] = record
    if errors:
        raise RuleErrors(errors)
    if memo is not None and (changed or len(keep) != len(known)):
        ids = memo.load_ids()
        memo.save({p: {k: v for k, v in r.items() if k != "ids"} for p, r in keep.items()},
                  {p: {"stat": r["stat"], "ids": r["ids"]} if "ids" in r else ids[p]
                   for p, r in keep.items() if "ids" in r or p in ids})
    return RuleIndex(records, root, memo)


def _to_json(f: RuleFile) -> dict[str, Any]:
    return {"story": f.story, "at": [f.origin.line, f.origin.column] if f.origin else None,
            "globs": [[g.pattern, g.origin.line, g.origin.column, _literal_prefix(g.pattern)] for g in f.globs],
            "ids": f.fact_ids}


def _literal_prefix(pattern: str) -> str:
    """The text before a glob's first wildcard: the article paths it can match start with it."""
    m = WILDCARD.search(pattern)
    return pattern[:m.start()] if m else pattern


def _from_json(path: str, d: Record) -> RuleFile:
    story = d["story"]
    origin = Origin(path, *d["at"]) if d["at"] else None
    globs = [Glob(p, story, Origin(path, line, col)) for p, line, col, _ in d["globs"]]
    return RuleFile(path, story, origin, globs, list(d.get("ids", [])))


def key_at(text: str, at: int) -> "re.Match[str] | None":
    return re.compile(KEY).match(text, at)  # re keeps the compiled pattern


def scan(path: str, raw: bytes) -> RuleFile:
    """A rule file's story, globs and fact ids. The top-level ``story:`` and ``files:`` entries are
    cut out of the text and parsed alone (a rule file of thousands of lines is not parsed for two
    keys); a file whose top level is not plain block keys is parsed whole."""
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        from .article import decode

        decode(raw, path)  # raises the error with the line and column of the bad byte
        raise
    keys: list[tuple[str, int, int]] = []  # key, offset, line
    starts = [0] if text[:1] not in ("", "#", " ", "\t", "\r", "\n") else []
    starts += [m.end() for m in re.finditer(TOP_LINE, text)]
    line, last = 1, 0
    for at in starts:
        line += text.count("\n", last, at)
        last = at
        m = key_at(text, at)
        if m is not None:
            keys.append((m.group(1), at, line))
        elif text[at:at + 3] not in ("---", "...") or text[at + 3:at + 4].strip():
            return _scan_whole(path, text)  # a flow mapping, a quoted key, a second document...
    names = [k for k, _, _ in keys]
    if len(set(names)) != len(names):
        return _scan_whole(path, text)  # the schema's "duplicate key" message, from the whole parse
    data: dict[str, Any] = {}
    marks: dict[tuple, Origin] = {}
    facts_at = len(text)
    for i, (key, start, first_line) in enumerate(keys):
        end = keys[i + 1][1] if i + 1 < len(keys) else len(text)
        if key == "facts":
            facts_at = start
        if key not in ("story", "files"):
            continue
        plain = _plain(key, text[start:end])
        if plain is not None:  # the common forms, read without YAML (a one-file run never imports it)
            data[key], found = plain
            marks.update((at, Origin(path, n + first_line - 1, col)) for at, (n, col) in found.items())
            continue
        from .yamlload import parse_yaml

        try:
            doc = parse_yaml(text[start:end], path)
        except FactlintError:
            return _scan_whole(path, text)  # an alias to an anchor elsewhere; or bad YAML, said whole
        if not isinstance(doc.data, dict) or key not in doc.data:
            return _scan_whole(path, text)
        data[key] = doc.data[key]
        for at, o in doc.marks.items():
            marks[at] = Origin(path, o.line + first_line - 1, o.column)
    ids = [m.group(1) for m in re.compile(FACT_ID).finditer(text, facts_at)
           if not (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_")]
    return _entry(path, data, marks, ids)


# The forms of `story:` and `files:` that rule files use, which YAML reads as these strings: a story
# id that starts with a letter and is no YAML 1.1 boolean or null; a flow list of double-quoted
# globs without escapes; a block list of such globs, or of plain ones that start with a letter, a
# digit-free path character or "_" and hold no space, ":" or "#". Anything else is read by YAML.
_END = r"(?:[ \t]+#[^\n]*)?(?:\r?\n|\Z)(?:[ \t]*(?:#[^\n]*)?(?:\r?\n|\Z))*\Z"
_PLAIN_STORY = re.compile(r"story:[ \t]+([a-z][a-z0-9._-]*)" + _END)
_FLOW_FILES = re.compile(r'files:[ \t]*\[[ \t]*("[^"\\\n]*"(?:[ \t]*,[ \t]*"[^"\\\n]*")*)[ \t]*,?[ \t]*\]' + _END)
_QUOTED = re.compile(r'"[^"\\\n]*"')
_BLOCK_ITEM = re.compile(r'( *)- (?:"([^"\\\n]*)"|([A-Za-z_/][^\s#:,\[\]{}"\'\\]*))(?:[ \t]+#[^\n]*)?[ \t]*$')
_NOT_STRINGS = {"yes", "no", "true", "false", "on", "off", "null"}


def _plain(key: str, snippet: str) -> tuple[Any, dict[tuple, tuple[int, int]]] | None:
    """``key``'s value and its marks (line within the snippet, column), when the snippet is one of
    the plain forms above; None otherwise (YAML reads it)."""
    if key == "story":
        m = _PLAIN_STORY.match(snippet)
        if m is None or m.group(1) in _NOT_STRINGS:
            return None
        return m.group(1), {("story",): (1, m.start(1) + 1), ("story", "<key>"): (1, 1)}
    m = _FLOW_FILES.match(snippet)
    if m is not None:
        marks = {("files",): (1, snippet.index("[") + 1), ("files", "<key>"): (1, 1)}
        globs = []
        for i, q in enumerate(_QUOTED.finditer(snippet, m.start(1), m.end(1))):
            globs.append(q.group()[1:-1])
            marks[("files", i)] = (1, q.start() + 1)
        return globs, marks
    lines = snippet.splitlines()
    if lines[0].rstrip() != "files:" and not re.fullmatch(r"files:[ \t]+#.*", lines[0]):
        return None
    globs, marks = [], {("files", "<key>"): (1, 1)}
    indent = None
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _BLOCK_ITEM.match(line)
        if item is None or (indent is not None and item.group(1) != indent) or not item.group(1):
            return None
        indent = item.group(1)
        value = item.group(2) if item.group(2) is not None else item.group(3)
        if item.group(3) is not None and value.lower() in _NOT_STRINGS:
            return None
        if not globs:
            marks[("files",)] = (n, len(indent) + 1)
        marks[("files", len(globs))] = (n, len(indent) + 3)
        globs.append(value)
    return (globs, marks) if globs else None


def _scan_whole(path: str, text: str) -> RuleFile:
    from .yamlload import parse_yaml

    doc = parse_yaml(text, path)
    if not isinstance(doc.data, dict):
        raise FactlintError("a rule file must be a mapping with 'entities' and 'facts'", path, 1, 1)
    facts = doc.data.get("facts")
    ids = [f["id"] for f in facts if isinstance(f, dict) and isinstance(f.get("id"), str)] \
        if isinstance(facts, list) else []
    return _entry(path, doc.data, doc.marks, ids)


def _entry(path: str, data: dict[str, Any], marks: dict[tuple, Origin], ids: list[str]) -> RuleFile:
    errors = []

    def at(*keys: Any) -> Origin:
        return marks.get(keys) or marks.get(keys[:1]) or Origin(path, 1, 1)

    story = data.get("story")
    if story is not None and not (isinstance(story, str) and STORY_ID.fullmatch(story)):
        o = at("story")
        why = f"must be a story id (lower-case letters, digits, '.', '_' and '-'), got {story!r}" \
            if isinstance(story, str) else f"must be of type string, got {type(story).__name__}"
        errors.append(FactlintError(f"'story' {why}", o.path, o.line, o.column))
        story = None
    files = data.get("files")
    globs: list[Glob] = []
    if files is not None:
        if not isinstance(files, list) or not files:
            o = at("files")
            errors.append(FactlintError("'files' must be a list of glob patterns", o.path, o.line, o.column))
        elif data.get("story") is None:
            o = at("files")
            errors.append(FactlintError("'files' needs 'story': the globs say which articles belong to the "
                                        "story", o.path, o.line, o.column))
        else:
            for i, g in enumerate(files):
                o = at("files", i)
                if not isinstance(g, str) or not g.strip():
                    errors.append(FactlintError(f"'files' item must be a glob pattern, got {g!r}",
                                                o.path, o.line, o.column))
                elif story is not None:
                    globs.append(Glob(g.strip().removeprefix("./"), story, o))
    if errors:
        raise RuleErrors(errors)
    return RuleFile(path, story, at("story") if story is not None else None, globs, ids)
