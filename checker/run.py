"""The run: each article's story and rules, the result cache, the pool of processes, the chunks.

An article is checked against its story's rules and the newsroom-wide ones, never another
story's: a story's rules are loaded (parsed, validated, compiled) the first time one of its
articles misses the cache, so the cost of an article does not depend on how many stories the
repository holds. Results come back in path order, a chunk at a time, so memory stays flat.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import os
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .config import Settings
from .discover import Assignment, assign, project_root
from .index import matches
from .model import NO_STORY, TOOL_IDS, FactlintError, Finding, RuleErrors, Severity, Span

if TYPE_CHECKING:  # the rest is imported when first needed: a cached run needs none of it
    from .cache import IndexMemo, ResultCache, SchemaMemo
    from .facts import FactCheck
    from .index import RuleIndex
    from .rules import Fact, RuleSet

CHUNK = 256  # articles read, checked and reported together
BATCH = 32  # at most this many articles of one story go to a worker together
SCOPES_KEPT = 8  # stories whose compiled rules a process keeps (articles come grouped by story)


@dataclass(eq=False)  # identity: one per story and process
class Scope:
    """One story's rules (with the newsroom-wide ones), compiled, and the ids its articles may name."""

    rules: "RuleSet"
    checks: "list[FactCheck]"
    keys: dict[str, str] = field(default_factory=dict)  # id or STORY/ID -> STORY/ID, for suppressions
    known: set[str] = field(default_factory=set)
    active: set[str] = field(default_factory=set)


def selected(key: str, settings: Settings) -> bool:
    if settings.select is not None and not any(matches(key, p) for p in settings.select):
        return False
    return not any(matches(key, p) for p in settings.ignore)


def check_selectors(settings: Settings, known: set[str]) -> None:
    """A selector that names no fact of any story is a typo: exit 2, as ruff does for a code."""
    if settings.select is None and not settings.ignore and not settings.per_file_ignores:
        return
    known = known | TOOL_IDS
    for option, patterns in (("--select", settings.select or []), ("--ignore", settings.ignore),
                             ("per-file-ignores", [i for ids in settings.per_file_ignores.values() for i in ids])):
        for p in patterns:
            if not any(matches(k, p) for k in known):
                shown = sorted(known)
                more = f", ... ({len(shown)} in all)" if len(shown) > 30 else ""
                raise FactlintError(f"{option}: '{p}' matches no fact (known: {', '.join(shown[:30])}{more})")


