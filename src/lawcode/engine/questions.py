"""Asking a rulebook a question: the arguments checked, the answer computed, the decision made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from lawcode import dates
from lawcode.engine.decision import Decision
from lawcode.engine.evaluate import trace
from lawcode.engine.facts import validate_facts
from lawcode.errors import UnknownQuestionError, UsageError, did_you_mean
from lawcode.rulebook.model import Rulebook

LANGS = ("en", "ru")


def question_date(on: Any) -> dt.date:
    """``on`` as a date: a ``datetime.date``, an ISO ``YYYY-MM-DD`` string, or None for today."""
    if on is None:
        return dt.date.today()
    if type(on) is dt.date:
        return on
    if isinstance(on, str):
        try:
            return dates.parse_iso_date(on)
        except ValueError as e:
            raise UsageError(f"bad question date: {e}", None, "give on as a date or 'YYYY-MM-DD'") from None
    what = "a date and time" if isinstance(on, dt.datetime) else type(on).__name__
    raise UsageError(f"the question date must be a date, not {what}", None,
                     "give on as datetime.date(2024, 5, 1) or '2024-05-01'")


def check_question(book: Rulebook, question: Any) -> str:
    if not isinstance(question, str):
        raise UnknownQuestionError(f"a question is a rule name (text), not {type(question).__name__}", None,
                                   "e.g. 'summons.served_on'")
    if question not in book.rules:
        raise UnknownQuestionError(f"unknown question '{question}'", None,
                                   did_you_mean(question, book.rules) or "questions: " + ", ".join(sorted(book.rules)))
    return question


def check_lang(lang: Any) -> str:
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}", None, "use en or ru")
    return str(lang)


def explain(book: Rulebook, question: str, facts: Mapping[str, Any], on: Any = None, lang: str = "en") -> Decision:
    """Answer ``question`` about ``facts`` on ``on`` (default today), to be explained in ``lang``."""
    check_question(book, question)
    check_lang(lang)
    day = question_date(on)
    valid = validate_facts(book, facts)
    return Decision(book, question, day, lang, trace(book, question, valid, day), valid)
