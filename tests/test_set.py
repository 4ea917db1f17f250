"""kind: set, against the seed rules' export-policy-countries (Germany, Sweden, Norway)."""
from __future__ import annotations

from conftest import where


def test_examples_subset_is_a_warning_naming_the_missing_member(lint):
    r = lint("Countries like Germany and Norway changed their export policy.\n")
    assert r.code == 0  # warnings do not fail at the default fail level
    assert where(r) == [(1, 16, "warning", "stoltenberg-seoul-2023/export-policy-countries")]
    assert "leaves out Sweden" in r.findings[0]
    assert lint("Countries like Germany and Norway changed their export policy.\n", "a.txt", None,
                "--fail-level", "warning").code == 1


def test_such_as_and_including_are_hedges(lint):
    for hedge in ("such as", "including"):
        r = lint(f"Allies {hedge} Germany and Norway changed their export policy.\n")
        assert [w[2] for w in where(r)] == ["warning"], hedge


def test_subset_offered_as_complete_is_an_error(lint):
    r = lint("The two countries, Germany and Norway, changed their export policy.\n")
    assert where(r) == [(1, 20, "error", "stoltenberg-seoul-2023/export-policy-countries")]
    assert "missing Sweden" in r.findings[0]
    r = lint("Only Germany and Norway changed their export policy.\n")
    assert where(r) == [(1, 6, "error", "stoltenberg-seoul-2023/export-policy-countries")]
    r = lint("Both Germany and Norway changed their export policy.\n")
    assert where(r) == [(1, 6, "error", "stoltenberg-seoul-2023/export-policy-countries")]


def test_plain_partial_list_is_an_error(lint):
    r = lint("He said Germany and Norway changed their export policy.\n")
    assert where(r) == [(1, 9, "error", "stoltenberg-seoul-2023/export-policy-countries")]


def test_full_set_in_any_order_passes(lint):
    assert lint("Germany, Norway and Sweden changed their export policy.\n").findings == []
    assert lint("Sweden, Germany, and Norway changed their export policy.\n").findings == []


def test_non_member_is_an_error_at_the_item(lint):
    r = lint("Germany, Sweden, Finland and Norway changed their export policy.\n")
    assert where(r) == [(1, 18, "error", "stoltenberg-seoul-2023/export-policy-countries")]
    assert '"Finland"' in r.findings[0]


def test_known_non_member_country_is_an_error(lint):
    r = lint("Germany, Sweden, Poland and Norway changed their export policy.\n")
    assert where(r) == [(1, 18, "error", "stoltenberg-seoul-2023/export-policy-countries")]


def test_comma_alone_is_not_a_list(lint):
    assert lint("In Germany, Stoltenberg spoke about weapons.\n").findings == []


def test_sentence_not_about_the_fact_is_ignored(lint):
    assert lint("Stoltenberg visited Germany and Norway last spring.\n").findings == []