class Pipeline:
    """The rule index and the stories' rules, each loaded when first needed: a run whose every
    article is in the cache reads no rule file beyond what the index remembers about it."""

    def __init__(self, settings: Settings, memo: "SchemaMemo | None" = None,
                 index_memo: "IndexMemo | None" = None, story: str | None = None) -> None:
        self.settings = settings
        self.memo = memo
        self.index_memo = index_memo
        self.story = story  # --story: for articles that neither front matter nor globs assign
        self._index: "RuleIndex | None" = None
        self._scopes: OrderedDict[str | None, Scope] = OrderedDict()
        self._digests: dict[tuple[str | None, bool], bytes] = {}
        self._parsed: OrderedDict = OrderedDict()  # rule files parsed in this run, by path and bytes

    @property
    def index(self) -> "RuleIndex":
        if self._index is None:
            from .index import build_index

            self._index = build_index(self.settings.rules, project_root(self.settings), self.index_memo)
            if self.story is not None and self.story not in self._index.stories:
                known = ", ".join(sorted(self._index.stories)) or "none"
                raise FactlintError(f"--story: no rule file declares story '{self.story}' (stories: {known})")
        return self._index

    def assign(self, path: str, raw: bytes) -> Assignment:
        return assign(path, raw, self.index, self.story)

    def scope(self, story: str | None, meanwhile: Any = None) -> Scope:
        """The compiled rules of a story (None: the newsroom-wide rules alone)."""
        found = self._scopes.get(story)
        if found is not None:
            self._scopes.move_to_end(story)
            return found
        from .facts import compile_checks
        from .rules import load_scope

        with _collector_paused():
            rules = load_scope(self.index.files_of(story), story, self.memo, meanwhile, self._parsed)
            checks = [c for c in compile_checks(rules) if selected(c.fact.key, self.settings)]
        keys = {f.key: f.key for f in rules.facts}
        for f in sorted(rules.facts, key=lambda f: f.story is not None):  # a story's own id wins
            keys[f.id] = f.key
        found = Scope(rules, checks, keys, set(keys.values()) | TOOL_IDS, {c.fact.key for c in checks})
        self._scopes[story] = found
        while len(self._scopes) > SCOPES_KEPT:
            self._scopes.popitem(last=False)
        return found

    def digest(self, a: Assignment) -> bytes:
        """What the article's result depends on besides its bytes: its story, and the bytes of the
        rule files of that story's scope. Another story's rule file changing changes nothing."""
        key = (a.story, a.unknown)
        found = self._digests.get(key)
        if found is None:
            h = hashlib.sha256(f"story={a.story} unknown={a.unknown}".encode())
            for f in self.index.files_of(None if a.unknown else a.story):
                try:
                    with open(f, "rb") as fh:
                        data = fh.read()
                except OSError as e:
                    raise FactlintError(f"cannot read rule file: {e.strerror or e}", f) from None
                h.update(os.path.abspath(f).encode() + b"\0" + len(data).to_bytes(8, "big") + data)
            found = self._digests[key] = h.digest()
        return found

    def check(self, path: str, raw: bytes, a: Assignment) -> list[Finding]:
        """Every finding of one article, suppressions applied, before per-file selection."""
        from . import suppress
        from .article import read_article
        from .check import check_article

        scope = self.scope(None if a.unknown else a.story)
        article = read_article(path, scope.rules.languages, default_lang=self.settings.lang, raw=raw)
        found = check_article(article, scope.checks, scope.rules)
        if a.unknown and a.at is not None:
            found.append(_no_story(article, a))
        suppress.resolve(article.suppressions, scope.keys)
        return suppress.apply(found, article.suppressions, scope.known, scope.active, path, article.position)

    def warm(self, stories: Iterable[str | None]) -> None:
        """Before forking: load the stories the first articles need, and build the date patterns
        while child processes check the first story's rule files (see ``aside``)."""
        stories = list(stories) or [None]
        self.scope(stories[0], meanwhile=_warm_dates)
        for story in stories:
            _warm_dates(self.scope(story).rules.languages)  # a rule file's own languages

    def every_scope(self) -> list[tuple[str | None, Scope]]:
        """Every story's rules, and the newsroom-wide ones alone: every rule file validated, every
        error of every file at once (``factlint rules`` and ``factlint test``)."""
        out: list[tuple[str | None, Scope]] = []
        errors: dict[str, FactlintError] = {}
        for story in [None, *sorted(self.index.stories)]:
            try:
                out.append((story, self.scope(story)))
            except RuleErrors as e:
                errors.update((str(one), one) for one in e.errors)  # a newsroom-wide file's, once
            except FactlintError as e:
                errors[str(e)] = e
        if errors:
            raise RuleErrors(list(errors.values()))
        return out

    def lookup(self, key: str) -> "tuple[Fact, RuleSet] | None":
        """The fact a report names, for formats that describe it (SARIF)."""
        story = key.rsplit("/", 1)[0] if "/" in key else None
        if story is not None and story not in self.index.stories:
            return None
        return self.scope(story).rules.lookup(key)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading a story builds thousands of objects that live on (its rules) and few cycles: the
    cycle collector, which would run every few thousand of them, waits until the story is loaded."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _no_story(article: Any, a: Assignment) -> Finding:
    assert a.at is not None
    start = article.line_starts[a.at.line - 1] + a.at.column - 1
    span = Span(start, start + len("story"))
    return Finding(path=article.path, start=article.position(span.start), end=article.position(span.end),
                   rule_id=NO_STORY, severity=Severity.INFO, found=a.story or "", expected="", span=span,
                   message=f"no rule file declares the article's story '{a.story}'; only the newsroom-wide "
                           "rules ran")


