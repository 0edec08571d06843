"""The reviewers' vocabulary on its own: typed slots, locale-aware dates and numbers, suggestions."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import lawcode
from lawcode.review.vocabulary import StepError, Vocabulary, parse_step_date, parse_step_int


@pytest.fixture(scope="module")
def vocabulary(book: lawcode.Rulebook) -> Vocabulary:
    return Vocabulary(book)


@pytest.mark.parametrize(("text", "lang", "day"), [
    ("2024-04-01", "en", dt.date(2024, 4, 1)),
    ("1 April 2024", "en", dt.date(2024, 4, 1)),
    ("1 Apr 2024", "en", dt.date(2024, 4, 1)),
    ("01.04.2024", "ru", dt.date(2024, 4, 1)),
    ("1 апреля 2024", "ru", dt.date(2024, 4, 1)),
    ("1 апреля 2024 г.", "ru", dt.date(2024, 4, 1)),
    ("29 февраля 2024", "ru", dt.date(2024, 2, 29)),
])
def test_dates_as_reviewers_write_them(text: str, lang: str, day: dt.date) -> None:
    assert parse_step_date(text, lang) == day


@pytest.mark.parametrize(("text", "lang", "message"), [
    ("29 февраля 2023", "ru", "day is out of range"),
    ("31.04.2024", "ru", "bad date '31.04.2024'"),
    ("1 Aprill 2024", "en", "unknown month 'Aprill' (did you mean 'april'?)"),
    ("01.04.2024", "en", "write 2024-04-01 or 1 April 2024"),  # day-first numbers are Russian only
])
def test_bad_dates_say_what_is_wrong(text: str, lang: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_step_date(text, lang)


@pytest.mark.parametrize(("text", "lang", "number"), [
    ("10000", "en", 10000), ("10,000", "en", 10000), ("10 000", "ru", 10000), ("10\u00a0000", "ru", 10000),
    ("-3", "en", -3),
])
def test_numbers_are_read_in_the_feature_language(text: str, lang: str, number: int) -> None:
    assert parse_step_int(text, lang, "x") == number


def test_a_bad_number_is_named() -> None:
    with pytest.raises(ValueError, match="bad number '1,5' for x"):
        parse_step_int("1,5", "ru", "x")


def test_list_answers_keep_thousands_separators_apart_from_item_commas(vocabulary: Vocabulary) -> None:
    assert vocabulary.answer("liability.fine_range_rub", "10,000, 30,000", "en") == [10000, 30000]
    assert vocabulary.answer("liability.fine_range_rub", "10 000, 30 000", "ru") == [10000, 30000]
    assert vocabulary.answer("measures.in_force", "driving, credit", "en") == ["driving", "credit"]
    assert vocabulary.answer("measures.in_force", "none", "en") == []


def test_enum_values_by_code_or_by_label_in_the_language(vocabulary: Vocabulary) -> None:
    m = vocabulary.match("пол мужской", "ru")
    assert m.phrase.fact is not None and m.phrase.fact.name == "person.sex" and m.values["value"] == "male"
    assert vocabulary.match("the person's sex is female", "en").values["value"] == "female"


def test_unknown_step_suggests_phrases_of_its_own_language(vocabulary: Vocabulary) -> None:
    with pytest.raises(StepError) as info:
        vocabulary.match("он родилься 10.05.2000", "ru")
    assert info.value.hint is not None and info.value.hint.startswith("возможно, вы имели в виду")
    assert '"он родился {value}"' in info.value.hint


def test_the_bundled_vocabulary_has_no_duplicate_phrases(vocabulary: Vocabulary) -> None:
    assert vocabulary.problems() == []
