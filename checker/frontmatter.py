"""The front matter's simple form, read without the article stage.

Which story an article belongs to decides which rules load, so it is read for every article of
every run, cached or not, before anything else: here with the standard ``re`` alone. Front matter
that is not the simple form is left to ``article.front_matter_story`` (the full YAML reader).
"""
from __future__ import annotations

import re

from .model import STORY_ID, Position

# Lines of "key: value" with a short lower-case key and a short value of letters, digits and
# hyphens that does not start with one ("lang: en", "date: 2023-01-30"): YAML reads each as a plain
# string under that key, the last of a repeated key winning, which is what load_plain would answer
# for a hundred times the cost. (Short: YAML refuses a key of more than 1024 characters.)
SIMPLE_ENTRY = re.compile(r"([a-z]{1,32}): ([A-Za-z0-9][A-Za-z0-9-]{0,63})")
SIMPLE_MAPPING = re.compile(rf"(?:{SIMPLE_ENTRY.pattern}\n)*{SIMPLE_ENTRY.pattern}")
# Front matter of simple lines only, LF line ends, closed by "---" or "..." (as article.FRONT_MATTER).
SIMPLE_FRONT = re.compile(rb"(?:\xef\xbb\xbf)?---[ \t]*\n((?:[a-z]{1,32}: [A-Za-z0-9][A-Za-z0-9-]{0,63}\n)+)"
                          rb"(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")


def simple_mapping(yaml_text: str) -> dict[str, str] | None:
    """The front matter's mapping when it is only simple lines (see SIMPLE_MAPPING), else None."""
    if not SIMPLE_MAPPING.fullmatch(yaml_text):
        return None
    return dict(SIMPLE_ENTRY.findall(yaml_text))


def simple_story(raw: bytes) -> tuple[str, Position] | None | bool:
    """The ``story`` of simple front matter and the line of its key; None when simple front matter
    names none; False when the front matter is not simple (or its story not an id): ask the full reader."""
    m = SIMPLE_FRONT.match(raw)
    if m is None:
        return False
    story, at = None, 0
    for n, line in enumerate(m.group(1).decode("ascii").splitlines()):
        key, _, value = line.partition(": ")
        if key == "story":  # the last value wins, as in YAML; the first key is where it is said
            story, at = value, at or n + 2  # + the opening fence, 1-based
    if story is None:
        return None
    if not STORY_ID.fullmatch(story):
        return False
    return story, Position(at, 1)
