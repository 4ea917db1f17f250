"""Stage 1: load rule files into entities and facts, or fail with file, line and column.

YAML is composed into nodes (never constructed from arbitrary tags) so that every
value keeps the line and column it was written at; schema errors, duplicate keys
and unknown references are all reported there.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Protocol

import regex

from .language import FORMAT_CHARS, HAN, Language, Terms, build_languages, chinese_forms, know_chinese_forms, \
    with_chinese_variants
from .article import BOM, decode
from .yamlload import JsonPath, Marks, _Doc, parse_yaml  # noqa: F401 - parse_yaml is this stage's API too
from .model import FactlintError, Origin, RuleErrors, Severity, Span

SCHEMA_PATH = Path(__file__).parent / "data" / "rules.schema.json"
PATTERN_TIMEOUT = 0.5  # seconds, per match call on one sentence
# When the article being checked must be done (time.monotonic()), and what to say then; set by
# check.check_article. Asked once a sentence and fact, where a slow article spends its time.
DEADLINE: "list[tuple[float, str] | None]" = [None]


@dataclass
class Entity:
    id: str
    type: str
    name: str
    aliases: list[str]
    titles: list[str]
    origin: Origin
    roles: list[dict[str, Any]] = field(default_factory=list)  # as written: {role, of, former, ...}, "<at>": Origin

    @property
    def names(self) -> list[str]:
        return [self.name, *self.aliases]


@dataclass
class Source:
    name: str
    url: str = ""
    date: str = ""
    quote: str = ""

    def __str__(self) -> str:
        return f"{self.name} <{self.url}>" if self.url else self.name


@dataclass
class Applies:
    """When a sentence is a claim about a fact: trigger terms, patterns and exclusions."""

    any: list[str] = field(default_factory=list)
    all: list[str] = field(default_factory=list)
    patterns: list[Any] = field(default_factory=list)  # compiled regex patterns
    exclude: list[str] = field(default_factory=list)
    exclude_patterns: list[Any] = field(default_factory=list)
    fact_id: str = ""
    origin: Origin | None = None

    @functools.cached_property
    def _any(self) -> "regex.Pattern[str] | None":
        return terms_pattern(self.any)

    @functools.cached_property
    def _all(self) -> list["regex.Pattern[str]"]:
        return [p for p in (terms_pattern([t]) for t in self.all) if p is not None]

    @functools.cached_property
    def _exclude(self) -> "regex.Pattern[str] | None":
        return terms_pattern(self.exclude)

    @property
    def gate(self) -> "Terms | None":
        """A term list that every sentence about this fact holds a match of, when there is one:
        sentences without such a match are skipped without asking ``triggers``."""
        if self.patterns:
            return None
        if self._any is not None:
            return self._any
        return self._all[0] if self._all else None

    @property
    def is_empty(self) -> bool:
        return not (self.any or self.all or self.patterns)

    def triggers(self, text: str, span: Span, matches: "Matches | None" = None) -> list[Span]:
        """Where ``text[span]`` says it is about this fact; empty when it is not (or is excluded).

        ``matches`` gives a term pattern's matches in the whole article, found once and shared by
        every sentence and fact; without it the sentence is searched on its own."""
        deadline = DEADLINE[0]
        if deadline is not None and time.monotonic() > deadline[0]:
            where = f"{self.origin}: " if self.origin else ""
            raise FactlintError(f"{where}fact '{self.fact_id}': {deadline[1]}")

        def inside(pattern: "regex.Pattern[str]") -> list[Span]:
            if matches is None:
                return [Span(m.start(), m.end()) for m in pattern.finditer(text, span.start, span.end)]
            return within(matches(pattern), span)

        hits: list[Span] = []
        if self._any is not None:
            hits += inside(self._any)
        for p in self.patterns:
            hits += [Span(m.start(), m.end()) for m in self._run(p, text, span)]
        if (self.any or self.patterns) and not hits:
            return []
        for p in self._all:
            found = inside(p)
            if not found:
                return []
            hits += found
        if not hits and self.is_empty:
            hits = [span]
        if self._exclude is not None and inside(self._exclude):
            return []
        for p in self.exclude_patterns:
            if self._run(p, text, span, first=True):
                return []
        return sorted(hits)

    def _run(self, pattern: Any, text: str, span: Span, first: bool = False) -> list[Any]:
        try:
            if first:
                m = pattern.search(text, span.start, span.end, timeout=PATTERN_TIMEOUT)
                return [m] if m else []
            return list(pattern.finditer(text, span.start, span.end, timeout=PATTERN_TIMEOUT))
        except TimeoutError:
            where = f"{self.origin}: " if self.origin else ""
            raise FactlintError(f"{where}fact '{self.fact_id}': pattern {pattern.pattern!r} took longer than "
                                f"{PATTERN_TIMEOUT}s on one sentence (catastrophic backtracking?)") from None


Matches = Callable[["regex.Pattern[str]"], list[Span]]


def within(spans: list[Span], span: Span) -> list[Span]:
    """The spans (sorted by start) that lie inside ``span``."""
    lo = bisect.bisect_left(spans, Span(span.start, span.start))
    out = []
    for i in range(lo, len(spans)):  # by index: a slice would copy the rest of the article's spans
        s = spans[i]
        if s.start >= span.end:
            break
        if s.end <= span.end:
            out.append(s)
    return out


ARABIC_WORD = regex.compile(r"\p{Arabic}{3}")


@functools.lru_cache(maxsize=512)  # a story's term lists are its own: a run over many stories must not keep them all
def _terms_pattern(terms: tuple[str, ...]) -> "Terms | None":
    if not terms:
        return None

    def body(term: str) -> str:
        # re.escape: the same escapes (regex reads them alike), without regex.escape's Python loop
        escaped = re.escape(term.rstrip("*")).replace(r"\ ", r"\s+") + (r"\w*" if term.endswith("*") else "")
        if ARABIC_WORD.match(term) and not term.startswith("\u0627\u0644"):
            # An Arabic noun takes the article: "مساعدات" is also "المساعدات", "للمساعدات"
            escaped = "(?:\u0627\u0644|\u0644)?" + escaped
        if ARABIC_WORD.search(term[-3:]) and not term.endswith("*"):
            # and the accusative alif or a pronoun after it: "تعاونا", "تعاونه", "تعاونهم"
            escaped += "(?:\u0627|\u0647|\u0647\u0627|\u0647\u0645\u0627|\u0647\u0645)?"
        return escaped

    return Terms(terms, body, regex.IGNORECASE)


def terms_pattern(terms: Iterable[str]) -> "Terms | None":
    """Case-insensitive whole-word terms; a trailing ``*`` matches any ending ("invad*")."""
    return _terms_pattern(tuple(terms))


@dataclass
class Fact:
    id: str
    kind: str
    message: str
    severity: Severity
    sources: list[Source]
    applies: Applies
    langs: list[str] | None
    spec: dict[str, Any]
    origin: Origin
    marks: Marks
    story: str | None = None  # None: a newsroom-wide fact, in a rule file that names no story

    @property
    def key(self) -> str:
        """The id printed in reports, unambiguous across stories: ``STORY/ID``, or ``ID`` for a
        newsroom-wide fact."""
        return f"{self.story}/{self.id}" if self.story else self.id

    def where(self, *keys: Any) -> Origin:
        """The position of a key inside this fact, or the fact itself."""
        return self.marks.get(keys, self.origin)

    def error(self, message: str, *keys: Any) -> FactlintError:
        o = self.where(*keys)
        return FactlintError(f"fact '{self.id}': {message}", o.path, o.line, o.column)


@dataclass
class RuleSet:
    entities: dict[str, Entity]
    facts: list[Fact]
    languages: dict[str, Language]
    files: list[str]
    story: str | None = None  # the story of this scope; None: the newsroom-wide rules alone
    lexicon_blocks: list[dict[str, Any]] = field(default_factory=list)  # rule files' `lexicon:`, in order

    def lookup(self, key: str) -> "tuple[Fact, RuleSet] | None":
        """The fact printed as ``key``, and the rules it was read with (for reports that describe it)."""
        fact = self._by_key.get(key)
        return None if fact is None else (fact, self)

    @functools.cached_property
    def _by_key(self) -> dict[str, Fact]:
        return {f.key: f for f in self.facts}

    def language(self, code: str | None) -> Language:
        return self.languages.get(code or "en") or self.languages["en"]

    # Derived once per run, not once per article: every article asks for them.
    @functools.cached_property
    def names(self) -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
        """Every (name or alias, entity id), and the entity of each name."""
        pairs = tuple((n, e.id) for e in self.entities.values() for n in e.names)
        return pairs, dict(pairs)

    @functools.cached_property
    def person_ids(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entities.values() if e.type == "person")

    def ids_not_of(self, entity_type: str) -> frozenset[str]:
        found = self._not_of.get(entity_type)
        if found is None:
            found = self._not_of[entity_type] = frozenset(
                e.id for e in self.entities.values() if e.type != entity_type)
        return found

    @functools.cached_property
    def _not_of(self) -> dict[str, frozenset[str]]:
        return {}


# --------------------------------------------------------------------------- YAML with positions

# --------------------------------------------------------------------------- schema

@functools.lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _strict_schema() -> dict[str, Any]:
    """The schema as Python's validators must read it: a pattern's final ``$`` matches before a
    trailing line break in Python (not in the ECMA-262 regexes JSON Schema means), so an id
    "x\\n" passed and broke every report; ``\\Z`` is the end of the string."""
    def strict(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: (v[:-1] + r"\Z" if k == "pattern" and isinstance(v, str) and v.endswith("$")
                        and not v.endswith("\\$") else strict(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [strict(v) for v in node]
        return node

    return strict(schema())


@functools.lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema  # imported only when rules are validated

    return jsonschema.Draft202012Validator(_strict_schema())


@functools.lru_cache(maxsize=1)
def keys_of_kinds() -> dict[str, frozenset[str]]:
    """Each kind's keys, common ones included, as the schema's branch for that kind allows them."""
    keys = {}
    for branch in schema()["$defs"]["fact"]["allOf"]:
        kind = branch["if"]["properties"]["kind"]["const"]
        keys[kind] = frozenset(branch["then"]["propertyNames"]["enum"])
    return keys


def _did_you_mean(word: str, known: list[Any]) -> str:
    """" (did you mean 'facts'?)" for a key one or two letters off a known one; else nothing."""
    import difflib

    close = difflib.get_close_matches(word, [str(k) for k in known], n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(error: Any, data: Any) -> tuple[JsonPath, str]:
    """A short, specific message for a schema error, and the path it is about."""
    at = tuple(error.absolute_path)
    key = next((p for p in reversed(at) if isinstance(p, str)), None)
    v = error.validator
    if "propertyNames" in error.relative_schema_path and isinstance(error.instance, str):
        container = _get(data, at)
        kind = container.get("kind") if isinstance(container, dict) else None
        allowed = error.validator_value if error.validator == "enum" and isinstance(error.validator_value, list) else []
        name = error.instance
        if isinstance(kind, str) and kind in keys_of_kinds() and any(name in keys for keys in keys_of_kinds().values()):
            return at + (name, "<key>"), f"unknown key '{name}' for a fact of kind '{kind}'"  # another kind's key
        takes = f" (a fact of kind '{kind}' takes {', '.join(sorted(allowed))})" if isinstance(kind, str) and \
            kind in keys_of_kinds() else f" (expected one of {', '.join(sorted(allowed))})" if allowed else ""
        return at + (name, "<key>"), f"unknown key '{name}'{_did_you_mean(name, allowed)}{takes}"
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return at, f"missing required key '{missing}'"
    if v == "additionalProperties":
        inst = error.instance
        allowed = sorted(error.schema.get("properties", {}))
        unknown = sorted(set(inst) - set(allowed), key=str) if isinstance(inst, dict) else []
        name = unknown[0] if unknown else "?"
        return at + (name, "<key>"), \
            f"unknown key '{name}'{_did_you_mean(str(name), allowed)} (expected one of {', '.join(allowed)})"
    if v == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        label = f"'{key}'" if key else "value"
        return at, f"{label} must be one of {options}"
    if v == "type":
        label = f"'{key}'" if key else "value"
        return at, f"{label} must be of type {error.validator_value}, got {type(error.instance).__name__}"
    if v == "pattern":
        label = f"'{key}'" if key else "value"
        hint = " (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM+HH:MM)" if key == "expected" else ""
        pattern = error.validator_value.removesuffix(r"\Z") + "$" if error.validator_value.endswith(r"\Z") \
            else error.validator_value  # as the schema file writes it
        return at, f"{label} {error.instance!r} does not match {pattern}{hint}"
    if v == "minItems":
        return at, f"'{key}' must not be empty"
    label = f"'{key}'" if key else "value"
    return at, f"{label}: {error.message}"


def _get(data: Any, at: JsonPath) -> Any:
    for p in at:
        try:
            data = data[p]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _fact_label(data: Any, at: JsonPath) -> str:
    if len(at) >= 2 and at[0] == "facts" and isinstance(at[1], int):
        fact = _get(data, at[:2])
        if isinstance(fact, dict) and isinstance(fact.get("id"), str):
            return f"fact '{fact['id']}': "
        return f"fact #{at[1] + 1}: "
    if len(at) >= 2 and at[0] == "entities":
        return f"entity '{at[1]}': "
    return ""


@functools.lru_cache(maxsize=1)
def _accepts() -> Callable[[Any], Any]:
    """The schema compiled to Python by fastjsonschema: about twenty times faster than jsonschema,
    which matters when a run loads hundreds of stories' rule files. It only ever accepts a file;
    a file it refuses is validated again by jsonschema, whose errors give the messages (and which
    has the last word: the tests check that the two agree on every schema fixture and on
    thousands of mutated rule files)."""
    import fastjsonschema

    return fastjsonschema.compile(_strict_schema())


def validate(doc: _Doc, path: str) -> list[FactlintError]:
    try:
        _accepts()(doc.data)
        return []
    except Exception:  # noqa: BLE001 - refused, or something fastjsonschema cannot judge: ask jsonschema
        pass
    errors = []
    for error in sorted(_validator().iter_errors(doc.data), key=lambda e: (list(map(str, e.absolute_path)), e.validator)):
        if error.validator in ("allOf", "if", "then", "oneOf") and error.context:
            # the deepest error, and of a branch of the right type ("unknown key" beats "must be a string")
            error = min(error.context, key=lambda e: (-len(list(e.absolute_path)), e.validator == "type"))
        at, message = _describe(error, doc.data)
        origin = doc.marks.get(at) or doc.marks.get(tuple(p for p in at if p != "<key>")) or \
            doc.marks.get(tuple(error.absolute_path)) or Origin(path, 1, 1)
        errors.append(FactlintError(_fact_label(doc.data, tuple(error.absolute_path)) + message,
                                    origin.path, origin.line, origin.column))
    # keep one message per position: nested schema branches often repeat themselves
    unique: dict[tuple, FactlintError] = {}
    for e in errors:
        unique.setdefault((e.line, e.column), e)
    return sorted(unique.values(), key=lambda e: (e.line or 0, e.column or 0))


# --------------------------------------------------------------------------- loading

class SchemaMemo(Protocol):
    """Rule file contents already found valid: the schema check (and jsonschema's import) is
    skipped for them. The result cache keeps them, under the same key as its entries."""

    def seen(self, raw: bytes, path: str) -> bool: ...

    def remember(self, raw: bytes, path: str) -> None: ...


Parsed = "OrderedDict[tuple[str, bytes], _Doc]"  # rule files parsed and found valid in this run
PARSED_KEPT = 16  # enough to keep the newsroom-wide files, read again for every story, and a few stories


def load_rules(paths: Iterable[str], memo: SchemaMemo | None = None,
               meanwhile: Callable[[], object] | None = None) -> RuleSet:
    """The rules of the files ``paths`` name, as one story's scope: the files may name one story
    (and the newsroom-wide files, which name none). Several stories are the index's to load."""
    from .index import walk_rule_files

    files = walk_rule_files(paths)
    docs = read_docs(files, memo, meanwhile)
    stories = sorted({doc.data["story"] for _, doc in docs if isinstance(doc.data.get("story"), str)})
    if len(stories) > 1:
        raise FactlintError(f"these rule files belong to {len(stories)} stories ({', '.join(stories)}); "
                            "each story is checked with its own rules", files[0])
    return assemble(docs, stories[0] if stories else None)


def load_scope(files: list[str], story: str | None, memo: SchemaMemo | None = None,
               meanwhile: Callable[[], object] | None = None, parsed: "Parsed | None" = None) -> RuleSet:
    """One story's rules: its own files and the newsroom-wide ones, already chosen by the index."""
    return assemble(read_docs(files, memo, meanwhile, parsed), story)


def read_docs(files: list[str], memo: SchemaMemo | None = None,
              meanwhile: Callable[[], object] | None = None,
              parsed: "Parsed | None" = None) -> list[tuple[str, _Doc]]:
    """Parse and validate rule files; raise every error found, in file order.

    ``meanwhile`` is work of the caller's that does not need the rules (compiling the date
    patterns): it runs here while two child processes check the schema and convert the Chinese
    terms, the two slow parts of loading (see ``aside``). Without it all runs in this process.
    A file already in ``parsed`` (the run's) with the same bytes is not parsed again: the
    newsroom-wide files are part of every story's scope."""
    if parsed is None:
        parsed = OrderedDict()
    errors: list[FactlintError] = []
    docs: list[tuple[str, _Doc]] = []
    unchecked: list[tuple[str, bytes, _Doc]] = []
    fresh: list[tuple[str, bytes, _Doc]] = []
    for f in files:
        try:
            raw = Path(f).read_bytes()
        except OSError as e:
            errors.append(FactlintError(f"cannot read rule file: {e.strerror or e}", f))
            continue
        known = parsed.get((f, raw))
        if known is not None:
            parsed.move_to_end((f, raw))
            docs.append((f, known))
            continue
        try:
            text = decode(raw, f).removeprefix(BOM)
            doc = parse_yaml(text, f)
        except FactlintError as e:
            errors.append(e)
            continue
        if not isinstance(doc.data, dict):
            errors.append(FactlintError("a rule file must be a mapping with 'entities' and 'facts'", f, 1, 1))
            continue
        docs.append((f, doc))
        fresh.append((f, raw, doc))
        if memo is None or not memo.seen(raw, f):
            unchecked.append((f, raw, doc))
    words = sorted({w for _, _, doc in fresh for w in doc.non_ascii if HAN.search(w)})
    checks = [(f, doc) for f, _, doc in unchecked]

    def check() -> list[tuple[str, int | None, int | None, str | None]]:
        return [(e.message, e.line, e.column, e.path) for f, doc in checks for e in validate(doc, f)]

    if meanwhile is not None and not errors:
        from .aside import Aside

        checking, converting = Aside(check) if checks else None, Aside(lambda: chinese_forms(words)) if words else None
        meanwhile()
        found = checking.result() if checking else []
        forms = converting.result() if converting else {}
    else:
        found = check()
        forms = {} if errors or found else chinese_forms(words)
    if memo is not None:
        for f, raw, _ in unchecked:
            if not any(path == f for *_, path in found):
                memo.remember(raw, f)
    if found:  # one file's schema errors do not hide another's, nor an unreadable file: in file order
        errors += [FactlintError(message, path, line, column) for message, line, column, path in found]
        errors.sort(key=lambda e: files.index(e.path) if e.path in files else len(files))
    if errors:
        raise RuleErrors(errors)
    know_chinese_forms(forms)
    for f, raw, doc in fresh:
        parsed[(f, raw)] = doc
        while len(parsed) > PARSED_KEPT:
            parsed.popitem(last=False)
    return docs


def assemble(docs: list[tuple[str, _Doc]], story: str | None) -> RuleSet:
    """One scope: the newsroom-wide files' entities and facts, and ``story``'s own.

    A story's entity may have the id of a newsroom-wide one and then stands for it in this story
    (the newsroom adding an entity never breaks a story); ids repeated inside the story's files,
    or inside the newsroom-wide files, are errors. Other stories' files are not read at all."""
    errors: list[FactlintError] = []
    entities: dict[str, Entity] = {}
    facts: list[Fact] = []
    seen_facts: dict[tuple[str | None, str], Origin] = {}
    mine = [(f, doc) for f, doc in docs if doc.data.get("story") is not None]
    shared = [(f, doc) for f, doc in docs if doc.data.get("story") is None]
    for group in (shared, mine):
        defined: dict[str, Entity] = {}
        for _, doc in group:
            for eid, e in (doc.data.get("entities") or {}).items():
                origin = doc.marks[("entities", eid, "<key>")]
                if eid in defined:
                    errors.append(FactlintError(f"entity '{eid}' is already defined at {defined[eid].origin}",
                                                origin.path, origin.line, origin.column))
                    continue
                kind = "organisation" if e["type"] == "organization" else e["type"]  # one type, two spellings
                aliases = [a for a in with_chinese_variants([e["name"], *e.get("aliases", [])]) if a != e["name"]]
                roles = [({"role": r} if isinstance(r, str) else dict(r)) |
                         {"<at>": doc.marks.get(("entities", eid, "roles", i), origin)}
                         for i, r in enumerate(e.get("roles") or [])]
                defined[eid] = Entity(eid, kind, e["name"], aliases,
                                      with_chinese_variants(list(e.get("titles", []))), origin, roles)
        entities.update(defined)
    for _, doc in shared + mine:
        owner = doc.data.get("story")
        for i, f in enumerate(doc.data.get("facts") or []):
            origin = doc.marks[("facts", i)]
            marks = doc.marks.below(("facts", i))
            if (owner, f["id"]) in seen_facts:
                o = marks.get(("id",), origin)
                errors.append(FactlintError(f"fact '{f['id']}' is already defined at {seen_facts[owner, f['id']]}",
                                            o.path, o.line, o.column))
                continue
            seen_facts[owner, f["id"]] = origin
            try:
                fact = _fact(f, origin, marks)
            except FactlintError as e:
                errors.append(e)
                continue
            fact.story = owner
            facts.append(fact)
    if errors:
        raise RuleErrors(errors)
    languages = build_languages(doc.data.get("languages") or {} for _, doc in shared + mine)
    lexicon = [doc.data["lexicon"] for _, doc in shared + mine if doc.data.get("lexicon")]
    return RuleSet(entities, facts, languages, [f for f, _ in shared + mine], story, lexicon)


def _fact(f: dict[str, Any], origin: Origin, marks: Marks) -> Fact:
    sources = [Source(s) if isinstance(s, str) else Source(s["name"], s.get("url", ""), s.get("date", ""),
                                                          s.get("quote", ""))
               for s in f["sources"]]
    a = f.get("applies") or {}
    fact = Fact(id=f["id"], kind=f["kind"], message=f["message"], severity=Severity.parse(f.get("severity", "error")),
                sources=sources, applies=Applies(), langs=f.get("lang"), spec=f, origin=origin, marks=marks)
    compiled = {}
    for key in ("patterns", "exclude_patterns"):
        compiled[key] = []
        for j, p in enumerate(a.get(key, [])):
            try:
                compiled[key].append(regex.compile(p, regex.IGNORECASE))
            except regex.error as e:
                raise fact.error(f"invalid pattern {p!r}: {e}", "applies", key, j) from None
    fact.applies = Applies(any=with_chinese_variants(_visible(a.get("any", []))), all=_visible(a.get("all", [])),
                           patterns=compiled["patterns"], exclude=with_chinese_variants(_visible(a.get("exclude", []))),
                           exclude_patterns=compiled["exclude_patterns"],
                           fact_id=fact.id, origin=marks.get(("applies",), origin))
    return fact


_INVISIBLE = re.compile(f"[{FORMAT_CHARS}]+")


def _visible(terms: list[str]) -> list[str]:
    """Trigger terms without format characters: a zero-width space pasted into "open\u200bed" made
    the term match nothing; the article is checked without them too (check.unhidden)."""
    return [_INVISIBLE.sub("", t) for t in terms]
