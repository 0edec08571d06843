"""The reviewers' step vocabulary: Gherkin phrases (en/ru) matched to facts, questions and checks.

Fact phrases come from ``facts.yaml``, question phrases from the rules; the generic phrases
(ask, answer, cites...) are declared here. A step must match exactly one phrase: no match
gives the closest phrases in the step's language, two matches an ambiguity error naming both,
and a slot whose text has the right shape but a bad value (``2024-13-01``) a "bad value" error.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import functools
import re
from enum import StrEnum
from typing import Any

from attrs import frozen
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import NumberFormatError, format_decimal, parse_number

from lawcode.api import Rulebook
from lawcode.errors import LawcodeError, Location
from lawcode.render.i18n import format_date, gettext
from lawcode.review.messages import (
    SHORTLIST,
    SUGGEST_CHARS,
    BadValue,
    closest,
    did_you_mean,
    listing,
    quoted,
    similarity,
    trigrams,
)
from lawcode.rulebook.model import FactDef

_DAY_MONTH_YEAR = r"\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}(?:\s*г\.?)?"
DATE_SHAPES = {"en": r"\d{4}-\d{2}-\d{2}|" + _DAY_MONTH_YEAR,
               "ru": r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|" + _DAY_MONTH_YEAR}
NULL_WORDS = {"en": ("none", "null"), "ru": ("нет значения", "null", "отсутствует")}
BOOL_WORDS = {"en": {"yes": True, "true": True, "no": False, "false": False},
              "ru": {"да": True, "нет": False, "true": True, "false": False}}

class Action(StrEnum):
    """What a step does: set a fact (declared in facts.yaml), or one of the generic phrases below."""

    FACT = "fact"
    FACTS_TABLE = "facts_table"
    ASK_ON = "ask_on"
    ASK = "ask"
    ANSWER = "answer"
    UNDETERMINED_NEEDS = "undetermined_needs"
    UNDETERMINED = "undetermined"
    CITES = "cites"
    SAYS = "says"
    RESTS_ON = "rests_on"
    FLAGGED = "flagged"
    NOT_FLAGGED = "not_flagged"


# Generic phrases: (action, en, ru); slots: {question} {date} {answer} {fact} {citation} {text} {case}
GENERIC: tuple[tuple[Action, str, str], ...] = (
    (Action.FACTS_TABLE, "the facts:", "факты:"),
    (Action.ASK_ON, "I ask for {question} on {date}", "я спрашиваю {question} на {date}"),
    (Action.ASK, "I ask for {question}", "я спрашиваю {question}"),
    (Action.ANSWER, "the answer is {answer}", "ответ {answer}"),
    (Action.UNDETERMINED_NEEDS, "the decision is undetermined and needs {fact}",
     "решение не определено и нужен факт {fact}"),
    (Action.UNDETERMINED, "the decision is undetermined", "решение не определено"),
    (Action.CITES, "the explanation cites {citation}", "объяснение ссылается на {citation}"),
    (Action.SAYS, "the explanation says {text}", "объяснение содержит {text}"),
    (Action.RESTS_ON, "the decision rests on case {case}", "решение основано на случае {case}"),
    (Action.FLAGGED, "the explanation is flagged unverified", "объяснение помечено как непроверенное"),
    (Action.NOT_FLAGGED, "the explanation is not flagged unverified", "объяснение не помечено как непроверенное"),
)
# Characters of a step: the longest bundled step has 833 (a list of restrictions); a longer one is refused before
# any regular expression or similarity measure sees it, so matching a step takes bounded time.
STEP_LIMIT = 2000
SLOT_SHAPES = {"question": r"[\w.\-]+", "fact": r"[\w.]+", "case": r"[\w.\-]+", "answer": r".+?",
               "citation": r".+?", "text": r".+?"}


class StepError(LawcodeError):
    """A reviewer's step that cannot be run: unknown, ambiguous, or with a bad value."""


@frozen
class StepPhrase:
    """One phrase of the vocabulary, compiled to a regular expression over the step text."""

    lang: str
    text: str
    action: Action
    pattern: re.Pattern[str]
    fact: FactDef | None = None
    fixed: bool = False
    fixed_value: Any = None


@frozen
class StepMatch:
    """A step matched to its phrase, with slot values typed."""

    phrase: StepPhrase
    values: dict[str, Any]


