"""The reviewers' vocabulary on its own: typed slots, locale-aware dates and numbers, suggestions."""

from __future__ import annotations

import datetime as dt
import re

import pytest

import lawcode
from lawcode.errors import Location
from lawcode.review.messages import BadValue, listing
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


@pytest.mark.parametrize(("text", "lang", "message", "hint"), [
    ("29 февраля 2023", "ru", "неверная дата «29 февраля 2023»: в этом месяце нет 29-го числа; последний день "
     "месяца — 28 февраля 2023 г.", "пишите 28.02.2023 или 28 февраля 2023"),
    ("31.04.2024", "ru", "неверная дата «31.04.2024»", "пишите 30.04.2024 или 30 апреля 2024"),
    ("2024-13-01", "en", "bad date '2024-13-01': month must be in 1..12", "write 2024-11-05 or 5 November 2024"),
    ("1 Aprill 2024", "en", "unknown month 'Aprill' (did you mean 'april'?)", "write 2024-11-05 or 5 November 2024"),
    # day.month.year is Russian only; it reads one way, so the hint shows the reviewer's own date
    ("01.04.2024", "en", "bad date '01.04.2024': day.month.year is how Russian scenarios write dates",
     "write 2024-04-01 or 1 April 2024"),
    # slashes read two ways: the hint shows the forms on an example, not a guess
    ("05/11/2024", "ru", "неверная дата «05/11/2024»: через косую черту её можно прочитать и как 5 ноября 2024 г., и "
     "как 11 мая 2024 г.", "пишите 05.11.2024 или 5 ноября 2024"),
    ("11/5/2024", "ru", "и как 11 мая 2024 г., и как 5 ноября 2024 г.", "пишите 05.11.2024 или 5 ноября 2024"),
    ("13/5/2024", "en", "bad date '13/5/2024': dates are not written this way here", "write 2024-05-13 or 13 May 2024"),
    ("2024/11/05", "ru", "неверная дата «2024/11/05»: в сценариях даты так не пишут",
     "пишите 05.11.2024 или 5 ноября 2024"),
    ("Monday", "en", "bad date 'Monday': not a date", "write 2024-11-05 or 5 November 2024"),
])
def test_bad_dates_say_what_is_wrong_and_the_form_expected(text: str, lang: str, message: str, hint: str) -> None:
    with pytest.raises(BadValue, match=re.escape(message)) as info:
        parse_step_date(text, lang)
    assert info.value.hint == hint


@pytest.mark.parametrize(("text", "lang", "number"), [
    ("10000", "en", 10000), ("10,000", "en", 10000), ("10 000", "ru", 10000), ("10\u00a0000", "ru", 10000),
    ("-3", "en", -3),
])
def test_numbers_are_read_in_the_feature_language(text: str, lang: str, number: int) -> None:
    assert parse_step_int(text, lang, "x") == number


def test_a_bad_number_is_named() -> None:
    with pytest.raises(BadValue, match="неверное число «1,5» для x") as info:
        parse_step_int("1,5", "ru", "x")
    assert info.value.hint == "пишите целое число, например 10 000"
    with pytest.raises(BadValue, match="bad number 'ten' for x") as info:
        parse_step_int("ten", "en", "x")
    assert info.value.hint == "write a whole number such as 10,000"


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


# -- messages that teach: a wrong value in a known phrase is named as such, in the step's language --------
WHERE = Location("features/x.feature", 7)


def step_error(vocabulary: Vocabulary, text: str, lang: str) -> StepError:
    with pytest.raises(StepError) as info:
        vocabulary.match(text, lang, WHERE)
    assert info.value.location == WHERE, "the error is located at the step"
    return info.value


@pytest.mark.parametrize(("step", "lang", "message", "hint"), [
    ("он родился 05/11/2024", "ru", "неверная дата «05/11/2024»", "пишите 05.11.2024 или 5 ноября 2024"),
    ("он родился 11/5/2024", "ru", "неверная дата «11/5/2024»", "пишите 05.11.2024 или 5 ноября 2024"),
    ("he was born on 05.11.2024", "en", "bad date '05.11.2024': day.month.year is how Russian scenarios",
     "write 2024-11-05 or 5 November 2024"),
    ("I ask for conscription.liable_by_age on 05.11.2024", "en", "bad date '05.11.2024'",
     "write 2024-11-05 or 5 November 2024"),
    ("я спрашиваю conscription.liable_by_age на 15/04/2024", "ru", "неверная дата «15/04/2024»",
     "пишите 15.04.2024 или 15 апреля 2024"),
])
def test_a_date_written_the_other_languages_way_names_the_form_expected(vocabulary: Vocabulary, step: str, lang: str,
                                                                      message: str, hint: str) -> None:
    error = step_error(vocabulary, step, lang)
    assert error.message.startswith(message)
    assert error.hint == hint, "the hint names the form, not the phrase that was used"
    assert "{value}" not in (error.hint or "")


