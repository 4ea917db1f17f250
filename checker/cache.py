"""A content-addressed cache of each article's findings, so that a second run reads JSON instead
of checking, and a pre-commit run on one unchanged file never loads the rules at all.

A result is keyed by everything that decides it: the article's bytes and kind (.md or .txt), the
rule files' bytes, the settings that change what is reported (language, selection), factlint's
own code and data, and the versions of the libraries that read dates. Change any of them and the
entry is simply never found again.

Entries are written to a temporary file and renamed into place, with SIGINT and SIGTERM held
meanwhile, so two runs that share the cache never see half an entry and an interrupted run leaves
none; a damaged entry is a miss. The cache lives in the project (like ruff's ``.ruff_cache``), so a
pull request could commit entries that claim an article is clean: every key is therefore an HMAC
with a secret kept outside the project, in the user's cache folder, which a repository cannot
supply, and every entry's contents are signed with it too, so that whoever can write the folder
cannot swap one entry's contents for another's. A folder that another user owns or may write is
refused, and the project's own ``.factlint_cache`` is never followed when it is a symbolic link
(a committed link would have factlint write, and ``factlint clean`` delete, wherever it points).
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import importlib.util
import json
import os
import secrets
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any, Iterable

from . import __version__
from .model import Finding, Position, Severity, Span, suffix

FORMAT = "1"  # the layout of an entry; bump when it changes
TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# A cache of factlint results. https://bford.info/cachedir/\n"
PACKAGE = Path(__file__).parent
LIBRARIES = ("dateparser", "regex", "yaml", "opencc")


def default_dir(root: Path) -> Path:
    env = os.environ.get("FACTLINT_CACHE_DIR")
    return Path(env) if env else root / DEFAULT_NAME


DEFAULT_NAME = ".factlint_cache"


def chosen(cache_dir: str | None) -> bool:
    """Whether the user named the cache folder (``--cache-dir``, $FACTLINT_CACHE_DIR), rather than
    the project's ``.factlint_cache``, which a repository can commit."""
    return bool(cache_dir or os.environ.get("FACTLINT_CACHE_DIR"))


