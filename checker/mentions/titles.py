"""Titles as each language writes them, read with a shared lexicon of roles and places.

A title is a role, what it is of, and the words that change it ("former", "deputy", "acting"):
"German Defence Minister", "Menteri Pertahanan Jerman", "le ministre allemand de la Défense",
"德国国防部长", "ドイツ国防相", "وزير الدفاع الألماني" are all the defence minister of Germany. The
words are data (checker/data/roles.yaml, extended by a rule file's `lexicon:`); this module
builds one pattern per language from them and reads a title next to a person's name: before it
(with a comma between in French, English and Arabic apposition, glued in Chinese and Japanese),
or after it (", ministre de la Défense," or Japanese "ピストリウス国防相"). Positions are offsets
into the article's text.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import regex

from ..model import Span
from ..yamlload import load_plain

DATA = Path(__file__).resolve().parent.parent / "data" / "roles.yaml"
MODIFIERS = ("former", "deputy", "acting")
WINDOW = 120  # characters before a name where its title may start


@dataclass(frozen=True)
class Role:
    """A title as the lexicon reads it: a role id, what it is of (a place or entity id), and
    whether it is former, deputy or acting (each another office than the role itself)."""

    role: str
    of: str | None = None
    former: bool = False
    deputy: bool = False
    acting: bool = False


@dataclass(frozen=True)
class ReadTitle:
    span: Span  # the title's words, without the comma or opener that joins it to the name
    role: Role


@functools.lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    return load_plain(DATA.read_text(encoding="utf-8"))


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _fold(text: str) -> str:
    """The key a form is known by: lower case, one space between words, curly apostrophes straight."""
    return " ".join(text.replace("\u2019", "'").lower().split())


class Lexicon:
    """The roles, places and modifiers of the shipped lexicon and a story's rule files, and the
    places its entities name, compiled per language on first use."""

    def __init__(self, blocks: Iterable[dict[str, Any]], entity_places: dict[str, list[str]]) -> None:
        data = _shipped()
        self.languages: dict[str, dict[str, Any]] = dict(data["languages"])
        self.roles: dict[str, dict[str, Any]] = {k: dict(v) for k, v in data["roles"].items()}
        self.places: dict[str, dict[str, list[str]]] = {k: dict(v) for k, v in data["places"].items()}
        self.modifiers: dict[str, dict[str, Any]] = {k: dict(v) for k, v in data["modifiers"].items()}
        for block in blocks:  # a rule file's own roles and places, added to the shipped ones
            for key, target in (("roles", self.roles), ("places", self.places), ("modifiers", self.modifiers)):
                for name, forms in (block.get(key) or {}).items():
                    merged = target.setdefault(name, {})
                    for lang, words in (forms or {}).items():
                        if lang == "broader":
                            merged["broader"] = _as_list(merged.get("broader")) + _as_list(words)
                        elif isinstance(words, dict):
                            merged[lang] = words
                        else:
                            merged[lang] = _as_list(merged.get(lang)) + _as_list(words)
        # An entity (a country, NATO) is a place a role may be of: the same as a lexicon place when
        # they share a form ("Jerman" is both the entity germany's alias and the place germany's).
        self._broader: dict[str, frozenset[str]] = {}
        self._compiled: dict[str, _Compiled | None] = {}
        self.same: dict[str, str] = {}
        known = {_fold(f): pid for pid, forms in self.places.items() for lang, fs in forms.items()
                 for f in _as_list(fs)}
        for eid, names in entity_places.items():
            pid = next((known[_fold(n)] for n in names if _fold(n) in known), None)
            if pid is not None:
                self.same[eid] = pid
            else:
                self.places.setdefault(eid, {})["*"] = names

    def canonical(self, place: str | None) -> str | None:
        return None if place is None else self.same.get(place, place)

    def broader(self, role: str, seen: frozenset[str] = frozenset()) -> frozenset[str]:
        """The role and every role it is a kind of (a defence minister is a minister)."""
        found = self._broader.get(role)
        if found is None:
            out = {role}
            for b in _as_list(self.roles.get(role, {}).get("broader")):
                if b not in seen:  # a loop in a rule file's lexicon ends here
                    out |= self.broader(b, seen | {role})
            found = self._broader[role] = frozenset(out)
        return found

    def describe(self, r: Role) -> str:
        """In English, for messages: "former defence minister of Germany"."""
        words = [m for m in MODIFIERS if getattr(r, m)]
        forms = _as_list(self.roles.get(r.role, {}).get("en")) or [r.role]
        text = " ".join(words + [forms[0]])
        if r.of:
            place = _as_list(self.places.get(r.of, {}).get("en")) or _as_list(self.places.get(r.of, {}).get("*"))
            text += f" of {place[0] if place else r.of}"
        return text

    # ------------------------------------------------------------------ compiled per language

    def _forms(self, table: dict[str, dict[str, Any]], lang: str) -> dict[str, str]:
        """form (folded) -> id, for one language (and the forms every language shares, "*")."""
        out: dict[str, str] = {}
        for key, forms in table.items():
            for f in _as_list(forms.get(lang)) + _as_list(forms.get("*")):
                out.setdefault(_fold(f), key)
        return out

    def _modifier_forms(self, lang: str, where: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for kind, forms in self.modifiers.items():
            words = forms.get(lang)
            if isinstance(words, dict):
                words = words.get(where)
            elif where == "after":
                words = None
            for w in _as_list(words):
                out[_fold(w)] = kind
        return out

    def compiled(self, lang: str) -> "_Compiled | None":
        if lang not in self._compiled:
            conf = self.languages.get(lang)
            self._compiled[lang] = None if conf is None else _Compiled(self, lang, conf)
        return self._compiled[lang]

    def parse(self, title: str) -> Role | None:
        """A title string as a rule author writes it ("Defence Minister of Germany", "Presiden
        Turki"), read in the first language whose lexicon reads all of it."""
        for lang in self.languages:
            c = self.compiled(lang)
            if c is None:
                continue
            m = c.title.fullmatch(title.strip())
            if m is not None:
                return c.role_of(m)
        return None


def _alt(forms: Iterable[str], spaced: bool) -> str:
    """An alternation of forms, longest first; in a spaced script a space matches any run of spaces."""
    out = []
    for f in sorted(set(forms), key=len, reverse=True):
        e = regex.escape(f)
        out.append(e.replace(r"\ ", r"\s+") if spaced else e)
    return "|".join(out) or r"(?!x)x"


class _Compiled:
    """One language's title pattern and the tables that name what it matched."""

    def __init__(self, lex: Lexicon, lang: str, conf: dict[str, Any]) -> None:
        self.lex, self.lang = lex, lang
        self.spaced = str(conf.get("spaced", "true")).lower() == "true"
        self.roles = lex._forms(lex.roles, lang)
        self.places = lex._forms(lex.places, lang)
        if lang == "ar":  # li- + al- is written lil-: "للناتو" is "of NATO" ("الناتو")
            self.places.update({"\u0644" + f[1:]: p for f, p in list(self.places.items()) if f.startswith("\u0627\u0644")})
        self.before = lex._modifier_forms(lang, "before")
        self.after = lex._modifier_forms(lang, "after")
        where = _as_list(conf.get("place"))
        sp = r"\s+" if self.spaced else r"[\s\u30fb]?"
        place = _alt(self.places, self.spaced)
        role_forms = []
        for form in sorted(self.roles, key=len, reverse=True):
            words = form.split(" ")
            if "inside" in where and self.spaced and len(words) > 1:
                first, rest = regex.escape(words[0]), regex.escape(" ".join(words[1:])).replace(r"\ ", r"\s+")
                role_forms.append(rf"{first}(?:\s+(?P<inside>{place}))?\s+{rest}")
            else:
                e = regex.escape(form)
                role_forms.append(e.replace(r"\ ", r"\s+") if self.spaced else e)
        parts = []
        if self.before:
            parts.append(rf"(?:(?P<mod>{_alt(self.before, self.spaced)})(?:{sp}|-))?")
        if "before" in where:
            poss = _alt(_as_list(conf.get("possessive")), True) if conf.get("possessive") else None
            glue = rf"(?:{poss})?" if poss else ("(?:\u306e)?" if not self.spaced else "")
            parts.append(rf"(?:(?P<pbefore>{place}){glue}{sp})?" if self.spaced else rf"(?:(?P<pbefore>{place}){glue})?")
        parts.append(rf"(?P<role>{'|'.join(role_forms)})")
        if "after" in where:
            parts.append(rf"(?:\s+(?P<pafter>{place}))?")
        of = _as_list(conf.get("of"))
        if of:
            joins = _alt(of, True)
            parts.append(rf"(?:\s+(?:{joins})\s*(?P<pof>{place}))?")
        if self.after:
            parts.append(rf"(?:\s+(?P<modafter>{_alt(self.after, True)}))?")
        body = "".join(parts)
        edge_l, edge_r = (r"(?<![\w-])", r"(?![\w-])") if self.spaced else ("", "")
        self.title = regex.compile(f"{edge_l}(?:{body}){edge_r}", regex.IGNORECASE)
        gap = r"(?:\s*,\s*|\s+)" if self.spaced else r"(?:\s*|\u30fb)"
        self.before_name = regex.compile(f"{edge_l}(?P<t>{body}){edge_r}{gap}\\Z", regex.IGNORECASE)
        # A place the lexicon does not know, in capitals between the role and the name, in a
        # language that puts the place after the role ("Gubernur Jawa Barat Dedi Sulaeman"): the
        # role is read, of no place it can name.
        self.before_name_loose = regex.compile(
            f"{edge_l}(?P<t>{body}(?:\\s+(?-i:\\p{{Lu}})[\\p{{L}}\\p{{M}}'\u2019-]*){{1,3}}){edge_r}{gap}\\Z", regex.IGNORECASE) \
            if self.spaced and "after" in where else None
        self.name_after = str(conf.get("name_after", "false")).lower() == "true"
        self.place_before_name = _as_list(conf.get("place_before_name"))
        self.place_glued = regex.compile(f"(?P<p>{place})(?:{_alt(self.place_before_name, False)})\\Z") \
            if self.place_before_name else None

    def role_of(self, m: "regex.Match[str]") -> Role | None:
        role_text = m.group("role")
        inside = m.groupdict().get("inside")
        if inside:
            s, e = m.span("inside")
            rs = m.start("role")
            role_text = role_text[:s - rs] + role_text[e - rs:]
        role = self.roles.get(_fold(role_text))
        if role is None:
            return None
        place = next((self.places.get(_fold(m.group(g))) for g in ("pbefore", "inside", "pafter", "pof")
                      if m.groupdict().get(g)), None)
        kinds = {self.before.get(_fold(m.group("mod"))) if m.groupdict().get("mod") else None,
                 self.after.get(_fold(m.group("modafter"))) if m.groupdict().get("modafter") else None}
        return Role(role, self.lex.canonical(place), "former" in kinds, "deputy" in kinds, "acting" in kinds)


def read_title(lex: Lexicon, lang: str | None, text: str, sentence: Span, name: Span,
               openers: tuple[str, ...] = ()) -> ReadTitle | None:
    """The title a name carries: right before it, else right after it (an appositive in a
    spaced script, glued in Chinese and Japanese), as the lexicon of ``lang`` reads it."""
    c = lex.compiled(lang or "en")
    if c is None:
        return None
    start = max(sentence.start, name.start - WINDOW)
    m = c.before_name.search(text, start, name.start)
    if m is None and c.before_name_loose is not None:
        m = c.before_name_loose.search(text, start, name.start)
    if m is not None:
        role = c.role_of(m)
        if role is not None:
            return ReadTitle(Span(m.start("t"), m.end("t")), role)
    if c.spaced:
        g = _lead(openers).match(text, name.end, sentence.end)
        if g is not None:
            t = c.title.match(text, g.end(), sentence.end)
            if t is not None and regex.match(r"\s*(?:[,.;:)]|$)", text[t.end():sentence.end]):
                role = c.role_of(t)
                if role is not None:
                    return ReadTitle(Span(t.start(), t.end()), role)
        return None
    if c.name_after:
        at = name.end + (1 if text.startswith("\u30fb", name.end) else 0)
        t = c.title.match(text, at, sentence.end)
        if t is not None:
            role = c.role_of(t)
            if role is not None and role.of is None and c.place_glued is not None:
                p = c.place_glued.search(text, max(sentence.start, name.start - 20), name.start)
                if p is not None:
                    role = Role(role.role, lex.canonical(c.places.get(_fold(p.group("p")))), role.former,
                                role.deputy, role.acting)
            if role is not None:
                return ReadTitle(Span(t.start(), t.end()), role)
    return None


@functools.lru_cache(maxsize=16)
def _lead(openers: tuple[str, ...]) -> "regex.Pattern[str]":
    """The comma and opener of an appositive title: ", the", ", qui est", ", yang juga"."""
    opener = _alt(openers, True) if openers else None
    return regex.compile(r",\s*" + (rf"(?:(?:{opener})\s+)?" if opener else ""), regex.IGNORECASE)


def role_agrees(found: Role, held: Iterable[Role], lex: Lexicon) -> bool:
    """A title read in an article agrees with one the person holds when it names that role or a
    broader one (a defence minister is a minister; Chinese 总理 is a head of government, which a
    chancellor is), of the same place or of none said, and is as former, deputy and acting."""
    for h in held:
        if (found.former, found.deputy, found.acting) != (h.former, h.deputy, h.acting):
            continue
        if found.role not in lex.broader(h.role):
            continue
        if found.of is not None and h.of is not None and lex.canonical(found.of) != lex.canonical(h.of):
            continue
        return True
    return False


def lexicon_of(rules: Any) -> Lexicon:
    """The lexicon of a story's rules (the shipped one, the rule files' `lexicon:` blocks, and the
    entities a role may be of), built once per RuleSet."""
    found = rules.__dict__.get("_titles_lexicon")
    if found is None:
        places = {e.id: e.names for e in rules.entities.values() if e.type in ("country", "organisation", "place")}
        found = rules.__dict__["_titles_lexicon"] = Lexicon(rules.lexicon_blocks, places)
    return found


@dataclass(frozen=True)
class Held:
    """What a person holds: roles (from `roles:` and the `titles` the lexicon reads) and the titles
    it does not read, compared as written."""

    roles: tuple[Role, ...]
    written: tuple[str, ...]

    def describe(self, lex: Lexicon) -> str:
        return "; ".join([lex.describe(r) for r in self.roles] + list(self.written))


def held_by(entity: Any, lex: Lexicon, error: Any = None) -> Held:
    """The roles and written titles of a person entity; ``error(message, origin)`` is called for a
    role or place the lexicon does not know (a rule error, at its position)."""
    roles: list[Role] = []
    for r in entity.roles:
        rid, of = r.get("role"), r.get("of")
        if rid not in lex.roles:
            if error is not None:
                error(f"entity '{entity.id}': unknown role '{rid}' (not in the lexicon of titles; add it under "
                      "'lexicon: roles:' or see checker/data/roles.yaml)", r.get("<at>"))
            continue
        if of is not None and of not in lex.places and of not in lex.same:
            if error is not None:
                error(f"entity '{entity.id}': role '{rid}' is of '{of}', which is neither a place of the lexicon "
                      "nor a country or organisation entity", r.get("<at>"))
            continue
        roles.append(Role(rid, lex.canonical(of), bool(r.get("former")), bool(r.get("deputy")), bool(r.get("acting"))))
    written = []
    for t in entity.titles:
        parsed = lex.parse(t)
        if parsed is not None:
            roles.append(parsed)
        written.append(t)  # kept as written too: an article may write it word for word
    return Held(tuple(dict.fromkeys(roles)), tuple(written))
