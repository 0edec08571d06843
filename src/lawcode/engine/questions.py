"""Asking a rulebook a question: the arguments checked, the answer computed, the decision made."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Collection, Mapping
from typing import Any, TypeVar

from lawcode import dates
from lawcode.engine.compiled import CompiledRulebook
from lawcode.engine.decision import Answer, Decision, answer_of
from lawcode.engine.facts import check_facts_mapping
from lawcode.errors import (
    N_,
    QUOTE_LIMIT,
    Message,
    UnknownQuestionError,
    UsageError,
    quote,
    safe_text,
    shorten,
    suggest,
)
from lawcode.rulebook.model import Rulebook

LANGS = ("en", "ru")
D = TypeVar("D", bound=Decision)


def parse_date_argument(text: str) -> dt.date:
    """A question date written ``YYYY-MM-DD`` (an argument or a field); a refusal quotes it bounded."""
    try:
        return dates.parse_iso_date(text)
    except dates.InvalidDate:
        if len(text) <= QUOTE_LIMIT:
            raise
        raise dates.InvalidDate(Message(N_("bad date {text}: expected YYYY-MM-DD"), text=quote(text))) from None


def question_date(on: Any) -> dt.date:
    """``on`` as a date: a ``datetime.date``, an ISO ``YYYY-MM-DD`` string, or None for today."""
    if type(on) is dt.date:
        return on
    if on is None:
        return dt.date.today()
    if isinstance(on, str):
        try:
            return parse_date_argument(on)
        except dates.InvalidDate as e:
            raise UsageError(Message(N_("bad question date: {problem}"), problem=e.said), None,
                             Message(N_("give on as a date or 'YYYY-MM-DD'")), subject="on") from None
    what = Message(N_("a date and time")) if isinstance(on, dt.datetime) else type(on).__name__
    raise UsageError(Message(N_("the question date must be a date, not {what}"), what=what), None,
                     Message(N_("give on as datetime.date(2024, 5, 1) or '2024-05-01'")), subject="on")


HINTED = 10  # questions a hint names when none is close to the one asked
HINT_CHARS = 200  # characters of those names, so that the hint stays one line


def _questions_hint(question: str, names: Collection[str]) -> Message:
    """The questions to name when ``question`` is close to none: all of a small rulebook, else the ``HINTED``
    most alike (so the hint stays one short line however big the rulebook)."""
    if len(names) <= HINTED and sum(len(n) + 2 for n in names) <= HINT_CHARS:
        return Message(N_("questions: {names}"), names=", ".join(sorted(names)))
    alike: list[str] = []
    for name in difflib.get_close_matches(question[:100], list(names), n=HINTED, cutoff=0.0):
        if alike and sum(len(n) + 2 for n in (*alike, name)) > HINT_CHARS:
            break
        alike.append(name)
    return Message(N_("questions include {names} ({count} in all)"), names=", ".join(sorted(alike)),
                   count=len(names))


def check_question(book: Rulebook, question: Any) -> str:
    """``question`` if it names a rule of ``book``; else an ``UnknownQuestionError`` quoting it (bounded) with a
    hint naming at most ``HINTED`` questions."""
    if not isinstance(question, str):
        raise UnknownQuestionError(Message(N_("a question is a rule name (text), not {what}"),
                                           what=type(question).__name__), None,
                                   Message(N_("e.g. {example}"), example="'summons.served_on'"), subject="question")
    if question in book.rules:
        return question
    raise UnknownQuestionError(Message(N_("unknown question '{question}'"), question=safe_text(shorten(question))),
                               None, (suggest(question, book.rules) if len(question) <= 200 else None)
                               or _questions_hint(question, book.rules), subject="question")


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
        if type(question) is not str or question not in self.book.rules:
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
        if type(question) is not str or question not in self.book.rules:
            check_question(self.book, question)
        if lang != "en" and lang != "ru":
            check_lang(lang)
        day = on if type(on) is dt.date else question_date(on)
        if type(facts) is not dict:
            check_facts_mapping(facts)
        i, memo = self.compiled.run(question, facts, day)
        return kind(self.book, question, day, lang, facts, self.compiled, i, memo)