@functools.cache
def month_numbers(lang: str) -> dict[str, int]:
    """Month names of ``lang`` (all CLDR forms: wide, abbreviated; format and stand-alone) -> number."""
    loc = Locale.parse(lang)
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in loc.months[context][width].items():
                names[name.lower().rstrip(".")] = number
    return names


EXAMPLE_DAY = dt.date(2024, 11, 5)


def date_forms(lang: str, day: dt.date | None = None) -> str:
    """The hint for a date: the two forms a feature in ``lang`` writes, shown on ``day``."""
    day = day or EXAMPLE_DAY
    long = babel_format_date(day, "d MMMM y", locale=lang)
    if lang == "ru":
        return gettext(lang, "write {short} or {long}").format(short=day.strftime("%d.%m.%Y"), long=long)
    return gettext(lang, "write {short} or {long}").format(short=day.isoformat(), long=long)


def _make_date(year: int, month: int, day: int, text: str, lang: str) -> dt.date:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:  # year 0: four digits allow it, the calendar has no such year
        raise BadValue(gettext(lang, "bad date {date}: the year must be in 1..9999").format(date=quoted(text, lang)),
                       date_forms(lang))
    if not 1 <= month <= 12:
        raise BadValue(gettext(lang, "bad date {date}: month must be in 1..12").format(date=quoted(text, lang)),
                       date_forms(lang))
    try:
        return dt.date(year, month, day)
    except ValueError:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        raise BadValue(gettext(lang, "bad date {date}: that month has no day {day}; its last day is {last}")
                       .format(date=quoted(text, lang), day=day, last=format_date(last, lang)),
                       date_forms(lang, last)) from None


def _valid(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _wrong_form(text: str, lang: str) -> BadValue:
    """Why ``text`` is not a date of ``lang``, naming the form expected with an example (the
    reviewer's own date when it can be read one way only)."""
    shown = quoted(text, lang)
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text)
    if m and lang != "ru":  # day.month.year: Russian, and unambiguous
        day = _valid(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return BadValue(gettext(lang, "bad date {date}: day.month.year is how Russian scenarios write dates")
                        .format(date=shown), date_forms(lang, day))
    m = re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text)
    if m:  # year first: unambiguous
        day = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return BadValue(gettext(lang, "bad date {date}: dates are not written this way here").format(date=shown),
                        date_forms(lang, day))
    m = re.fullmatch(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})", text)
    if m:
        a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        readings = list(dict.fromkeys(d for d in (_valid(year, b, a), _valid(year, a, b)) if d is not None))
        if len(readings) == 2:
            return BadValue(gettext(lang, "bad date {date}: written with slashes it can be read as {first} or as "
                                          "{second}").format(date=shown, first=format_date(readings[0], lang),
                                                             second=format_date(readings[1], lang)),
                            date_forms(lang))
        return BadValue(gettext(lang, "bad date {date}: dates are not written this way here").format(date=shown),
                        date_forms(lang, readings[0] if readings else None))
    return BadValue(gettext(lang, "bad date {date}: not a date").format(date=shown), date_forms(lang))


def parse_step_date(text: str, lang: str) -> dt.date:
    """A date as a reviewer writes it: ISO, '01.04.2024' (ru), or '1 April 2024' / '1 апреля 2024'.

    Anything else is a ``BadValue`` naming the form the feature's language expects, with an example.
    """
    s = " ".join(text.split())
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), s, lang)
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s)
    if m and lang == "ru":
        return _make_date(int(m.group(3)), int(m.group(2)), int(m.group(1)), s, lang)
    m = re.fullmatch(r"(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})(?:\s*г\.?)?", s)
    if m:
        month = month_numbers(lang).get(m.group(2).lower())
        if month is None:
            close = closest(m.group(2), sorted(set(month_numbers(lang))), n=1)
            message = gettext(lang, "bad date {date}: unknown month {month}").format(
                date=quoted(s, lang), month=quoted(m.group(2), lang))
            if close:
                message += " (" + gettext(lang, "did you mean {names}?").format(names=quoted(close[0], lang)) + ")"
            raise BadValue(message, date_forms(lang))
        return _make_date(int(m.group(3)), month, int(m.group(1)), s, lang)
    raise _wrong_form(s, lang)


