"""Stage 2: find the articles, and the story each belongs to.

Which files: the paths given (folders walked in a stable order, ``include`` and ``exclude``
applied to what folders hold). Which story: the article's front matter ``story:``, else the
``files:`` globs of the story rule files, else ``--story``; an article with none of these is
checked against the newsroom-wide rules alone.
"""
from __future__ import annotations

import contextlib
import fnmatch
import functools
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Iterator, Sequence

from .config import Settings
from .model import FactlintError, Position

if TYPE_CHECKING:
    from .index import RuleIndex


def project_root(settings: Settings) -> Path:
    """The project root: the folder of the pyproject.toml that configures factlint, else the
    working directory. ``files:`` globs, ``exclude`` and ``per-file-ignores`` are relative to it."""
    if settings.root is not None:
        return settings.root
    return settings.source.parent if settings.source else Path.cwd()


def path_matches(path: str, globs: list[str], base: Path | None = None) -> bool:
    """Globs match the path relative to the configuration's folder (the project root), as in ruff."""
    if not globs:
        return False
    if base is None and os.sep == "/" and "/" not in path and path not in ("", ".", ".."):
        return any(_name_matches(path, g) for g in globs)  # a file's own name, as the walk asks
    posix = PurePosixPath(Path(path).as_posix())
    if base is not None:
        with contextlib.suppress(ValueError):
            posix = PurePosixPath(Path(os.path.abspath(path)).relative_to(base).as_posix())
    return any(fnmatch.fnmatch(str(posix), g) or posix.match(g) for g in globs)


def _name_matches(name: str, glob: str) -> bool:
    """What the general case of ``path_matches`` answers for a bare file name on POSIX, without two
    path objects per file: fnmatch on the name, or PurePosixPath(name).match(glob), which compares
    the name with the glob's only part when the glob is relative and has one part."""
    return fnmatch.fnmatch(name, glob) or (one := _single_part(glob)) is not None and fnmatch.fnmatchcase(name, one)


@functools.lru_cache(maxsize=256)
def _single_part(glob: str) -> str | None:
    parts = PurePosixPath(glob).parts
    if not parts:
        raise ValueError("empty pattern")  # as PurePath.match says
    return parts[0] if len(parts) == 1 and parts[0] != "/" else None


def parts(path: str) -> tuple[str, ...]:
    """``Path(path).parts``, split by hand where that is plainly the same (POSIX, no empty or "."
    part): the paths are sorted by their parts, and a path object per article costs more."""
    if os.sep != "/" or "//" in path or path.endswith("/.") or "/./" in path or path.startswith("./") or path in ("", "."):
        return Path(path).parts
    parts = path.rstrip("/").split("/") if path != "/" else [""]
    if parts[0] == "":
        parts[0] = "/"
    return tuple(parts)


class Skips:
    """Files that are never articles, and what a run leaves out and why (for ``--verbose``).

    Rule files, and the fixtures beside them (``factlint test``'s annotated articles in a rule
    folder), are never articles: a rule folder is walked by ``factlint test``, not by ``check``.
    A rule folder that holds the project root (``rules = ["."]``) makes nothing a fixture."""

    def __init__(self, settings: Settings) -> None:
        root = os.path.realpath(project_root(settings))
        self.rule_dirs: set[str] = set()
        self.rule_files: set[str] = set()
        for r in settings.rules:
            real = os.path.realpath(r)
            if os.path.isdir(real):
                if not _within(root, real):
                    self.rule_dirs.add(real)
            else:
                self.rule_files.add(real)
        self.skipped: list[tuple[str, str]] = []  # (path, why)

    def rule_dir(self, folder: str) -> bool:
        return bool(self.rule_dirs) and os.path.realpath(folder) in self.rule_dirs

    def not_article(self, path: str) -> str | None:
        """Why a named file is no article, or None."""
        real = os.path.realpath(path)
        if real in self.rule_files:
            return "a rule file"
        if any(_within(real, d) for d in self.rule_dirs):
            return "in a rule folder (a fixture for 'factlint test', not an article)"
        return None

    def skip(self, path: str, why: str) -> None:
        self.skipped.append((path, why))


