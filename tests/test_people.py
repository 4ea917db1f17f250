"""kinds participants and title, against the seed rules."""
from __future__ import annotations

from conftest import where


def test_correct_participants_and_titles_pass(lint):
    r = lint("Stoltenberg met with President Yoon and Defense Minister Lee Jong-sup on Monday.\n")
    assert r.findings == []


def test_wrong_title_is_an_error_at_the_title(lint):
    r = lint("Stoltenberg met with President Yoon and Foreign Minister Lee Jong-sup.\n")
    assert where(r) == [(1, 41, "error", "stoltenberg-seoul-2023/seoul-meetings")]
    assert '"Foreign Minister"' in r.findings[0] and "Defense Minister" in r.findings[0]


def test_known_person_who_was_not_there_is_an_error(lint):
    r = lint("Stoltenberg met with President Putin in Seoul.\n")
    assert where(r) == [(1, 32, "error", "stoltenberg-seoul-2023/seoul-meetings")]


def test_unknown_person_in_a_participant_office_is_an_error(lint):
    r = lint("Stoltenberg met with Defense Minister Kim Min-jun.\n")
    assert where(r) == [(1, 39, "error", "stoltenberg-seoul-2023/seoul-meetings")]
    assert "Lee Jong-sup" in r.findings[0]


def test_unknown_person_with_unknown_title_is_no_finding(lint):
    r = lint("Stoltenberg met with Foreign Minister Park Jin and Unification Minister Kwon Young-se.\n")
    assert r.code == 0 and r.findings == []


def test_meeting_of_someone_else_is_not_checked(lint):
    assert lint("Yoon met with Foreign Minister Lee Jong-sup.\n").findings == []


def test_stoltenberg_titles(lint):
    ok = ("NATO Secretary-General Jens Stoltenberg spoke.\n\n"
          "Jens Stoltenberg, the secretary-general of NATO, spoke.\n\n"
          "Secretary General of NATO Jens Stoltenberg spoke.\n\n"
          "So said Stoltenberg, who is also a former Norwegian prime minister.\n")
    assert lint(ok).findings == []
    r = lint("NATO President Jens Stoltenberg spoke in Seoul.\n")
    assert where(r) == [(1, 1, "error", "stoltenberg-seoul-2023/stoltenberg-title")]
    r = lint("Jens Stoltenberg, the president of NATO, spoke in Seoul.\n")
    assert where(r) == [(1, 23, "error", "stoltenberg-seoul-2023/stoltenberg-title")]