INT_SHAPE = r"-?\d[\d\s\u00a0,.]*"


def parse_step_int(text: str, lang: str, what: str) -> int:
    """A whole number as written in ``lang`` ('10 000' in Russian, '10,000' in English), via babel."""
    try:
        return int(parse_number(text.strip(), locale=lang))
    except (NumberFormatError, ValueError):
        raise BadValue(gettext(lang, "bad number {number} for {what}").format(number=quoted(text, lang), what=what),
                       gettext(lang, "write a whole number such as {example}").format(
                           example=format_decimal(10000, locale=lang).replace("\u00a0", " "))) from None


def unquote(text: str) -> str:
    t = text.strip()
    for a, b in (('"', '"'), ("'", "'"), ("«", "»"), ("“", "”")):
        if len(t) >= 2 and t[0] == a and t[-1] == b:
            return t[1:-1]
    return t


class Vocabulary:
    """All phrases of a rulebook in both languages, and the matcher reviewers' steps go through."""

    def __init__(self, book: Rulebook):
        self.book = book
        self.phrases: dict[str, list[StepPhrase]] = {"en": [], "ru": []}
        # the same phrases with every slot open (.+?): tried only when no phrase matches, to tell
        # "a bad value in a known phrase" (a date written the other language's way) from "no phrase"
        self.loose: dict[str, list[StepPhrase]] = {"en": [], "ru": []}
        self.questions: dict[str, dict[str, str]] = {"en": {}, "ru": {}}
        for lang in ("en", "ru"):
            for rule in book.rules.values():
                for phrase in rule.phrases.get(lang, ()):
                    self.questions[lang][phrase.text.lower()] = rule.name
            for action, en, ru in GENERIC:
                self._add(lang, en if lang == "en" else ru, action)
            for fact in book.facts.values():
                for phrase in fact.phrases.get(lang, ()):
                    self._add(lang, phrase.text, Action.FACT, fact, phrase.fixed, phrase.value)
        self._lowered = {lang: [p.text.lower() for p in phrases] for lang, phrases in self.phrases.items()}
        self._trigrams = {lang: [trigrams(text) for text in texts] for lang, texts in self._lowered.items()}

    def _add(self, lang: str, text: str, action: Action, fact: FactDef | None = None, fixed: bool = False,
             value: Any = None) -> None:
        strict, loose = "", ""
        for part in re.split(r"(\{\w+\})", text):
            slot = re.fullmatch(r"\{(\w+)\}", part)
            if not slot:
                literal = r"\s+".join(re.escape(w) for w in part.split(" ")) if part.strip() else r"\s*"
                strict, loose = strict + literal, loose + literal
                continue
            name = slot.group(1)
            strict += f"(?P<{name}>{self._shape(name, fact, lang)})"
            loose += f"(?P<{name}>.+?)"
        self.phrases[lang].append(StepPhrase(lang, text, action, re.compile(strict, re.IGNORECASE), fact, fixed,
                                             value))
        if "{" in text:
            self.loose[lang].append(StepPhrase(lang, text, action, re.compile(loose, re.IGNORECASE), fact, fixed,
                                               value))

    def _shape(self, slot: str, fact: FactDef | None, lang: str) -> str:
        if slot == "value" and fact is not None:
            return self._value_shape(fact, lang)
        if slot == "question":
            known = sorted(self.questions[lang], key=len, reverse=True)
            return "|".join([SLOT_SHAPES["question"], *(re.escape(k) for k in known)])
        if slot == "date":
            return DATE_SHAPES[lang]
        return SLOT_SHAPES.get(slot, ".+?")

    def _value_shape(self, fact: FactDef, lang: str) -> str:
        if fact.type == "date":
            return DATE_SHAPES[lang] + "|" + "|".join(NULL_WORDS[lang])
        if fact.type == "int":
            return INT_SHAPE
        return r".+?"

    # -- matching ---------------------------------------------------------------------------
    def match(self, text: str, lang: str, where: Location | None = None) -> StepMatch:
        """The one phrase ``text`` matches, with typed values; ``StepError`` otherwise."""
        lang = lang if lang in self.phrases else "en"
        if len(text) > STEP_LIMIT:
            raise StepError(gettext(lang, "the step {step} has {length} characters, more than the {limit} a step "
                                          "may have").format(step=quoted(text, lang, True), length=f"{len(text):,}",
                                                             limit=f"{STEP_LIMIT:,}"),
                            where, gettext(lang, "split it into shorter steps, or give long values in a table"))
        step = " ".join(text.split())
        hits = [(p, m) for p in self.phrases[lang] if (m := p.pattern.fullmatch(step))]
        if not hits:
            return self._explain_no_match(step, lang, where)
        if len(hits) > 1:
            first, second = hits[0][0].text, hits[1][0].text
            raise StepError(gettext(lang, "the step {step} matches two phrases: {first} and {second}")
                            .format(step=quoted(step, lang, True), first=quoted(first, lang, True),
                                    second=quoted(second, lang, True)),
                            where,
                            gettext(lang, "reword the step, or make the phrases in facts.yaml or the rules distinct"))
        return self._typed(*hits[0], lang, where)

    def _typed(self, phrase: StepPhrase, m: re.Match[str], lang: str, where: Location | None) -> StepMatch:
        values: dict[str, Any] = {}
        for name, raw in m.groupdict().items():
            try:
                values[name] = self._convert(phrase, name, raw, lang)
            except BadValue as e:
                raise StepError(e.message, where, e.hint) from None
        return StepMatch(phrase, values)

    def _explain_no_match(self, step: str, lang: str, where: Location | None) -> StepMatch:
        """No phrase matches: if exactly one phrase matches with its slots open, the words are right
        and a value is wrong (a date in the other language's form, an unknown question), so say that;
        otherwise suggest the phrases closest to the step."""
        loose = [(p, m) for p in self.loose[lang] if (m := p.pattern.fullmatch(step))]
        if loose:
            best = max(_literal_length(p.text) for p, _ in loose)
            loose = [(p, m) for p, m in loose if _literal_length(p.text) == best]
        if len(loose) == 1:
            return self._typed(*loose[0], lang, where)  # raises the value's own error, or accepts it
        raise StepError(gettext(lang, "no phrase matches the step {step}").format(step=quoted(step, lang, True)), where,
                        self.suggest(step, lang))

    def suggest(self, step: str, lang: str) -> str:
        """The three phrases spelt most like ``step``, best first, by difflib's ratio. The ratio (slow: quadratic)
        is computed only for the ``SHORTLIST`` phrases sharing the most three-letter pieces with the step (fast
        set intersections), on its first ``SUGGEST_CHARS`` characters: a step that matches nothing costs a
        fraction of a millisecond, whatever its length and however many phrases there are."""
        probe = step.lower()[:SUGGEST_CHARS]
        pieces = trigrams(probe)
        shapes = self._trigrams[lang]
        shortlist = sorted(range(len(shapes)), key=lambda i: -similarity(pieces, shapes[i]))[:SHORTLIST]
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq1(probe)
        scored = []
        for i in shortlist:
            matcher.set_seq2(self._lowered[lang][i])
            scored.append((-matcher.ratio(), i))
        texts = [self.phrases[lang][i].text for _, i in sorted(scored)[:3]]
        return gettext(lang, "did you mean") + ": " + " | ".join(f"\"{t}\"" for t in texts)

    def _convert(self, phrase: StepPhrase, slot: str, raw: str, lang: str) -> Any:
        if slot == "date":
            return parse_step_date(raw, lang)
        if slot == "question":
            return self.question(raw, lang)
        if slot == "fact":
            return self.fact_name(raw, lang)
        if slot == "value" and phrase.fact is not None:
            return self.fact_value(phrase.fact, raw, lang)
        if slot in ("text", "citation"):
            return unquote(raw)
        return raw.strip()

    def fact_name(self, raw: str, lang: str) -> str:
        """A fact named in a step or a facts table; an unknown one suggests facts (by name or meaning)."""
        name = unquote(raw)
        if name in self.book.facts:
            return name
        meanings = {f.meaning.get(lang): f.name for f in self.book.facts.values()}
        raise BadValue(gettext(lang, "unknown fact {name}").format(name=quoted(name, lang)),
                       did_you_mean(name, self.book.facts, lang, gettext(lang, "the facts are"), meanings))

    def question(self, raw: str, lang: str) -> str:
        """A question named in a step: a rule name or one of its phrases; an unknown one suggests
        questions, never fact phrases."""
        name = unquote(raw)
        if name in self.book.rules:
            return name
        by_phrase = self.questions[lang].get(name.lower())
        if by_phrase:
            return by_phrase
        phrases = {p: rule for p, rule in self.questions[lang].items()}
        raise BadValue(gettext(lang, "unknown question {name}").format(name=quoted(name, lang)),
                       did_you_mean(name, [*self.book.rules, *phrases], lang, gettext(lang, "the questions are")))

    def fact_value(self, fact: FactDef, raw: str, lang: str) -> Any:
        """A step's text for ``fact`` converted to its type (dates, booleans, enum codes or labels, null)."""
        text = unquote(raw)
        if text.lower() in NULL_WORDS[lang] or text.lower() == "null":
            if not fact.nullable:
                raise BadValue(gettext(lang, "the fact {fact} cannot be {none}: it always has a value")
                               .format(fact=fact.name, none=quoted(NULL_WORDS[lang][0], lang)),
                               gettext(lang, "leave the fact out if it is not known"))
            return None
        return self.typed(fact.type, text, lang, fact.values, fact.name)

    def typed(self, typ: str, text: str, lang: str, labels: Any, what: str) -> Any:
        """Convert ``text`` to a value of type ``typ`` the way a reviewer writes it in ``lang``."""
        if typ == "date":
            return parse_step_date(text, lang)
        if typ == "bool":
            word = text.lower()
            if word in BOOL_WORDS[lang]:
                return BOOL_WORDS[lang][word]
            yes, no = ("да", "нет") if lang == "ru" else ("yes", "no")
            raise BadValue(gettext(lang, "bad yes/no value {value} for {what}").format(value=quoted(text, lang),
                                                                                        what=what),
                           gettext(lang, "write {yes} or {no}").format(yes=yes, no=no))
        if typ == "int":
            return parse_step_int(text, lang, what)
        if typ in ("enum", "list"):
            return self._code(text, lang, labels, what)
        return text

    def _code(self, text: str, lang: str, labels: Any, what: str) -> str:
        if not labels or text in labels:
            return text
        for code, label in labels.items():
            if label.get(lang).lower() == text.lower():
                return str(code)
        names = {label.get(lang): str(code) for code, label in labels.items()}
        hint = did_you_mean(text, [*names, *labels], lang)
        known = gettext(lang, "use one of: {values}").format(values=listing(names, lang))
        # the values on a line of their own: long suggested labels and the list would make one unreadable line
        raise BadValue(gettext(lang, "{value} is not a value of {what}").format(value=quoted(text, lang), what=what),
                       f"{hint}\n  {known}" if hint else known)

    def answer(self, question: str, raw: str, lang: str) -> Any:
        """The expected answer of a ``Then`` step, typed by the asked rule."""
        rule = self.book.rules[question]
        text = unquote(raw)
        if text.lower() in NULL_WORDS[lang]:
            return [] if rule.type == "list" else None
        if rule.type == "list":
            if text in ("[]",):
                return []
            # items are separated by commas; a comma before three digits is a thousands separator
            parts = [part.strip() for part in re.split(r",(?!\d{3}\b)\s*", text)]
            if not rule.values and all(re.fullmatch(INT_SHAPE, part) for part in parts):
                return [parse_step_int(part, lang, question) for part in parts]  # e.g. an amount range
            return [self._code(part, lang, rule.values, question) for part in parts]
        return self.typed(rule.type, text, lang, rule.values, question)

    def problems(self) -> list[LawcodeError]:
        """Phrases declared twice in one language: every step using them would be ambiguous."""
        found: list[LawcodeError] = []
        for lang, phrases in self.phrases.items():
            seen: dict[str, StepPhrase] = {}
            for p in phrases:
                key = " ".join(p.text.lower().split())
                if key in seen:
                    owners = [x.fact.name if x.fact else "lawcode" for x in (seen[key], p)]
                    found.append(StepError(f"the {lang} phrase \"{p.text}\" is declared twice ({owners[0]} and "
                                           f"{owners[1]})", p.fact.location if p.fact else None,
                                           "every phrase must name one fact or question"))
                seen[key] = p
        return found


def _literal_length(text: str) -> int:
    """How much of a phrase is fixed words (the more, the more specific a loose match)."""
    return len(re.sub(r"\{\w+\}", "", text))