def _warm_dates(codes: Iterable[str] | None = None) -> None:
    """Build in the parent what every worker would otherwise build for itself after the fork:
    the date patterns of each language (about a tenth of a second per process). Without ``codes``,
    the languages factlint ships; a rule file's own are added once the rules are loaded."""
    from .language import default_languages
    from .mentions.dates import locale

    for lang in default_languages() if codes is None else codes:
        with contextlib.suppress(Exception):  # a language dateparser lacks: built (and failing) later
            locale(lang)


def forks(jobs: int, misses: int) -> bool:
    """Whether to check in a pool of processes: forking costs more than a few articles do."""
    return jobs > 1 and misses >= 2 * jobs


@dataclass
class Result:
    path: str
    findings: list[Finding]
    error: FactlintError | None = None


@dataclass(frozen=True, eq=False)
class Task:
    """An article to check; the parent fills in its story and cache key when it looked it up."""

    path: str
    assignment: Assignment | None = None
    key: str | None = None


_WORKER: "tuple[Pipeline, ResultCache | None] | None" = None  # set before the pool forks


def read(path: str) -> bytes:
    try:
        with open(path, "rb") as f:  # not Path(path).read_bytes(): a path object per article costs
            return f.read()
    except OSError as e:
        raise FactlintError(f"cannot read article: {e.strerror or e}", path) from None


def _check_one(task: Task) -> Result:
    assert _WORKER is not None
    pipeline, cache = _WORKER
    path = task.path
    try:
        raw = read(path)
        a = task.assignment or pipeline.assign(path, raw)
        found = pipeline.check(path, raw, a)
    except RuleErrors:
        raise  # the story's rules are invalid: the run stops with exit 2, not this article alone
    except FactlintError as e:
        return Result(path, [], e)
    if cache is not None:
        cache.put(task.key or cache.key(raw, path, pipeline.digest(a)), found)
    return Result(path, found)


def results(paths: list[str], pipeline: Pipeline, cache: "ResultCache | None", jobs: int) -> Iterator[Result]:
    """Results in path order, a chunk at a time so that memory does not grow with the corpus;
    cache hits are answered here, misses are checked by a pool of processes when there are many.

    A chunk's misses go to the pool before the chunk before it is collected: waiting for a
    chunk's last article before handing out the next would leave a worker idle at every chunk."""
    global _WORKER
    _WORKER = (pipeline, cache)
    pool = None
    ahead: deque[tuple[list[str], dict[str, Result], Iterator[Result]]] = deque()
    try:
        for chunk, done, misses in _chunks(paths, pipeline, cache):
            running: Iterator[Result] = iter(())
            if misses:
                forking = forks(jobs, len(misses))
                if forking and pool is None:
                    # in the parent, before forking: workers inherit the compiled rules
                    pipeline.warm(_first_stories(misses))
                    pool = _pool(jobs)
                if pool is not None and forking:
                    batches = pool.map(_check_batch, by_story(misses))  # submitted now, collected later
                    running = (r for batch in batches for r in batch)
                else:
                    done.update((t.path, _check_one(t)) for t in misses)
            ahead.append((chunk, done, running))
            if len(ahead) > 1:
                yield from _collect(*ahead.popleft())
        while ahead:
            yield from _collect(*ahead.popleft())
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        _WORKER = None


def by_story(tasks: list[Task]) -> list[list[Task]]:
    """Consecutive articles of one story, in batches of at most BATCH: a worker loads a story's
    rules once for the batch, where handing out articles one by one would have every worker load
    every story."""
    batches: list[list[Task]] = []
    last: object = object()
    for t in tasks:
        story = t.assignment.story if t.assignment is not None else None
        if batches and story == last and len(batches[-1]) < BATCH:
            batches[-1].append(t)
        else:
            batches.append([t])
        last = story
    return batches


