"""Asking a rulebook a question: the arguments checked, the answer computed, the decision made."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, TypeVar

from lawcode import dates
from lawcode.engine.compiled import CompiledRulebook
from lawcode.engine.decision import Answer, Decision, answer_of
from lawcode.engine.facts import check_facts_mapping
from lawcode.errors import N_, Message, UnknownQuestionError, UsageError, suggest
from lawcode.rulebook.model import Rulebook

LANGS = ("en", "ru")
D = TypeVar("D", bound=Decision)


def question_date(on: Any) -> dt.date:
    """``on`` as a date: a ``datetime.date``, an ISO ``YYYY-MM-DD`` string, or None for today."""
    if type(on) is dt.date:
        return on
    if on is None:
        return dt.date.today()
    if isinstance(on, str):
        try:
            return dates.parse_iso_date(on)
        except dates.InvalidDate as e:
            raise UsageError(Message(N_("bad question date: {problem}"), problem=e.said), None,
                             Message(N_("give on as a date or 'YYYY-MM-DD'")), subject="on") from None
    what = Message(N_("a date and time")) if isinstance(on, dt.datetime) else type(on).__name__
    raise UsageError(Message(N_("the question date must be a date, not {what}"), what=what), None,
                     Message(N_("give on as datetime.date(2024, 5, 1) or '2024-05-01'")), subject="on")


def check_question(book: Rulebook, question: Any) -> str:
    if question in book.rules:
        return str(question)
    if not isinstance(question, str):
        raise UnknownQuestionError(Message(N_("a question is a rule name (text), not {what}"),
                                           what=type(question).__name__), None,
                                   Message(N_("e.g. {example}"), example="'summons.served_on'"), subject="question")
    raise UnknownQuestionError(Message(N_("unknown question '{question}'"), question=question), None,
                               suggest(question, book.rules)
                               or Message(N_("questions: {names}"), names=", ".join(sorted(book.rules))),
                               subject="question")


def check_lang(lang: Any) -> str:
    if lang not in LANGS:
        raise UsageError(Message(N_("unknown language {lang}"), lang=repr(lang)), None,
                         Message(N_("use en or ru")), subject="lang")
    return str(lang)


class Asker:
    """Answers questions about one rulebook: ``decide`` (value only) and ``explain`` (with reasons)."""

    def __init__(self, book: Rulebook):
        self.book = book
        self.compiled = CompiledRulebook(book)

    def decide(self, question: str, facts: Mapping[str, Any], on: Any = None) -> Answer:
        """The answer to ``question`` about ``facts`` on ``on`` (default today): value, status, missing."""
        if question not in self.book.rules:
            check_question(self.book, question)
        day = on if type(on) is dt.date else question_date(on)
        if type(facts) is not dict:
            check_facts_mapping(facts)
        i, memo = self.compiled.run(question, facts, day)
        return answer_of(question, day, memo[i])

    def explain(self, question: str, facts: Mapping[str, Any], on: Any = None, lang: str = "en",
                kind: type[D] = Decision) -> D:  # type: ignore[assignment]
        """The decision on ``question``, whose reasons are rendered in ``lang`` when asked for; ``kind`` is
        the class of decision to make (the public API's adds the renderings)."""
        if question not in self.book.rules:
            check_question(self.book, question)
        if lang != "en" and lang != "ru":
            check_lang(lang)
        day = on if type(on) is dt.date else question_date(on)
        if type(facts) is not dict:
            check_facts_mapping(facts)
        i, memo = self.compiled.run(question, facts, day)
        return kind(self.book, question, day, lang, facts, self.compiled, i, memo)
