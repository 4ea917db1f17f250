"""What a newsroom's thousand stories cost (issue 16), as ratios measured in one run.

An article is checked against its own story's rules only, so its cost must not grow with the
number of stories in the repository. This script builds repositories ("worlds") in a scratch
folder: N story rule files (the seed story's rule file under N story ids, all with the same
entity and fact ids, each claiming its own folder with `files:`) and articles from
benchmarks/corpus.py spread over the stories; then it runs factlint on them as a child process,
as users do, and prints each ratio next to its target:

- cold: 10 articles of 10 stories, fresh cache, with 1,000 story rule files in the repository,
  against the same articles with only their 10 rule files (CPU time, factlint and its workers);
- warm one file (the pre-commit case): 1,000 stories, warm cache, against `python -c "import yaml"`;
- after one story's rule file changes: the next one-file run of another story's article, against
  the same baseline; and, over the whole corpus, how many articles were checked again (counted as
  the new entries in the cache folder) against the articles of the changed story;
- 20,000 articles of 1,000 stories against 20,000 articles of one story, cache off: throughput
  (articles per second of wall time) and peak memory (PSS of factlint and its workers).

Run: python benchmarks/stories.py [--quick] [--stories 1000] [--articles 20000] [--markdown FILE]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, generate  # benchmarks/ is not a package
from run import ChildRun, bytecode_for_children, machine, revision, run_child, workspace

SEED_RULES = ROOT / "rules" / "stoltenberg-seoul-2023.yaml"


def story_id(k: int) -> str:
    return f"s{k:04d}"


def write_rules(world: Path, stories: range) -> None:
    """The seed rule file under each story id, claiming articles/<story>/ with its globs."""
    text = SEED_RULES.read_text(encoding="utf-8")
    (world / "rules").mkdir(parents=True, exist_ok=True)
    for k in stories:
        sid = story_id(k)
        body = re.sub(r"(?m)^story: .*$", f"story: {sid}", text, count=1)
        body = re.sub(r"(?m)^files: .*$", f'files: ["articles/{sid}/*"]', body, count=1)
        # A word of its own in every term list: stories' patterns differ, as real stories' do, so
        # no story reuses another's compiled patterns (the articles never hold these words).
        body = re.sub(r"(?m)^(\s+any: \[)", rf"\1zq{k}x, ", body)
        (world / "rules" / f"{sid}.yaml").write_text(body, encoding="utf-8")


def place(world: Path, files: list[Path], n_stories: int) -> list[Path]:
    """Article i goes to story i mod n_stories; returns the paths relative to the world."""
    out = []
    for i, src in enumerate(files):
        rel = Path("articles") / story_id(i % n_stories) / src.name
        (world / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, world / rel)
        out.append(rel)
    return out


class Factlint:
    def __init__(self, world: Path) -> None:
        self.world = world

    def cmd(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "checker", "check", "--rules", "rules", "--no-config", "--exit-zero",
                "--output-format", "json", *args]

    def run(self, *args: str, out: Path, sample: bool = False) -> ChildRun:
        r = run_child(self.cmd(*args), out, sample_tree=sample, cwd=self.world)
        if r.returncode != 0:
            raise SystemExit(f"factlint failed ({r.returncode}) in {self.world}: {r.stderr[-2000:]}")
        return r


def wall(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def entries(cache: Path) -> int:
    """Result entries in a cache folder (not the rule index or the schema memo)."""
    return sum(1 for p in (cache / "v1").glob("*/*.json") if p.parent.name not in ("rules", "index"))


@dataclass
class Row:
    name: str
    ratio: float
    target: str
    ok: bool
    how: str


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="2,000 articles of 100 stories for throughput, fewer repeats")
    p.add_argument("--stories", type=int, default=1000)
    p.add_argument("--articles", type=int, default=None, help="articles for throughput and memory (default 20,000)")
    p.add_argument("--repeats", type=int, default=None)
    p.add_argument("--markdown", type=Path, help="also write the report as Markdown to this file")
    p.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = p.parse_args(argv)
    n_stories = args.stories
    n_articles = args.articles or (2000 if args.quick else 20000)
    big_stories = min(n_stories, max(1, n_articles // 20))  # 20 articles a story
    repeats = args.repeats or (3 if args.quick else 7)
    os.environ["PYTHONPATH"] = str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")
    lines: list[str] = []
    rows: list[Row] = []

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    with workspace(args.keep) as work:
        bytecode = bytecode_for_children(work)
        say(f"corpus of {n_articles} articles ...")
        corpus = generate(n_articles, work / "corpus")
        files = corpus.files

        # Worlds: all stories with 10 articles; only their 10 rule files; the big corpus both ways.
        say(f"worlds with {n_stories} story rule files ...")
        many, few = work / "many", work / "few"
        write_rules(many, range(n_stories))
        ten_stories = [k * (n_stories // 10) for k in range(10)]
        write_rules(few, range(0))
        for k in ten_stories:
            write_rules(few, range(k, k + 1))
        ten = []
        for j, k in enumerate(ten_stories):
            rel = Path("articles") / story_id(k) / files[j].name
            for world in (many, few):
                (world / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(files[j], world / rel)
            ten.append(str(rel))
        out = work / "out.json"

        # 1. Cold: fresh cache each time; CPU of factlint and its workers.
        say("cold runs ...")
        for world in (many, few):  # untimed: bytecode and the OS's file cache
            Factlint(world).run("--cache-dir", str(work / "c-warmup"), *ten, out=out)
            shutil.rmtree(work / "c-warmup", ignore_errors=True)
        cold: dict[str, list[float]] = {"many": [], "few": []}
        for r in range(repeats):
            for name, world in (("many", many), ("few", few)):
                cache = work / f"c-{name}-{r}"
                cold[name].append(Factlint(world).run("--cache-dir", str(cache), *ten, out=out).cpu)
                shutil.rmtree(cache, ignore_errors=True)
        cold_ratio = statistics.median(cold["many"]) / statistics.median(cold["few"])
        rows.append(Row(f"cold: 10 articles of 10 stories, {n_stories} rule files / their 10 rule files (CPU)",
                        cold_ratio, "<= 1.5x", cold_ratio <= 1.5,
                        f"median CPU {statistics.median(cold['many']):.3f} s / {statistics.median(cold['few']):.3f} s"))

        # 2. Warm one file, and 3. one file after another story's rule file changed.
        say("one-file runs ...")
        cache = work / "c-warm"
        fl = Factlint(many)
        one = ten[3]
        fl.run("--cache-dir", str(cache), one, out=out)
        yaml_cmd = [sys.executable, "-c", "import yaml"]
        wall(yaml_cmd, many)
        warm_t, yaml_t, changed_t = [], [], []
        for r in range(max(repeats, 11)):
            warm_t.append(wall(fl.cmd("--cache-dir", str(cache), one), many))
            yaml_t.append(wall(yaml_cmd, many))
        for r in range(repeats):
            edited = many / "rules" / f"{story_id(ten_stories[(r % 9) + 1 if (r % 9) + 1 != 3 else 0])}.yaml"
            with open(edited, "a", encoding="utf-8") as f:
                f.write(f"# edited {r}\n")
            changed_t.append(wall(fl.cmd("--cache-dir", str(cache), one), many))
        warm, base, changed = (statistics.median(x) for x in (warm_t, yaml_t, changed_t))
        rows.append(Row(f"one file, warm cache, {n_stories} stories / python -c 'import yaml'", warm / base,
                        "<= 1.5x", warm / base <= 1.5, f"median {warm * 1000:.0f} ms / {base * 1000:.0f} ms"))
        rows.append(Row("one file after another story's rule file changed / python -c 'import yaml'",
                        changed / base, "<= 2x", changed / base <= 2,
                        f"median {changed * 1000:.0f} ms / {base * 1000:.0f} ms ({repeats} edits)"))

        # 3b. Over a corpus: only the changed story's articles are checked again.
        say("re-checks after a rule edit ...")
        spread = work / "spread"
        write_rules(spread, range(big_stories))
        small = place(spread, files[: min(len(files), 2000)], big_stories)
        sc = work / "c-spread"
        Factlint(spread).run("--cache-dir", str(sc), "articles", out=out)
        before = entries(sc)
        target_story = story_id(1)
        with open(spread / "rules" / f"{target_story}.yaml", "a", encoding="utf-8") as f:
            f.write("# edited\n")
        Factlint(spread).run("--cache-dir", str(sc), "articles", out=out)
        rechecked = entries(sc) - before
        of_story = sum(1 for rel in small if rel.parts[1] == target_story)
        rows.append(Row(f"articles checked again after one story's edit / that story's articles ({len(small)} "
                        f"articles of {big_stories} stories)", rechecked / max(of_story, 1), "= 1", rechecked == of_story,
                        f"{rechecked} new cache entries, {of_story} articles in {target_story}"))

        # 4. Throughput and memory: the big corpus over many stories, and over one.
        say(f"throughput: {n_articles} articles of {big_stories} stories, and of one story ...")
        big, single = work / "big", work / "single"
        write_rules(big, range(n_stories))
        place(big, files, big_stories)
        write_rules(single, range(1))
        place(single, files, 1)
        Factlint(big).run("--no-cache", *ten[:0], "articles/" + story_id(0), out=out)  # warm-up
        runs = {}
        for name, world in (("big", big), ("single", single)):
            runs[name] = Factlint(world).run("--no-cache", "articles", out=work / f"{name}.json", sample=True)
        tp_big = n_articles / runs["big"].wall
        tp_single = n_articles / runs["single"].wall
        rows.append(Row(f"throughput: {n_articles} articles of {big_stories} stories ({n_stories} rule files) / "
                        "of one story (articles per second, cache off)", tp_big / tp_single, ">= 0.8x",
                        tp_big / tp_single >= 0.8,
                        f"{tp_big:.0f} / {tp_single:.0f} articles/s; CPU {runs['big'].cpu:.1f} s / "
                        f"{runs['single'].cpu:.1f} s"))
        peak = runs["big"].tree_peak_mb or runs["big"].maxrss_mb
        rows.append(Row(f"peak memory, {n_articles} articles of {big_stories} stories (MB, PSS of the tree)",
                        peak, "< 200 MB", peak < 200,
                        f"largest RSS of one process {runs['big'].maxrss_mb:.0f} MB; one story: "
                        f"{runs['single'].tree_peak_mb or runs['single'].maxrss_mb:.0f} MB"))

        lines.append(f"factlint stories benchmark at {revision()} on {machine()}")
        lines.append(f"{n_stories} story rule files (the seed rule file under other ids), {n_articles} articles; "
                     f"{bytecode}")
        lines.append("")
        for row in rows:
            verdict = "PASS" if row.ok else "FAIL"
            value = f"{row.ratio:.0f} MB" if "MB" in row.target else f"{row.ratio:.2f}x"
            lines.append(f"{verdict}  {value:>8}  (target {row.target})  {row.name}")
            lines.append(f"{'':16}{row.how}")
        report = "\n".join(lines) + "\n"
        print(report)
        if args.markdown:
            md = ["| verdict | value | target | what | figures |", "|---|---|---|---|---|"]
            for row in rows:
                value = f"{row.ratio:.0f} MB" if "MB" in row.target else f"{row.ratio:.2f}x"
                md.append(f"| {'PASS' if row.ok else 'FAIL'} | {value} | {row.target} | {row.name} | {row.how} |")
            args.markdown.write_text(f"{lines[0]}\n\n{lines[1]}\n\n" + "\n".join(md) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
