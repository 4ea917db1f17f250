"""A deterministic benchmark corpus made from the seeds and their translations.

Why generate instead of copying the twelve source articles N times: a result cache keyed by
content would make copies free, and identical articles give identical findings, so neither the
cache nor the checker would be measured honestly. Each article here is one of the twelve
sources (seeds/*.txt in English, tests/fixtures/i18n/*.txt in id, fr, zh, ja, ar) with its own
dates (day, month, year, shape, and Arabic-Indic digits in Arabic), weekday, list of allies
(members dropped or reordered) and front matter (added, given a publication date, or removed),
so findings differ from article to article while every article keeps a source's size (2-4 KB).

Article i depends only on (seed, i), so the first 2,000 articles of a 20,000 corpus are the
2,000 corpus. The corpus is written outside the repository; a manifest records each article's
true language (front matter may be removed, but the naive dateparser pass needs the language).

Run alone: python benchmarks/corpus.py N DIR [--seed S]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR_VERSION = 1  # bump when the variations change, so a kept corpus is rebuilt
STAMP = "corpus.json"
MANIFEST = "manifest.tsv"
ARTICLES = "articles"

MONTHS: dict[str, list[str]] = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "id": ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر"],
}
WEEKDAYS: dict[str, list[str]] = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
    "zh": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    "ja": ["月曜日", "火曜日", "水曜日", "木曜日", "金曜日", "土曜日", "日曜日"],
}
# The three allies of the export-policy fact, as each language writes them in the sources.
ALLIES: dict[str, list[str]] = {
    "en": ["Germany", "Sweden", "Norway"],
    "fr": ["l'Allemagne", "la Suède", "la Norvège"],
    "id": ["Jerman", "Swedia", "Norwegia"],
    "ar": ["ألمانيا", "السويد", "النرويج"],
    "zh": ["德国", "瑞典", "挪威"],
    "ja": ["ドイツ", "スウェーデン", "ノルウェー"],
}
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
TRUE_DATE = (2022, 2, 24)  # the invasion date the rules expect
PUBLICATION_DATES = ["2023-01-30", "2023-01-31", "2023-02-01", "2023-02-06", "2024-01-31"]


def render_list(lang: str, items: list[str]) -> str:
    """A list of allies written the way the sources write lists in that language."""
    if len(items) == 1:
        return items[0]
    if lang == "ar":  # the conjunction و is joined to each following name
        return items[0] + "".join(f" و{x}" for x in items[1:])
    if lang == "ja":
        return "や".join(items) if len(items) == 2 else "、".join(items)
    head, last = items[:-1], items[-1]
    joiner = {"en": " and ", "fr": " et ", "zh": "和", "id": ", dan " if len(items) > 2 else " dan "}[lang]
    sep = "、" if lang == "zh" else ", "
    return sep.join(head) + joiner + last


def render_date(lang: str, year: int | None, month: int, day: int | None, arabic_digits: bool) -> str:
    """A date in one of the shapes the sources use: day+month, month+year or all three."""
    if lang in ("zh", "ja"):
        text = (f"{year}年" if year else "") + f"{month}月" + (f"{day}日" if day else "")
    elif lang == "en":
        name = MONTHS["en"][month - 1]
        text = f"{name} {day}, {year}" if day and year else f"{name} {day}" if day else f"{name} {year}"
    else:
        text = " ".join(str(x) for x in (day, MONTHS[lang][month - 1], year) if x)
    return text.translate(ARABIC_DIGITS) if arabic_digits else text


def date_pattern(lang: str) -> re.Pattern[str]:
    """Date expressions as the sources write them (a day or a year is always present)."""
    if lang in ("zh", "ja"):
        return re.compile(r"(?:(?P<year>\d{4})年)?(?<!\d)(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?")
    names = "|".join(MONTHS[lang])
    if lang == "en":
        return re.compile(rf"\b(?P<mname>{names})\b(?: (?P<day>\d{{1,2}})(?!\d))?(?:,? (?P<year>\d{{4}}))?")
    return re.compile(rf"(?:\b(?P<day>\d{{1,2}}) )?(?P<mname>{names})(?: (?P<year>\d{{4}})\b)?")


@dataclass(frozen=True)
class Source:
    """One of the twelve source articles, split into front matter and body."""

    name: str  # e.g. "000.en", "003.ja"
    lang: str
    front: dict[str, str]
    body: str


def load_sources(root: Path = ROOT) -> list[Source]:
    """The two seeds (English, no front matter) and the ten translated fixtures."""
    sources = []
    for path in sorted((root / "seeds").glob("*.txt")):
        sources.append(Source(f"{path.name[:3]}.en", "en", {}, path.read_text(encoding="utf-8")))
    for path in sorted((root / "tests" / "fixtures" / "i18n").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        front: dict[str, str] = {}
        m = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
        if m:
            for line in m.group(1).splitlines():
                key, _, value = line.partition(":")
                front[key.strip()] = value.strip()
            text = text[m.end():]
        sources.append(Source(path.name[:-4], path.name.split(".")[1], front, text))
    if not sources:
        raise SystemExit(f"no source articles under {root}/seeds or {root}/tests/fixtures/i18n")
    return sources


def _vary_date(m: re.Match[str], lang: str, rng: random.Random) -> str:
    if not (m.group("day") or m.group("year")):  # a bare month name ("May") is not a date here
        return m.group(0)
    month = int(m.group("month")) if "month" in m.re.groupindex else MONTHS[lang].index(m.group("mname")) + 1
    orig = (int(m.group("year")) if m.group("year") else None, month,
            int(m.group("day")) if m.group("day") else None)
    roll = rng.random()
    if roll < 0.4:
        year, month, day = orig
    elif roll < 0.65:
        year, month, day = TRUE_DATE
    else:
        year, month, day = rng.randint(2014, 2023), rng.randint(1, 12), rng.randint(1, 28)
    shape = (orig[0] is not None, orig[2] is not None)
    if rng.random() < 0.4:
        shape = rng.choice([(False, True), (True, False), (True, True)])
    year = (year or TRUE_DATE[0]) if shape[0] else None
    day = (day or TRUE_DATE[2]) if shape[1] else None
    return render_date(lang, year, month, day, lang == "ar" and rng.random() < 0.3)


def _vary_lists(body: str, lang: str, rng: random.Random) -> str:
    allies = ALLIES[lang]
    for chosen in ([0, 1, 2], [0, 2]):  # the two lists in the sources: all three, and one dropped
        original = render_list(lang, [allies[i] for i in chosen])
        if original in body and rng.random() < 0.6:
            k = rng.choices([1, 2, 3], weights=[1, 2, 3])[0]
            body = body.replace(original, render_list(lang, rng.sample(allies, k)), 1)
    return body


def _vary_weekday(body: str, lang: str, rng: random.Random) -> str:
    monday = WEEKDAYS[lang][0]
    if rng.random() < 0.25:
        other = rng.choice(WEEKDAYS[lang][1:])
        body = body.replace(monday, other).replace(monday.capitalize(), other.capitalize())
    return body


def make_article(source: Source, rng: random.Random) -> str:
    """One variant of a source: dates, weekday, lists and front matter changed at random."""
    body = date_pattern(source.lang).sub(lambda m: _vary_date(m, source.lang, rng), source.body)
    body = _vary_weekday(body, source.lang, rng)
    body = _vary_lists(body, source.lang, rng)
    front = dict(source.front)
    roll = rng.random()
    if front and roll < 0.15:
        front = {}  # the language must then be detected
    elif roll < 0.5:
        front.setdefault("lang", source.lang)
        front["date"] = rng.choice(PUBLICATION_DATES)
    if not front:
        return body
    return "---\n" + "".join(f"{k}: {v}\n" for k, v in sorted(front.items())) + "---\n" + body


@dataclass(frozen=True)
class Corpus:
    """A generated corpus on disk: its folder of articles and each article's language."""

    directory: Path
    files: list[Path]
    langs: list[str]
    total_bytes: int

    @property
    def articles(self) -> Path:
        return self.directory / ARTICLES


