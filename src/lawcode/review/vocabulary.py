"""The reviewers' step vocabulary: Gherkin phrases (en/ru) matched to facts, questions and checks.

Fact phrases come from ``facts.yaml``, question phrases from the rules; the generic phrases
(ask, answer, cites...) are declared here. A step must match exactly one phrase: no match
gives the closest phrases in the step's language, two matches an ambiguity error naming both,
and a slot whose text has the right shape but a bad value (``2024-13-01``) a "bad value" error.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from typing import Any

from attrs import frozen
from babel import Locale
from babel.dates import parse_date as babel_parse_date
from babel.numbers import NumberFormatError, parse_number

from lawcode import dates
from lawcode.api import Rulebook
from lawcode.errors import LawcodeError, Location
from lawcode.render.i18n import gettext
from lawcode.rulebook.model import FactDef

_DAY_MONTH_YEAR = r"\d{1,2}\s+[^\W\d_]+\.?\s+\d{4}(?:\s*г\.?)?"
DATE_SHAPES = {"en": r"\d{4}-\d{2}-\d{2}|" + _DAY_MONTH_YEAR,
               "ru": r"\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2}|" + _DAY_MONTH_YEAR}
NULL_WORDS = {"en": ("none", "null"), "ru": ("нет значения", "null", "отсутствует")}
BOOL_WORDS = {"en": {"yes": True, "true": True, "no": False, "false": False},
              "ru": {"да": True, "нет": False, "true": True, "false": False}}

# Generic phrases: (action, en, ru); slots: {question} {date} {answer} {fact} {citation} {text} {case}
GENERIC: tuple[tuple[str, str, str], ...] = (
    ("facts_table", "the facts:", "факты:"),
    ("ask_on", "I ask for {question} on {date}", "я спрашиваю {question} на {date}"),
    ("ask", "I ask for {question}", "я спрашиваю {question}"),
    ("answer", "the answer is {answer}", "ответ {answer}"),
    ("undetermined_needs", "the decision is undetermined and needs {fact}",
     "решение не определено и нужен факт {fact}"),
    ("undetermined", "the decision is undetermined", "решение не определено"),
    ("cites", "the explanation cites {citation}", "объяснение ссылается на {citation}"),
    ("says", "the explanation says {text}", "объяснение содержит {text}"),
    ("rests_on", "the decision rests on case {case}", "решение основано на случае {case}"),
    ("flagged", "the explanation is flagged unverified", "объяснение помечено как непроверенное"),
    ("not_flagged", "the explanation is not flagged unverified", "объяснение не помечено как непроверенное"),
)
SLOT_SHAPES = {"question": r"[\w.\-]+", "fact": r"[\w.]+", "case": r"[\w.\-]+", "answer": r".+?",
               "citation": r".+?", "text": r".+?"}


class StepError(LawcodeError):
    """A reviewer's step that cannot be run: unknown, ambiguous, or with a bad value."""


@frozen
class StepPhrase:
    """One phrase of the vocabulary, compiled to a regular expression over the step text."""

    lang: str
    text: str
    action: str  # "fact" or one of the GENERIC actions
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


def parse_step_date(text: str, lang: str) -> dt.date:
    """A date as a reviewer writes it: ISO, '01.04.2024' (ru), or '1 April 2024' / '1 апреля 2024'."""
    s = " ".join(text.split())
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return dates.parse_iso_date(s)
    if lang == "ru" and re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", s):
        try:
            return babel_parse_date(s, locale="ru")
        except ValueError as e:
            raise ValueError(f"bad date '{text}': {e}") from None
    m = re.fullmatch(r"(\d{1,2})\s+([^\W\d_]+)\.?\s+(\d{4})(?:\s*г\.?)?", s)
    if m:
        month = month_numbers(lang).get(m.group(2).lower())
        if month is None:
            known = sorted(set(month_numbers(lang)))
            close = difflib.get_close_matches(m.group(2).lower(), known, n=1)
            raise ValueError(f"bad date '{text}': unknown month '{m.group(2)}'"
                             + (f" (did you mean '{close[0]}'?)" if close else ""))
        try:
            return dt.date(int(m.group(3)), month, int(m.group(1)))
        except ValueError as e:
            raise ValueError(f"bad date '{text}': {e}") from None
    examples = "2024-04-01 or 1 April 2024" if lang == "en" else "01.04.2024 или 1 апреля 2024"
    raise ValueError(f"bad date '{text}': write {examples}")


INT_SHAPE = r"-?\d[\d\s\u00a0,.]*"