def _check_batch(tasks: list[Task]) -> list[Result]:
    return [_check_one(t) for t in tasks]


def _first_stories(misses: list[Task], most: int = 4) -> list[str | None]:
    """The stories of the first articles to check, the ones the parent loads before forking."""
    seen: list[str | None] = []
    for t in misses:
        if t.assignment is not None:
            story = None if t.assignment.unknown else t.assignment.story
            if story not in seen:
                seen.append(story)
                if len(seen) == most:
                    break
    return seen


def _chunks(paths: list[str], pipeline: Pipeline,
            cache: "ResultCache | None") -> Iterator[tuple[list[str], dict[str, Result], list[Task]]]:
    """The paths a chunk at a time, with each chunk's cache hits (and unreadable or unassignable
    files) and the articles left to check. A chunk of CHUNK articles runs on to the end of its last
    story's articles (up to twice CHUNK): a story cut in two could be loaded by both workers."""
    chunk: list[str] = []
    done: dict[str, Result] = {}
    misses: list[Task] = []
    for path in paths:
        found = _lookup(path, pipeline, cache)
        same_story = isinstance(found, Task) and bool(misses) and found.assignment is not None \
            and misses[-1].assignment is not None and found.assignment.story == misses[-1].assignment.story
        if len(chunk) >= 2 * CHUNK or (len(chunk) >= CHUNK and not same_story):
            yield chunk, done, misses
            chunk, done, misses = [], {}, []
        chunk.append(path)
        if isinstance(found, Task):
            misses.append(found)
        else:
            done[path] = found
    if chunk:
        yield chunk, done, misses


def _lookup(path: str, pipeline: Pipeline, cache: "ResultCache | None") -> "Result | Task":
    """The article's cached result, or the error that stops it, or the task of checking it with its
    story (which the parent loads before it forks, so that workers inherit it)."""
    try:
        raw = read(path)
        a = pipeline.assign(path, raw)
        key = None if cache is None else cache.key(raw, path, pipeline.digest(a))
    except RuleErrors:
        raise
    except FactlintError as e:
        return Result(path, [], e)
    hit = None if cache is None or key is None else cache.get(key, path)
    return Task(path, a, key) if hit is None else Result(path, hit)


def _collect(chunk: list[str], done: dict[str, Result], running: Iterator[Result]) -> Iterator[Result]:
    done.update((r.path, r) for r in running)
    for path in chunk:
        yield done[path]


def _pool(jobs: int) -> Any:
    """Forked workers share the parent's loaded rules; where fork is missing, run in one process."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    # The loaded rules are never freed: frozen, the collector does not walk them in every worker
    # (which would also copy their pages, shared since the fork).
    gc.freeze()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start)


def _worker_start() -> None:
    """An article's garbage is freed by reference counting; the cycle collector, run every few
    hundred allocations by default, would mostly walk live objects for nothing."""
    gc.set_threshold(20_000, 20, 20)


def open_cache(cache_dir: str | None, settings: Settings, story: str | None) -> "ResultCache":
    """The cache for this run's settings. The rules are not part of its context: each article's
    key holds the digest of its own story's rule files (``Pipeline.digest``)."""
    from .cache import ResultCache, default_dir

    context = [b"stories", f"lang={settings.lang}".encode(), f"select={settings.select}".encode(),
               f"ignore={settings.ignore}".encode(), f"story={story}".encode(),
               str(project_root(settings)).encode()]
    root = Path(cache_dir) if cache_dir else default_dir(project_root(settings))
    return ResultCache(root, context)


def memos(cache: "ResultCache", settings: Settings) -> "tuple[SchemaMemo, IndexMemo]":
    from .cache import IndexMemo, SchemaMemo

    return SchemaMemo(cache.root), IndexMemo(cache.root, settings.rules)
