"""factlint's Python API: load a rule index once, check articles one at a time (docs/api.md).

    from checker.api import Checker
    checker = Checker(rules=["rules"])                     # or Checker.from_config()
    result = checker.check("news/a.md")                    # read from disk
    result = checker.check("cms/123.md", text="...", story="flood-2024", lang="id", date="2024-05-02")
    for finding in result.findings:
        print(finding.to_dict())                           # the fields of the JSON report

A ``Checker`` holds no global state and needs no cache: each process (a pool worker, a Dask
worker) builds its own, and a story's rules are loaded the first time one of its articles is
checked. Results are plain frozen dataclasses, picklable, so they cross process boundaries as
they are. ``factlint check`` and ``factlint audit`` check every article through this class.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .config import Settings, load_settings
from .discover import Assignment, assign, path_matches, project_root
from .index import matches
from .model import FactlintError, Finding, RuleErrors, detached
from .run import Pipeline, max_article_bytes, read, selected, too_large

if TYPE_CHECKING:
    from .cache import IndexMemo, SchemaMemo
    from .versions.run import Sources

__all__ = ["Checker", "ArticleResult", "FactlintError", "Finding", "finding_dict", "parse_date"]

DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?")


def parse_date(value: "str | dt.date | None", what: str = "date") -> dt.date | None:
    """A publication date as archives export it: a date, or ISO text (a time after it is ignored)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = DATE.fullmatch(str(value).strip())
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            pass
    raise FactlintError(f"{what} must be a date such as 2023-01-30, got {value!r}")


