"""A generated archive for the audit tests and benchmarks/audit.py: several stories, six languages.

Made from the development set's articles (tests/devset: four invented stories, six languages
each, true statements and drifts): copy ``i`` of each article gets its own publication date (so
``--since`` splits the archive), every third copy loses its front matter's story line (so it is
checked against the newsroom-wide rules alone), and every fifth has one of its years moved on
(findings differ between copies). Written as files, JSON Lines, gzip JSON Lines and Parquet.
"""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

DEVSET = Path(__file__).resolve().parent / "devset"
RULES = DEVSET / "rules"
# The four stories the audit tests were written against (the set grows; their figures must not).
STORIES = ("dakar-visit-2025", "harbour-strike-2024", "kalirejo-landslide-2024", "selora-eruption-2023")


def articles(copies: int) -> list[tuple[str, str]]:
    """(relative path, text) of ``copies`` copies of every development-set article."""
    out = []
    sources = sorted(p for story in STORIES for p in (DEVSET / "articles" / story).glob("*.md"))
    for i in range(copies):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            text = re.sub(r"^date: (\d{4})-(\d\d)-(\d\d)$",
                          lambda m: f"date: {int(m[1]) + i % 3}-{m[2]}-{m[3]}", text, count=1, flags=re.M)
            if i % 3 == 2:
                text = re.sub(r"^story: .*\n", "", text, count=1, flags=re.M)
            if i % 5 == 4:
                text = re.sub(r"(?<!\d)20(2\d)(?!\d)", lambda m: f"20{int(m[1]) + 1}", text, count=1)
            out.append((f"copy{i:02d}/{src.parent.name}/{src.name}", text))
    return out


def write_files(root: Path, copies: int) -> list[tuple[str, str]]:
    made = articles(copies)
    for rel, text in made:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return made


def write_jsonl(path: Path, made: list[tuple[str, str]], prefix: str = "") -> None:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8") as f:
        for rel, text in made:
            f.write(json.dumps({"path": prefix + rel, "text": text}, ensure_ascii=False) + "\n")


def write_parquet(path: Path, made: list[tuple[str, str]], prefix: str = "", group: int = 50) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist([{"path": prefix + rel, "text": text} for rel, text in made]),
                   path, row_group_size=group)
