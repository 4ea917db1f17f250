"""Stage 4b: check a version of a story against its source, with no rule written.

A translation or a rewrite must keep its source's dates, times, figures, countries, names, list
members and (in one language) quotations. ``values`` reads them language-neutrally, ``align``
pairs the paragraphs, ``compare`` reports what contradicts (an error), what the version adds (a
warning) and what it drops (an info), each at the version's words with the source's as the
related place.
"""
from __future__ import annotations

from .compare import VersionHit, compare
from .values import Value, Version, extract

__all__ = ["VersionHit", "Value", "Version", "compare", "extract"]