def _check_outside_repo(directory: Path) -> None:
    directory = directory.resolve()
    if directory == ROOT or ROOT in directory.parents:
        raise SystemExit(f"refusing to write a corpus inside the repository ({directory}): "
                         "factlint would walk it, and it could land in a commit")


def generate(n: int, directory: Path, seed: int = 1) -> Corpus:
    """Write n articles under directory/articles (reused when already generated with the same n and seed)."""
    _check_outside_repo(directory)
    stamp = {"generator": GENERATOR_VERSION, "n": n, "seed": seed}
    stamp_path = directory / STAMP
    if stamp_path.exists():
        if json.loads(stamp_path.read_text()) == stamp:
            return read_corpus(directory)
        shutil.rmtree(directory / ARTICLES, ignore_errors=True)  # ours, but another size or seed
        stamp_path.unlink()
    elif directory.exists() and any(directory.iterdir()):
        raise SystemExit(f"{directory} is not empty and holds no generated corpus; choose another folder")
    (directory / ARTICLES).mkdir(parents=True, exist_ok=True)
    sources = load_sources()
    rows = []
    for i in range(n):
        source = sources[i % len(sources)]
        rng = random.Random(f"{seed}:{i}")
        name = f"{i:05d}-{source.name}.txt"
        data = make_article(source, rng).encode("utf-8")
        (directory / ARTICLES / name).write_bytes(data)
        rows.append(f"{name}\t{source.lang}\t{source.name}\t{len(data)}\n")
    (directory / MANIFEST).write_text("file\tlang\tsource\tbytes\n" + "".join(rows), encoding="utf-8")
    stamp_path.write_text(json.dumps(stamp))  # last: a half-written corpus has no stamp
    return read_corpus(directory)


def read_corpus(directory: Path) -> Corpus:
    """A corpus written by generate(), from its manifest."""
    lines = (directory / MANIFEST).read_text(encoding="utf-8").splitlines()[1:]
    files, langs, total = [], [], 0
    for line in lines:
        name, lang, _source, size = line.split("\t")
        files.append(directory / ARTICLES / name)
        langs.append(lang)
        total += int(size)
    return Corpus(directory, files, langs, total)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a benchmark corpus of N articles into DIR.")
    parser.add_argument("n", type=int)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    corpus = generate(args.n, args.directory, args.seed)
    print(f"{len(corpus.files)} articles, {corpus.total_bytes / 1e6:.2f} MB in {corpus.articles}")


if __name__ == "__main__":
    main()