def parse_step_int(text: str, lang: str, what: str) -> int:
    """A whole number as written in ``lang`` ('10 000' in Russian, '10,000' in English), via babel."""
    try:
        return int(parse_number(text.strip(), locale=lang))
    except (NumberFormatError, ValueError):
        raise ValueError(f"bad number '{text}' for {what}: write a whole number such as "
                         + ("10 000" if lang == "ru" else "10,000")) from None


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
        self.questions: dict[str, dict[str, str]] = {"en": {}, "ru": {}}
        for lang in ("en", "ru"):
            for action, en, ru in GENERIC:
                self._add(lang, en if lang == "en" else ru, action)
            for fact in book.facts.values():
                for phrase in fact.phrases.get(lang, ()):
                    self._add(lang, phrase.text, "fact", fact, phrase.fixed, phrase.value)
            for rule in book.rules.values():
                for phrase in rule.phrases.get(lang, ()):
                    self.questions[lang][phrase.text.lower()] = rule.name

    def _add(self, lang: str, text: str, action: str, fact: FactDef | None = None, fixed: bool = False,
             value: Any = None) -> None:
        parts = re.split(r"(\{\w+\})", text)
        regex = ""
        for part in parts:
            slot = re.fullmatch(r"\{(\w+)\}", part)
            if not slot:
                regex += r"\s+".join(re.escape(w) for w in part.split(" ")) if part.strip() else r"\s*"
                continue
            name = slot.group(1)
            if name == "value" and fact is not None:
                shape = self._value_shape(fact, lang)
            elif name == "question":
                known = sorted(self._question_phrases(lang), key=len, reverse=True)
                shape = "|".join([SLOT_SHAPES["question"], *(re.escape(k) for k in known)])
            elif name == "date":
                shape = DATE_SHAPES[lang]
            else:
                shape = SLOT_SHAPES.get(name, ".+?")
            regex += f"(?P<{name}>{shape})"
        pattern = re.compile(regex, re.IGNORECASE)
        self.phrases[lang].append(StepPhrase(lang, text, action, pattern, fact, fixed, value))

    def _question_phrases(self, lang: str) -> list[str]:
        return [p.text for r in self.book.rules.values() for p in r.phrases.get(lang, ())]

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
        step = " ".join(text.split())
        hits: list[tuple[StepPhrase, re.Match[str]]] = []
        for phrase in self.phrases[lang]:
            m = phrase.pattern.fullmatch(step)
            if m:
                hits.append((phrase, m))
        if not hits:
            raise StepError(gettext(lang, "no phrase matches the step \"{step}\"").format(step=step), where,
                            self.suggest(step, lang))
        if len(hits) > 1:
            first, second = hits[0][0].text, hits[1][0].text
            raise StepError(gettext(lang, "the step \"{step}\" matches two phrases: \"{first}\" and \"{second}\"")
                            .format(step=step, first=first, second=second), where,
                            gettext(lang, "reword the step, or make the phrases in facts.yaml or the rules distinct"))
        phrase, m = hits[0]
        values: dict[str, Any] = {}
        for name, raw in m.groupdict().items():
            try:
                values[name] = self._convert(phrase, name, raw, lang)
            except ValueError as e:
                raise StepError(str(e), where, self._hint_for(phrase, name, lang)) from None
        return StepMatch(phrase, values)

    def suggest(self, step: str, lang: str) -> str:
        texts = [p.text for p in self.phrases[lang]]
        scored = sorted(texts, key=lambda t: difflib.SequenceMatcher(None, step.lower(), t.lower()).ratio(),
                        reverse=True)
        return gettext(lang, "did you mean") + ": " + " | ".join(f"\"{t}\"" for t in scored[:3])

    def _hint_for(self, phrase: StepPhrase, slot: str, lang: str) -> str | None:
        if slot in ("date",) or (phrase.fact is not None and phrase.fact.type == "date"):
            return "write 2024-04-01 or 1 April 2024" if lang == "en" else "пишите 01.04.2024 или 1 апреля 2024"
        return None

    def _convert(self, phrase: StepPhrase, slot: str, raw: str, lang: str) -> Any:
        if slot == "date":
            return parse_step_date(raw, lang)
        if slot == "question":
            return self.question(raw, lang)
        if slot == "fact":
            if raw not in self.book.facts:
                close = difflib.get_close_matches(raw, list(self.book.facts), n=2)
                raise ValueError(f"unknown fact '{raw}'" + (f"; did you mean {' or '.join(close)}?" if close else ""))
            return raw
        if slot == "value" and phrase.fact is not None:
            return self.fact_value(phrase.fact, raw, lang)
        if slot in ("text", "citation"):
            return unquote(raw)
        return raw.strip()

    def question(self, raw: str, lang: str) -> str:
        name = unquote(raw)
        if name in self.book.rules:
            return name
        by_phrase = self.questions[lang].get(name.lower())
        if by_phrase:
            return by_phrase
        close = difflib.get_close_matches(name, [*self.book.rules, *self.questions[lang]], n=2)
        raise ValueError(f"unknown question '{name}'" + (f"; did you mean {' or '.join(close)}?" if close else ""))

    def fact_value(self, fact: FactDef, raw: str, lang: str) -> Any:
        """A step's text for ``fact`` converted to its type (dates, booleans, enum codes or labels, null)."""
        text = unquote(raw)
        if text.lower() in NULL_WORDS[lang] or text.lower() == "null":
            if not fact.nullable:
                raise ValueError(f"'{fact.name}' cannot be null")
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
            raise ValueError(f"bad yes/no value '{text}' for {what}: write " + " or ".join(BOOL_WORDS[lang]))
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
        raise ValueError(f"'{text}' is not a value of {what}: use " + ", ".join(labels))

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
