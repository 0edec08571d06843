"""The text explanation: the answer first, each rule's reasons in full once, both languages."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

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


def test_a_case_says_in_words_when_it_does_not_apply(tmp_path: Path) -> None:
    """A reader gets the case's own "does not apply" words; Markdown and JSON also show the condition."""
    rules = tmp_path / "rules"
    shutil.copytree(lawcode.bundled_rules_dir(), rules)
    age = rules / "conscription" / "age.yaml"
    text = age.read_text(encoding="utf-8")
    said = '{en: "he is a man (sex: {person.sex})", ru: "он мужчина (пол: {person.sex})"}'
    text = text.replace('        does_not_apply: {en: the person is a man, ru: это мужчина}\n',
                        f'        does_not_apply: {said}\n')
    assert said in text
    age.write_text(text, encoding="utf-8")
    book = lawcode.load(rules)
    facts = {"person.sex": "male", "person.birth_date": "2000-05-10"}
    d = book.explain("conscription.liable_by_age", facts, on="2024-04-15")
    assert "not-male: he is a man (sex: male)" in str(d)
    assert "person.sex != " not in str(d)
    assert "он мужчина (пол: мужской)" in str(d.in_language("ru"))
    assert '(condition: `person.sex != "male"`)' in d.to_markdown()
    [rejected] = [r for r in d.to_dict()["nodes"]["conscription.liable_by_age"]["rejected"] if r["case"] == "not-male"]
    assert rejected["text"].startswith("he is a man") and "person.sex !=" in rejected["text"]
