"""The run: each article's story and rules, the result cache, the pool of processes, the chunks.

An article is checked against its story's rules and the newsroom-wide ones, never another
story's: a story's rules are loaded (parsed, validated, compiled) the first time one of its
articles misses the cache, so the cost of an article does not depend on how many stories the
repository holds. Results come back in path order, a chunk at a time, so memory stays flat.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import signal
import stat
import sys
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Iterator

from .config import Settings
from .discover import Assignment, assign, project_root
from .index import matches
from .model import NO_STORY, TOOL_IDS, FactlintError, Finding, RuleErrors, Severity, Span, detached

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
                import difflib

                close = difflib.get_close_matches(p, shown, n=1, cutoff=0.75)
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                raise FactlintError(f"{option}: '{p}' matches no fact{hint} (known: {', '.join(shown[:30])}{more})")


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
        found, _ = self.check_dated(path, raw, a)
        assert found is not None
        return found

    def check_dated(self, path: str, raw: bytes, a: Assignment, lang: str | None = None,
                    date: "dt.date | None" = None, since: "dt.date | None" = None,
                    ) -> "tuple[list[Finding] | None, dt.date | None]":
        """``check``, for an archive's article: ``lang`` and ``date`` are its record's (the front
        matter's win, as they win over the configuration); the findings are None when the article
        was published before ``since``. And the publication date that was used."""
        from . import suppress
        from .article import read_article
        from .check import check_article

        scope = self.scope(None if a.unknown else a.story)
        article = read_article(path, scope.rules.languages, default_lang=lang or self.settings.lang, raw=raw)
        if lang and article.lang_source == "option":
            article.lang_source = "record"
        if article.date is None and date is not None:
            article.date = date
        if since is not None and article.date is not None and article.date < since:
            return None, article.date
        found = check_article(article, scope.checks, scope.rules)
        if a.unknown and (a.at is not None or a.record):
            found.append(_no_story(article, a))
        suppress.resolve(article.suppressions, scope.keys)
        return suppress.apply(found, article.suppressions, scope.known, scope.active, path, article.position), article.date

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
    if a.at is None:  # the archive's record named it: the article's start, nothing in its text to point at
        return Finding(path=article.path, start=article.position(0), end=article.position(0), rule_id=NO_STORY,
                       severity=Severity.INFO, found=a.story or "", expected="", span=Span(0, 0),
                       message=f"no rule file declares the story '{a.story}' that the archive's record names; only "
                               "the newsroom-wide rules ran")
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
_PARENT = 0  # the process that started the pool


MAX_ARTICLE_BYTES = 32 * 1024 * 1024  # an article larger than this is reported and skipped (docs/limits.md)
LIMIT_VARIABLE = "FACTLINT_MAX_ARTICLE_BYTES"
NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
               (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, as Ctrl-C raises KeyboardInterrupt: what the run started
    (a pool of workers, a report being written) is ended and cleaned up instead of left behind."""


@contextlib.contextmanager
def terminated_as_exception() -> Iterator[None]:
    """While inside: SIGTERM raises Terminated in the main thread (once; nested uses share it)."""
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def terminated(signum: int, frame: Any) -> None:
        raise Terminated()

    signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is done: a file and its rename happen whole or not at all."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def max_article_bytes() -> int:
    """The size limit of an article: $FACTLINT_MAX_ARTICLE_BYTES, else MAX_ARTICLE_BYTES."""
    given = os.environ.get(LIMIT_VARIABLE, "").strip().replace("_", "")
    if not given:
        return MAX_ARTICLE_BYTES
    if not given.isdigit() or int(given) < 1:
        raise FactlintError(f"${LIMIT_VARIABLE} must be a whole number of bytes, got {given!r}")
    return int(given)


def read(path: str, limit: int | None = None) -> bytes:
    """The bytes of a regular file no larger than the limit. Opened without blocking and checked
    before reading: a named pipe would wait forever for a writer, /dev/zero never ends."""
    limit = max_article_bytes() if limit is None else limit
    try:  # not Path(path).read_bytes(): a path object per article costs
        f = open(path, "rb", buffering=0, opener=_without_blocking)
    except OSError as e:
        raise FactlintError(f"cannot read article: {e.strerror or e}", path) from None
    with f:
        try:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                kind = next((name for test, name in NOT_REGULAR if test(st.st_mode)), "not a file")
                raise FactlintError(f"not a regular file ({kind}); skipped", path)
            if st.st_size > limit:
                raise FactlintError(too_large(st.st_size, limit), path)
            chunks: list[bytes] = []
            total, want = 0, st.st_size + 1  # one read(2) for the whole file, and one that finds its end
            while total <= limit:
                chunk = f.read(min(want - total if total < want else 65536, limit + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
            if total > limit:  # it grew while it was read
                raise FactlintError(too_large(total, limit, grew=True), path)
        except OSError as e:
            raise FactlintError(f"cannot read article: {e.strerror or e}", path) from None
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _without_blocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))


def too_large(size: int, limit: int, grew: bool = False) -> str:
    return (f"larger than the limit of {limit:,} bytes per article ({'at least ' if grew else ''}{size:,} bytes; "
            f"${LIMIT_VARIABLE} sets it); skipped")


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
        return Result(path, [], detached(e))
    if cache is not None:
        cache.put(task.key or cache.key(raw, path, pipeline.digest(a)), found)
    return Result(path, found)


def results(paths: list[str], pipeline: Pipeline, cache: "ResultCache | None", jobs: int) -> Iterator[Result]:
    """Results in path order, a chunk at a time so that memory does not grow with the corpus;
    cache hits are answered here, misses are checked by a pool of processes when there are many.

    A chunk's misses go to the pool before the chunk before it is collected: waiting for a
    chunk's last article before handing out the next would leave a worker idle at every chunk."""
    with terminated_as_exception():
        yield from _results(paths, pipeline, cache, jobs)


def _results(paths: list[str], pipeline: Pipeline, cache: "ResultCache | None", jobs: int) -> Iterator[Result]:
    global _WORKER
    _WORKER = (pipeline, cache)
    pool = None
    ahead: deque[tuple[list[str], dict[str, Result], Iterator[Result]]] = deque()
    finished = False
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
                    # submitted now, collected later; not pool.map, whose iterator cancels what is left
                    # when it is closed, which an interruption makes the pool's own thread fail on
                    futures = [pool.submit(_check_batch, batch) for batch in by_story(misses)]
                    running = (r for future in futures for r in future.result())
                else:
                    done.update((t.path, _check_one(t)) for t in misses)
            ahead.append((chunk, done, running))
            if len(ahead) > 1:
                yield from _collect(*ahead.popleft())
        while ahead:
            yield from _collect(*ahead.popleft())
        finished = True
    finally:
        if pool is not None:
            if finished:
                pool.shutdown(cancel_futures=True)
            else:  # interrupted, terminated or failed: the workers end now, not after their batch; the pool
                _end_workers(pool)  # then finds them gone and fails what is left
                pool.shutdown()
        _WORKER = None


def _end_workers(pool: Any) -> None:
    """SIGTERM to each worker, which ends it at once (workers keep the default action, and hold
    the signal only while a cache entry is written and renamed)."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(5)


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
    global _PARENT
    _PARENT = os.getpid()
    return ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_start)


def _worker_start() -> None:
    """An article's garbage is freed by reference counting; the cycle collector, run every few
    hundred allocations by default, would mostly walk live objects for nothing.

    Signals: the parent ends its workers (SIGTERM, the default action: no Python handler left from
    the parent, no traceback); Ctrl-C, which the terminal sends to every process of the group, is
    the parent's to handle; and on Linux a worker is sent SIGTERM when its parent dies, even by
    SIGKILL, so that none waits forever on a queue nobody reads."""
    gc.set_threshold(20_000, 20, 20)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        if os.getppid() != _PARENT:  # the parent died before the call: nobody would send it
            os._exit(1)


def open_cache(cache_dir: str | None, settings: Settings, story: str | None) -> "ResultCache":
    """The cache for this run's settings. The rules are not part of its context: each article's
    key holds the digest of its own story's rule files (``Pipeline.digest``)."""
    from .cache import ResultCache, chosen, default_dir, refusal

    context = [b"stories", f"lang={settings.lang}".encode(), f"select={settings.select}".encode(),
               f"ignore={settings.ignore}".encode(), f"story={story}".encode(),
               str(project_root(settings)).encode()]
    root = Path(cache_dir) if cache_dir else default_dir(project_root(settings))
    why = refusal(root, chosen(cache_dir))
    if why is not None:
        raise FactlintError(f"not used as the cache: it {why}. Remove it, name another folder with --cache-dir or "
                            "$FACTLINT_CACHE_DIR, or check with --no-cache", str(root))
    return ResultCache(root, context)


def memos(cache: "ResultCache", settings: Settings) -> "tuple[SchemaMemo, IndexMemo]":
    from .cache import IndexMemo, SchemaMemo

    return SchemaMemo(cache.root), IndexMemo(cache.root, settings.rules)