def _language(tag: str | None) -> str | None:
    """A language tag as front matter's is read: "zh-Hans" and "EN" are "zh" and "en"."""
    if not tag:
        return None
    if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", tag):
        raise FactlintError(f"'lang' must be a language tag such as en, got {tag!r}")
    return tag.replace("_", "-").split("-")[0].lower()


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as the JSON report writes it (``checker/report/json_.py`` documents the fields)."""
    from .report.json_ import finding_object

    return finding_object(f)


@dataclass(frozen=True)
class ArticleResult:
    """What checking one article gave: its findings (after suppressions and per-file selection), or
    the error that stopped it (unreadable, invalid front matter), or why it was left out (``since``)."""

    path: str
    findings: tuple[Finding, ...] = ()
    error: FactlintError | None = None
    skipped: str | None = None  # not checked on purpose: "published before 2024-01-01"
    date: dt.date | None = None  # its publication date, when the record or its front matter gives one
    checked: bool = True  # False: the error stopped it; True with an error: its source could not be read

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "findings": [finding_dict(f) for f in self.findings],
                "error": None if self.error is None else {"message": self.error.message, "path": self.error.path,
                                                          "line": self.error.line, "column": self.error.column},
                "skipped": self.skipped, "date": None if self.date is None else self.date.isoformat(),
                "checked": self.checked}


@dataclass
class Checker:
    """A loaded rule index and the settings of a run: check any number of articles with it."""

    settings: Settings = field(default_factory=Settings)
    story: str | None = None  # the story of articles that neither front matter nor globs assign
    memo: "SchemaMemo | None" = None
    index_memo: "IndexMemo | None" = None

    def __post_init__(self) -> None:
        self.pipeline = Pipeline(self.settings, self.memo, self.index_memo, self.story)
        self.base = project_root(self.settings)
        self._sources: "Sources | None" = None
        self._valid = False

    @classmethod
    def from_rules(cls, rules: "str | os.PathLike[str] | list[str]", *, select: list[str] | None = None,
                   ignore: list[str] | None = None, lang: str | None = None, story: str | None = None) -> "Checker":
        """A checker of these rule files or folders, with no configuration file read."""
        given = [os.fspath(rules)] if isinstance(rules, (str, os.PathLike)) else [os.fspath(r) for r in rules]
        settings = Settings(rules=given, select=select, ignore=list(ignore or []), lang=lang, rules_configured=True)
        return cls(settings, story)

    @classmethod
    def from_config(cls, config: "str | None" = None, cwd: "str | os.PathLike[str] | None" = None,
                    story: str | None = None) -> "Checker":
        """A checker of the nearest factlint.toml or [tool.factlint] (or of ``config``), as ``check`` runs."""
        return cls(load_settings(Path(cwd) if cwd is not None else None, config=config), story)

    @property
    def index(self) -> Any:
        """The rule index (stories, their rule files); loading it is when a bad index is an error."""
        return self.pipeline.index

    def check(self, path: str, text: "str | bytes | None" = None, *, story: str | None = None,
              lang: str | None = None, date: "str | dt.date | None" = None,
              since: "str | dt.date | None" = None, compare_source: bool | None = None) -> ArticleResult:
        """Check one article. ``text`` (str or UTF-8 bytes) is the article when it is not read from
        ``path``; ``path`` still decides Markdown or plain text and is the report's path. ``story``,
        ``lang`` and ``date`` are the archive's metadata: front matter in the text wins over them,
        and they win over the rule files' globs. With ``since``, an article published before it is
        skipped (one whose date is unknown is checked). An article that names its source (front
        matter ``source``) is compared with that file when it was read from disk, or when
        ``compare_source`` says so: an archive's record is not made to read files beside it.

        A rule file that is invalid, or rules that cannot be found, raise (``RuleErrors``,
        ``FactlintError``); an article's own problem is returned as the result's ``error``."""
        self.validate()
        published, after = None, None
        try:
            raw = self._raw(path, text)
            published = parse_date(date, "the article's 'date'")
            after = parse_date(since, "since")
            a = self.assign(path, raw, story)
            checked, published = self.pipeline.check_dated(path, raw, a, lang=_language(lang), date=published,
                                                           since=after)
        except RuleErrors:
            raise
        except FactlintError as e:
            e = detached(e) if e.path is not None else FactlintError(e.message, path, e.line, e.column)
            return ArticleResult(path, error=e, checked=False, date=published)
        if checked is None:
            return ArticleResult(path, skipped=f"published before {after}", date=published)
        if compare_source if compare_source is not None else text is None:
            found, error = self.finish(path, checked, raw)
        else:
            found, error = [f for f in checked if self.wanted(f.rule_id, path)], None
        return ArticleResult(path, tuple(found), error=error, date=published)

    def validate(self) -> None:
        """The rule index loads, and every ``select``/``ignore`` pattern names a fact (a misspelt
        id selects nothing, silently, otherwise): raises FactlintError, once per checker."""
        if self._valid:
            return
        index = self.index
        s = self.settings
        if s.select is not None or s.ignore or s.per_file_ignores:
            from .run import check_selectors

            check_selectors(s, index.fact_keys())
        self._valid = True

    @staticmethod
    def _raw(path: str, text: "str | bytes | None") -> bytes:
        if text is None:
            return read(path)
        if isinstance(text, str):
            try:
                raw = text.encode("utf-8")
            except UnicodeEncodeError as e:
                raise FactlintError(f"the text is not valid Unicode (a lone surrogate, U+{ord(text[e.start]):04X}, "
                                    f"at character {e.start + 1})", path) from None
        else:
            raw = bytes(text)
        limit = max_article_bytes()
        if len(raw) > limit:
            raise FactlintError(too_large(len(raw), limit), path)
        return raw

    def assign(self, path: str, raw: bytes, story: str | None = None) -> Assignment:
        """The article's story: its front matter's, else the archive's ``story``, else the globs'."""
        return assign(path, raw, self.index, self.story, story)

    def finish(self, path: str, findings: list[Finding],
               raw: bytes | None = None) -> tuple[list[Finding], FactlintError | None]:
        """An article's findings as reported: compared with its source when it names one, then the
        per-file selection (``select``, ``ignore``, ``per-file-ignores``) applied. A source that
        cannot be read is the error returned beside the article's own findings, which are kept."""
        error = None
        try:
            findings = self.versions(path, findings, raw)
        except RuleErrors:
            raise
        except FactlintError as e:
            error = detached(e)
        return [f for f in findings if self.wanted(f.rule_id, path)], error

    def wanted(self, rule_id: str, path: str) -> bool:
        if not selected(rule_id, self.settings):
            return False
        for glob, ids in self.settings.per_file_ignores.items():
            if path_matches(path, [glob], self.base) and any(matches(rule_id, i) for i in ids):
                return False
        return True

    def versions(self, path: str, findings: list[Finding], raw: bytes | None = None) -> list[Finding]:
        """An article that names its source (front matter ``source``, or ``[tool.factlint.versions]``)
        is also compared with it; the comparison is not cached (it depends on another file)."""
        settings = self.settings
        if raw is None and not settings.versions:  # only front matter names a source: read the head alone
            try:
                with open(path, "rb") as f:  # a regular file: the check has just read it
                    head = f.read(4096)
            except OSError:
                return findings
            if b"source" not in head:
                return findings
        if raw is None:
            raw = read(path)
        if not settings.versions and b"source" not in raw[:4096]:
            return findings
        from .article import read_article
        from .versions.run import Sources, check_version, source_of

        if self._sources is None:
            self._sources = Sources()
        scope = self.pipeline.scope(self.pipeline.assign(path, raw).story)
        article = read_article(path, scope.rules.languages, settings.lang, raw=raw)
        declared = source_of(article, settings.versions, self.base)
        if declared is None:
            return findings
        return check_version(article, declared[0], declared[1], scope.rules, self._sources, settings.lang, findings)

    def with_settings(self, **changes: Any) -> "Checker":
        """A checker of the same rules with some settings changed (``select=[...]``): a new index."""
        return Checker(replace(self.settings, **changes), self.story)