def test_an_unknown_question_suggests_questions_never_fact_phrases(vocabulary: Vocabulary,
                                                                   book: lawcode.Rulebook) -> None:
    fact_phrases = {p.text for f in book.facts.values() for lang in ("en", "ru") for p in f.phrases.get(lang, ())}
    error = step_error(vocabulary, "I ask for liable for conscripton by age on 2024-04-15", "en")
    assert error.message == "unknown question 'liable for conscripton by age'"
    assert error.hint is not None and "'liable for conscription by age'" in error.hint
    error = step_error(vocabulary, "I ask for conscription.liable_by_ag", "en")
    assert error.hint is not None and "'conscription.liable_by_age'" in error.hint
    error = step_error(vocabulary, "я спрашиваю нечто совсем другое на 15.04.2024", "ru")
    assert error.message == "неизвестный вопрос «нечто совсем другое»"
    assert error.hint is not None and error.hint.startswith("вопросы: ")
    assert not any(p.split("{")[0].strip() in error.hint for p in fact_phrases if len(p.split("{")[0]) > 8)
    assert error.hint.count(",") <= 9 + 1, "at most ten suggestions"


def test_an_unknown_fact_suggests_facts_by_name_or_meaning(vocabulary: Vocabulary) -> None:
    error = step_error(vocabulary, "the decision is undetermined and needs person.brith_date", "en")
    assert error.message == "unknown fact 'person.brith_date'"
    assert error.hint is not None and error.hint.startswith("did you mean 'person.birth_date'")  # the closest first
    error = step_error(vocabulary, "решение не определено и нужен факт дата рождения", "ru")
    assert error.message == "неизвестный факт «дата рождения»"
    assert error.hint == "возможно, вы имели в виду «person.birth_date»?"


@pytest.mark.parametrize("step", [
    "он родился 31.02.2024",                         # a day the month does not have
    "он родился 10 маяя 2000",                       # a misspelt month
    "он родился 05/11/2024",                         # the other language's form
    "пол неизвестный",                               # not a value of the enum
    "я спрашиваю conscription.liable_by_ag на 15.04.2024",  # an unknown question
    "решение не определено и нужен факт person.brith_date",  # an unknown fact
    "он родился нет значения",                       # null for a fact that always has a value
    "он родилса 10 мая 2000",                        # no phrase at all
])
def test_in_a_russian_feature_every_message_and_hint_is_russian(vocabulary: Vocabulary, step: str) -> None:
    error = step_error(vocabulary, step, "ru")
    for text in (error.message, error.hint or ""):
        assert re.search("[а-яё]", text), text
        assert not re.search(r"\b(bad|unknown|write|did you mean|use one of|cannot|not a)\b", text), text


def test_echoed_values_are_cut_and_hints_are_short(vocabulary: Vocabulary) -> None:
    long = "мужской " * 60
    error = step_error(vocabulary, f"пол {long}", "ru")
    quoted = re.search("«[^»]*»", error.message)
    assert quoted is not None and len(quoted.group(0)) <= 82 and quoted.group(0).endswith("…»")
    assert listing(range(30), "en") == "0, 1, 2, 3, 4, 5, 6, 7, 8, 9 … and 20 more"
    assert listing(range(12), "ru").endswith("… и ещё 2")


def test_a_step_longer_than_the_limit_is_refused_before_matching(vocabulary: Vocabulary) -> None:
    import time

    from lawcode.review.vocabulary import STEP_LIMIT

    start = time.perf_counter()
    with pytest.raises(StepError, match=r"has 1,048,602 characters, more than the 2,000 a step may have") as info:
        vocabulary.match("the person is a " + "\x1b" * 10 + "x" * (1 << 20), "en", Location("a.feature", 4))
    assert time.perf_counter() - start < 1
    assert len(str(info.value)) < 400 and "\x1b" not in str(info.value) and "\\x1b" in str(info.value)
    assert STEP_LIMIT >= 1000, "the bundled features have steps of 833 characters"
