"""The text explanation: the answer first, each rule's reasons in full once, both languages."""

from __future__ import annotations

import datetime as dt

import lawcode

TIMELINE_FACTS = {
    "summons.handed_over_on": None, "summons.sent_to_workplace_on": None, "summons.mail_delivered_on": None,
    "summons.posted_to_account_on": None, "summons.placed_in_register_on": "2024-11-05",
    "summons.appear_on": "2024-11-20", "person.appeared_on": "2024-12-20", "person.valid_reason": None,
}


def test_answer_first_then_reasons_then_citations(book: lawcode.Rulebook) -> None:
    text = str(book.explain("measures.start_on", TIMELINE_FACTS, on=dt.date(2025, 1, 15)))
    lines = text.splitlines()
    assert lines[0] == "First day of the temporary measures on 15 January 2025: 11 December 2024"
    assert text.index("Reasons") < text.index("Unverified") < text.index("Citations")


def test_a_rule_read_twice_is_explained_once(book: lawcode.Rulebook) -> None:
    text = str(book.explain("measures.start_on", TIMELINE_FACTS, on=dt.date(2025, 1, 15)))
    served = "Date the summons counts as served: 13 November 2024 (summons.served_on)"
    assert text.count(served) == 2
    assert text.count(served + " — see above") == 1


def test_russian_explanation_speaks_russian(book: lawcode.Rulebook) -> None:
    text = str(book.explain("measures.start_on", TIMELINE_FACTS, on=dt.date(2025, 1, 15), lang="ru"))
    assert text.splitlines()[0] == "Первый день временных мер на 15 января 2025 г.: 11 декабря 2024 г."
    assert "срок в 20 дней исчисляется со дня, следующего за 20 ноября 2024 г." in text
    assert "см. выше" in text and "Основания" in text and "Ссылки" in text
