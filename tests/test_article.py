"""Reading articles: positions from raw offsets, front matter, encodings, sentences, captions."""
from __future__ import annotations

from checker.article import read_article
from checker.language import build_languages
from conftest import ROOT, run, where, SEED_STORY

LANGS = build_languages([])
WRONG = "Putin ordered the invasion of Ukraine in February 2014."  # the date starts at column 42


def test_bom_crlf_and_front_matter_keep_positions(lint):
    plain = where(lint("Intro.\n\n" + WRONG + "\n"))
    assert plain == [(3, 42, "error", "stoltenberg-seoul-2023/invasion-date")]
    assert where(lint(("Intro.\r\n\r\n" + WRONG + "\r\n").encode("utf-8"))) == plain
    assert where(lint(b"\xef\xbb\xbf" + ("Intro.\n\n" + WRONG + "\n").encode("utf-8"))) == plain
    assert where(lint(b"\xef\xbb\xbf" + (WRONG + "\n").encode("utf-8"))) == [(1, 42, "error", "stoltenberg-seoul-2023/invasion-date")]
    fm = "---\ndate: 2023-01-31\nlang: en\n---\n"
    assert where(lint(fm + "Intro.\n\n" + WRONG + "\n")) == [(7, 42, "error", "stoltenberg-seoul-2023/invasion-date")]
    assert where(lint(fm.replace("\n", "\r\n") + "Intro.\r\n\r\n" + WRONG + "\r\n")) == [(7, 42, "error", "stoltenberg-seoul-2023/invasion-date")]


def test_columns_count_code_points_not_bytes(lint):
    # "Ukraine’s" has a 3-byte apostrophe and "né" a 2-byte letter; columns count characters.
    r = lint("Né in Kyiv, Ukraine\u2019s invasion by Russia came in February 2014.\n")
    assert where(r) == [(1, 50, "error", "stoltenberg-seoul-2023/invasion-date")]


def test_markdown_code_and_comments_are_not_prose(lint):
    text = "# Title\n\n```\nThe invasion began in February 2014.\n```\n\n<!-- invaded in 2014 -->\nFine.\n"
    assert lint(text, "a.md").findings == []
    assert where(lint("# Title\n\nThe invasion began in\nFebruary 2014.\n", "a.md")) == [(4, 1, "error", "stoltenberg-seoul-2023/invasion-date")]


def test_sentences_do_not_break_at_abbreviations_or_decimals():
    text = ("Mr. Stoltenberg met U.S. officials on Feb. 3 and spent 2.5 hours there. "
            "He left. \u201cWe need arms. Now,\u201d he said.\n")
    a = read_article("x.txt", LANGS, raw=text.encode())
    got = [a.slice(s.span) for s in a.sentences]
    assert got == ["Mr. Stoltenberg met U.S. officials on Feb. 3 and spent 2.5 hours there.", "He left.",
                   "\u201cWe need arms. Now,\u201d he said."]


def test_captions_are_detected():
    text = ("A tank at the \u201cWar Memorial of Korea\u201d Museum in Seoul. (Source: Mosbatho/Wikimedia Commons)\n\n"
            "He spoke in Seoul.\n")
    a = read_article("x.txt", LANGS, raw=text.encode())
    assert [b.is_caption for b in a.blocks] == [True, False]


def test_front_matter_values():
    a = read_article("x.md", LANGS, raw=b"---\ndate: 2023-01-31\nlang: zh-Hant\n---\nText.\n")
    assert (str(a.date), a.lang) == ("2023-01-31", "zh")
    a = read_article("x.md", LANGS, raw=b"---\nlang: no\n---\nText.\n")
    assert a.lang == "no"  # Norwegian, not YAML 1.1's false


def test_bad_articles_exit_2_and_do_not_hide_other_findings(tmp_path):
    (tmp_path / "a_bad.txt").write_bytes(b"Fine line.\nBad \xff byte.\n")
    (tmp_path / "b_fm.md").write_text("---\ndate: [1\n---\nText.\n", encoding="utf-8")
    (tmp_path / "c_date.md").write_text("---\ndate: yesterday\n---\nText.\n", encoding="utf-8")
    (tmp_path / "d_good.txt").write_text(WRONG + "\n", encoding="utf-8")
    r = run("check", "--rules", str(ROOT / "rules"), "--story", SEED_STORY, str(tmp_path))
    assert r.code == 2
    assert r.findings == [f"{tmp_path}/d_good.txt:1:42: error stoltenberg-seoul-2023/invasion-date " + r.findings[0].split("/invasion-date ")[1]]
    err = r.err.splitlines()
    assert err[0].startswith(f"{tmp_path}/a_bad.txt:2:5: not valid UTF-8 (byte offset 15")
    assert err[1].startswith(f"{tmp_path}/b_fm.md:2:9: front matter is not valid YAML")
    assert err[2].startswith(f"{tmp_path}/c_date.md:2:1: front matter 'date' must be a date")
    assert r.out.splitlines()[-1] == "Found 1 problem (1 error) in 1 of 1 file. 3 files could not be checked."


def test_binary_and_missing_files(tmp_path):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02")
    r = run("check", "--rules", str(ROOT / "rules"), "--story", SEED_STORY, str(tmp_path / "bin.txt"), str(tmp_path / "missing.txt"))
    assert r.code == 2
    assert f"{tmp_path}/bin.txt: looks like a binary file" in r.err
    assert f"{tmp_path}/missing.txt: no such file or folder" in r.err


def test_article_is_never_written(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(WRONG + "\n", encoding="utf-8")
    before = (p.read_bytes(), p.stat().st_mtime_ns)
    run("check", "--rules", str(ROOT / "rules"), "--story", SEED_STORY, str(p))
    assert (p.read_bytes(), p.stat().st_mtime_ns) == before


def test_fail_level_and_usage_errors(lint):
    hedged = "Countries like Germany and Norway changed their export policy.\n"
    assert lint(hedged).code == 0
    assert lint(hedged, "a.txt", None, "--fail-level", "warning").code == 1
    assert lint(hedged, "a.txt", None, "--fail-level", "info").code == 1
    assert run("check", "--fail-level", "fatal").code == 2
    assert run().code == 2


def test_a_decimal_figure_ends_a_sentence_an_initialism_does_not():
    from checker.article import read_article
    from checker.language import build_languages

    text = "The quake measured magnitude 6.2.\nOfficials in the U.S. said so.\n"
    a = read_article("x.md", build_languages([]), raw=text.encode())
    assert [a.text[s.span.start:s.span.end] for s in a.sentences] == [
        "The quake measured magnitude 6.2.", "Officials in the U.S. said so."]