def refusal(root: Path, named: bool) -> str | None:
    """Why the folder must not be used as the cache, or None. The project's own folder must not be
    a symbolic link; any cache folder must be the user's own and writable by no other user."""
    try:
        st = os.lstat(root)
    except OSError:
        return None  # made by factlint, as the user's
    if stat.S_ISLNK(st.st_mode) and not named:
        return (f"is a symbolic link (to {os.readlink(root)}), which factlint does not follow for the project's "
                "cache folder (a repository can commit one)")
    try:
        st = os.stat(root)
    except OSError:
        return None  # a dangling link the user named: making the folder fails, and the cache is off
    if not stat.S_ISDIR(st.st_mode):
        return "is not a folder"
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: no owners and modes to compare
        return None
    if st.st_uid != os.getuid():
        return f"is owned by another user (uid {st.st_uid}), who could change the results it holds"
    if st.st_mode & stat.S_IWOTH:
        return "is writable by every user, who could change the results it holds"
    if st.st_mode & stat.S_IWGRP and st.st_gid != os.getgid():
        return f"is writable by the users of group {st.st_gid}, who could change the results it holds"
    return None


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """factlint's own code and data, and the installed versions of the libraries it reads dates
    with: a development checkout changes without a version bump."""
    h = hashlib.sha256(f"factlint {__version__} format {FORMAT}".encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in (".py", ".json", ".yaml") and path.is_file():
            h.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        with contextlib.suppress(ImportError, ValueError, OSError):
            spec = importlib.util.find_spec(name)
            if spec is not None and spec.origin:
                st = os.stat(spec.origin)
                h.update(f"{name}:{spec.origin}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def _secret() -> bytes | None:
    """The machine's key for the HMAC, created on first use; None when it cannot be kept."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    path = Path(base) / "factlint" / "cache-key"
    try:
        return path.read_bytes()
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd, tmp = tempfile.mkstemp(dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        os.replace(tmp, path)
        return path.read_bytes()  # another process may have won the race: use what is there
    except OSError:
        return None


class ResultCache:
    """Findings per article content. ``None`` from ``get`` means: check it."""

    def __init__(self, root: Path, context: Iterable[bytes]) -> None:
        self.root = root
        self._entries = os.path.join(root, f"v{FORMAT}")  # strings, not path objects: built per article
        secret = _secret()
        self.enabled = secret is not None
        self._secret = secret or b""
        h = hmac.new(secret or b"", digestmod=hashlib.sha256)
        h.update(code_fingerprint().encode())
        for part in context:
            h.update(len(part).to_bytes(8, "big") + part)
        self._context = h
        self._ready = False

    def key(self, raw: bytes, path: str, scope: bytes = b"") -> str:
        """``scope``: the digest of the rules the article is checked against (its story's)."""
        h = self._context.copy()
        h.update(scope + b"\0" + suffix(path).encode() + b"\0" + raw)
        return h.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self._entries, key[:2], f"{key}.json")

    def get(self, key: str, path: str) -> list[Finding] | None:
        data = self._read(key)
        try:
            return None if data is None else [_finding(path, d) for d in data["findings"]]
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, findings: list[Finding]) -> None:
        self._write(key, {"findings": [_record(x) for x in findings]})

    def _sign(self, key: str, payload: bytes) -> bytes:
        return hmac.new(self._secret, key.encode() + b"\n" + payload, hashlib.sha256).hexdigest().encode()

    def encode(self, key: str, data: Any) -> bytes:
        """An entry: the signature of its key and contents, a line break, the contents (JSON)."""
        payload = json.dumps(data, ensure_ascii=False).encode()  # dumps: the C encoder; dump streams in Python
        return self._sign(key, payload) + b"\n" + payload

    def decode(self, key: str, entry: bytes) -> Any:
        """The contents of an entry whose signature is right, else None (a miss)."""
        signature, _, payload = entry.partition(b"\n")
        if not hmac.compare_digest(signature, self._sign(key, payload)):
            return None
        try:
            return json.loads(payload)
        except ValueError:
            return None

    def _read(self, key: str) -> Any:
        if not self.enabled:
            return None
        try:
            with open(self._file(key), "rb") as f:
                return self.decode(key, f.read())
        except OSError:
            return None

    def _write(self, key: str, data: Any) -> None:
        if not self.enabled:
            return
        target = self._file(key)
        entry = self.encode(key, data)
        with _signals_held():  # an interrupted run leaves no temporary file and no half entry behind
            try:
                self._prepare()
                folder = os.path.dirname(target)
                os.makedirs(folder, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
                with os.fdopen(fd, "wb") as f:
                    f.write(entry)
                os.replace(tmp, target)
            except OSError:
                self.enabled = False  # a read-only checkout: check without the cache, quietly
                with contextlib.suppress(OSError, UnboundLocalError):
                    os.unlink(tmp)

    def _prepare(self) -> None:
        """Mark the folder as a cache (backup tools skip it) and keep it out of git."""
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# Created by factlint.\n*\n")):
            if not (self.root / name).exists():
                (self.root / name).write_text(text, encoding="utf-8")
        self._ready = True


class SchemaMemo(ResultCache):
    """The rule file contents that passed the schema, kept beside the results (in ``rules/``) under
    an HMAC of the content and factlint's code, the schema included: a pre-commit run with unchanged
    rules neither imports jsonschema nor validates."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, [b"rule file passed the schema"])

    def _file(self, key: str) -> str:
        return os.path.join(self._entries, "rules", f"{key}.json")

    def seen(self, raw: bytes, path: str) -> bool:
        return self.get(self.key(raw, "rules.yaml"), path) is not None

    def remember(self, raw: bytes, path: str) -> None:
        self.put(self.key(raw, "rules.yaml"), [])


class IndexMemo(ResultCache):
    """What the rule index read from each rule file, by the file's stat, under a key of the rule
    paths and factlint's code: a run with unchanged rule files reads none of them to find out
    which story they belong to."""

    def __init__(self, root: Path, rule_paths: list[str]) -> None:
        super().__init__(root, [b"rule index", "\0".join(os.path.abspath(p) for p in rule_paths).encode()])
        self._key = self.key(b"index", "index.json")
        self._ids_key = self.key(b"fact ids", "ids.json")  # apart: only a run with selectors reads them

    def _file(self, key: str) -> str:
        return os.path.join(self._entries, "index", f"{key}.json")

    def load(self) -> dict[str, Any] | None:
        data = self._read(self._key)
        return data if isinstance(data, dict) else None

    def load_ids(self) -> dict[str, Any]:
        data = self._read(self._ids_key)
        return data if isinstance(data, dict) else {}

    def save(self, entries: dict[str, Any], ids: dict[str, Any]) -> None:
        self._write(self._ids_key, ids)
        self._write(self._key, entries)


def _record(f: Finding) -> dict[str, Any]:
    return {"start": [f.start.line, f.start.column], "end": [f.end.line, f.end.column], "rule": f.rule_id,
            "severity": int(f.severity), "message": f.message, "found": f.found, "expected": f.expected,
            "sources": list(f.sources), "span": [f.span.start, f.span.end]}


def _finding(path: str, d: dict[str, Any]) -> Finding:
    return Finding(path=path, start=Position(*d["start"]), end=Position(*d["end"]), rule_id=d["rule"],
                   severity=Severity(d["severity"]), message=d["message"], found=d["found"],
                   expected=d["expected"], sources=tuple(d["sources"]), span=Span(*d["span"]))


def clean(root: Path) -> bool:
    """Remove a cache folder, but only one that factlint made (never through a symbolic link)."""
    if root.is_symlink() or not (root / "CACHEDIR.TAG").is_file():
        return False
    shutil.rmtree(root)
    return True


def _signals_held() -> Any:
    from .run import signals_held

    return signals_held()