def _within(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or inside it (both real, absolute paths)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def git_ignored(folder: str) -> set[str] | None:
    """What git ignores under ``folder`` (.gitignore, .git/info/exclude, core.excludesFile), as
    normalised paths joined to ``folder``; an ignored folder is one entry, so it is never walked.
    None outside a git work tree or without git. git's own list, not a reimplementation of its
    rules: one process per walked folder (about 5 ms), and a tracked file is never ignored."""
    import subprocess

    try:
        out = subprocess.run(["git", "-C", folder, "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
                              "--directory"], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if out.returncode != 0:
        return None
    names = out.stdout.decode("utf-8", "surrogateescape").split("\0")
    return {os.path.normpath(os.path.join(folder, n)) for n in names if n}


def excluded(path: str, settings: Settings, base: Path) -> bool:
    """``exclude`` for a named file: the file or one of its folders (below the project root), as
    a walk would have pruned the folder."""
    if path_matches(path, settings.exclude, base):
        return True
    folder = os.path.dirname(os.path.abspath(path))
    root = str(base)
    while _within(folder, root) and folder != root:
        if path_matches(folder, settings.exclude, base):
            return True
        folder = os.path.dirname(folder)
    return False


def walk(paths: Sequence[str], settings: Settings, errors: list[FactlintError],
         skips: Skips | None = None) -> Iterator[str]:
    """Articles in a stable order; paths keep the form the user gave them. Files named on the
    command line are checked unless they are rule files or fixtures, or ``force_exclude`` and
    ``exclude`` leave them out; include, exclude and .gitignore apply to what folders hold."""
    skips = skips or Skips(settings)
    base = project_root(settings)
    for given in paths:
        p = Path(given)
        if p.is_dir():
            if skips.rule_dir(given) or skips.not_article(given):
                skips.skip(given, "a rule folder: its articles are fixtures for 'factlint test'")
                continue
            ignored = git_ignored(given) if settings.respect_gitignore else None
            found = []
            for root, dirs, files in os.walk(given, onerror=lambda e: errors.append(
                    FactlintError(f"cannot read folder: {e.strerror}", e.filename))):
                keep = []
                for d in sorted(dirs):
                    full = os.path.join(root, d)
                    if given in (".", "./"):
                        full = os.path.normpath(full)
                    if d.startswith("."):
                        continue
                    if path_matches(full, settings.exclude, base):
                        skips.skip(full, "excluded by 'exclude'")
                    elif ignored and os.path.normpath(full) in ignored:
                        skips.skip(full, "ignored by git (.gitignore)")
                    elif skips.rule_dir(full):
                        skips.skip(full, "a rule folder: its articles are fixtures for 'factlint test'")
                    else:
                        keep.append(d)
                dirs[:] = keep
                for f in files:
                    full = os.path.join(root, f)
                    if given in (".", "./"):
                        full = os.path.normpath(full)  # "a.md", as ruff prints it, not "./a.md"
                    if f.startswith(".") or not path_matches(f, settings.include):
                        continue
                    if path_matches(full, settings.exclude, base):
                        skips.skip(full, "excluded by 'exclude'")
                    elif ignored and os.path.normpath(full) in ignored:
                        skips.skip(full, "ignored by git (.gitignore)")
                    elif f.endswith((".yaml", ".yml")) and skips.not_article(full):
                        skips.skip(full, "a rule file")
                    else:
                        found.append(full)
            yield from sorted(found)
        elif p.exists() or p.is_symlink():  # a symlink loop is read, and its error reported
            why = skips.not_article(given)
            if why is None and settings.force_exclude and settings.exclude and excluded(given, settings, base):
                why = "excluded by 'exclude' (--force-exclude)"
            if why is not None:
                skips.skip(given, why)
            else:
                yield given
        else:
            errors.append(FactlintError("no such file or folder", given))


FRONT_MATTER = (b"---", b"\xef\xbb\xbf---")  # how a file with front matter starts (after a BOM or not)


@dataclass(frozen=True)
class Assignment:
    """The story whose rules an article is checked against, and how that was decided."""

    story: str | None  # None: the newsroom-wide rules alone
    unknown: bool = False  # the front matter names a story that no rule file declares
    at: Position | None = None  # where the front matter says it
    record: bool = False  # an archive's record named it (checker/archive.py), not the article


def assign(path: str, raw: bytes, index: "RuleIndex", default: str | None = None,
           record: str | None = None) -> Assignment:
    """Front matter wins over globs: it is written in the article itself, where an editor sees it
    (as a per-file setting beats a pattern in ruff). Two stories whose globs claim one article
    without front matter is an error for that article (exit 2), naming both globs. ``record``: the
    story an archive's record gives, which comes after the front matter and before the globs."""
    said = None
    if raw.startswith(FRONT_MATTER) and b"story" in raw:
        from .frontmatter import simple_story

        simple = simple_story(raw)
        if simple is False:
            from .article import front_matter_story  # the full YAML reader, and its messages

            simple = front_matter_story(path, raw)
        said = simple or None
    if said is not None:
        story, at = said
        return Assignment(story, story not in index.stories, at)
    if record is not None:
        return Assignment(record, record not in index.stories, record=True)
    claims = index.claims(path)
    if len(claims) > 1:
        which = " and ".join(f"'{g.story}' ({g.origin} {g.pattern!r})" for g in claims)
        raise FactlintError(f"the article is claimed by the 'files' globs of {len(claims)} stories: {which}; "
                            "give it front matter 'story: ID' or narrow a glob", path, 1, 1)
    if claims:
        return Assignment(claims[0].story)
    if default is not None:
        return Assignment(default)
    return Assignment(None)
