"""The rulebook model: acts, citations, facts, rules and cases as frozen values.

The model knows nothing of YAML (see ``loading``) nor of languages beyond holding
bilingual texts; the engine reads it, the explanation renders it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from attrs import field, frozen

from lawcode.errors import Location

if TYPE_CHECKING:
    from lawcode.language import Expr

LANGS = ("en", "ru")
# `{name}` in a case's explain text: a fact, a rule, or one of the special values
PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.]*)\}")
SPECIAL_PLACEHOLDERS = ("value", "on", "decided_on")


class Combine(StrEnum):
    """How a rule's applicable cases become one answer."""

    UNIQUE = "unique"
    FIRST = "first"
    EARLIEST = "earliest"
    LATEST = "latest"
    ALL = "all"


class Status(StrEnum):
    """Whether a reading was checked against the statute's text."""

    VERIFIED = "verified"
    UNVERIFIED = "unverified"


class FactType(StrEnum):
    BOOL = "bool"
    DATE = "date"
    INT = "int"
    TEXT = "text"
    ENUM = "enum"


class RuleType(StrEnum):
    BOOL = "bool"
    DATE = "date"
    INT = "int"
    TEXT = "text"
    ENUM = "enum"
    LIST = "list"


COMBINES: tuple[str, ...] = tuple(Combine)


@frozen
class Text:
    """A text in every language the rulebook speaks (English and Russian)."""

    en: str
    ru: str

    def get(self, lang: str) -> str:
        return self.ru if lang == "ru" else self.en


@frozen
class Act:
    """A legal instrument, e.g. 53-FZ of 28.03.1998."""

    id: str
    number: str
    date: dt.date
    title: Text
    url: str
    in_force_from: dt.date | None = None
    note: str | None = None
    short: Text | None = None  # how codes are cited: GK RF / ГК РФ instead of their law number

    def in_force(self) -> dt.date:
        """The day the act entered into force (its date when acts.yaml records no other)."""
        return self.in_force_from or self.date

    def name(self, lang: str) -> str:
        """The act as a citation names it: '53-FZ' / '53-ФЗ', or a code's short name 'ГК РФ'."""
        if self.short is not None:
            return self.short.get(lang)
        return self.number if lang == "ru" else self.id


@frozen
class Citation:
    """A structured pointer into an act: article, paragraph, subparagraph, amending acts."""

    act: Act
    article: str | None = None
    paragraph: str | None = None
    subparagraph: str | None = None
    amended_by: tuple[Act, ...] = ()
    by_analogy: bool = False
    part: str | None = None  # часть: the codes (KoAP, UK) divide articles into parts
    # a provision named in acts.yaml (``provisions:``) carries its id, and may carry a note shown wherever it
    # is cited, a status (unverified flags every case citing it) and a page of the law notes (``see``)
    id: str | None = None
    note: Text | None = None
    status: Status = Status.VERIFIED
    see: str | None = None

    @property
    def wording(self) -> Act:
        """The act whose wording is cited: the latest amending act, else the act itself."""
        return max(self.amended_by, key=lambda a: a.in_force()) if self.amended_by else self.act

    def key(self) -> str:
        """A stable identifier used in tags and coverage: ``53-FZ.22.1.а``, ``53-FZ.7_1.1``, ``UK.328.1``.

        Dots inside a number become ``_`` so that article 7.1 (``7_1``) and article 7 paragraph 1
        (``7.1``) stay distinct.
        """
        parts = [self.act.id] + [p.replace(".", "_") for p in (self.article, self.part, self.paragraph,
                                                                 self.subparagraph) if p]
        return ".".join(parts)


@frozen
class Period:
    """Inclusive dates in which a provision is in force; ``until`` None means still in force."""

    start: dt.date
    until: dt.date | None = None
    location: Location | None = field(default=None, eq=False)  # where ``from`` (or in_force) is written

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.until is None or day <= self.until)


@frozen
class Phrase:
    """A Gherkin phrase naming a fact or question; ``fixed`` phrases set a value themselves."""

    text: str
    fixed: bool = False
    value: Any = None


@frozen
class FactDef:
    """An input fact: its type, allowed values and meaning, and the Gherkin phrases naming it."""

    name: str
    type: FactType
    meaning: Text
    values: Mapping[str, Text] = field(factory=dict)
    nullable: bool = False
    phrases: Mapping[str, tuple[Phrase, ...]] = field(factory=dict)
    location: Location | None = None


@frozen
class Quote:
    """The statutory wording a case encodes, verbatim in its original language, and where it was read."""

    text: str
    source: str


@frozen
class Case:
    """One branch of a rule: when it applies, its value, the provision it encodes and when."""

    id: str
    when: Expr | None
    value: Expr
    cite: tuple[Citation, ...]
    in_force: Period
    explain: Text
    status: Status = Status.VERIFIED
    note: Text | None = None
    location: Location | None = None
    replaces: str | None = None  # id of the case this one is the later version of (same rule)
    quote: Quote | None = None
    reasoning: Text | None = None  # why the case reads the law as it does (shown in the report)
    does_not_apply: Text | None = None  # in words: when the case does not apply (instead of its condition)
    see: str | None = None  # the page of the law notes that explains it (docs/law/...)
    in_force_given: bool = True  # in_force.from written in the file (False: the cited act's entry into force)

    @property
    def unverified(self) -> bool:
        return self.status == Status.UNVERIFIED


@frozen
class Rule:
    """A named value defined by cases, combined as the rule says; any rule can be asked."""

    name: str
    type: RuleType
    title: Text
    cases: tuple[Case, ...]
    combine: Combine = Combine.UNIQUE
    values: Mapping[str, Text] = field(factory=dict)
    relevant_date: Expr | None = None
    default: Case | None = None
    phrases: Mapping[str, tuple[Phrase, ...]] = field(factory=dict)
    location: Location | None = None
    # `status: unverified` on the rule flags its way of combining cases (e.g. "the earliest channel
    # wins"): held as a case of its own, so answers that the combination decided carry its note
    combination: Case | None = None
    reasoning: Text | None = None  # the choices made in encoding it (shown in the report)
    see: str | None = None  # the page of the law notes that explains it (docs/law/...)

    def case(self, case_id: str) -> Case:
        for c in self.all_cases():
            if c.id == case_id:
                return c
        raise KeyError(case_id)

    def all_cases(self) -> tuple[Case, ...]:
        return self.cases + ((self.default,) if self.default is not None else ())

    def reads(self) -> frozenset[str]:
        """Every rule this rule may read: in its selection date, conditions, values and default."""
        out: set[str] = set()
        for e in (self.relevant_date, *(e for c in self.all_cases() for e in (c.when, c.value))):
            if e is not None:
                out |= e.rules
        return frozenset(out)


@frozen
class TimelineEntry:
    """A dated legal consequence (a rule giving a date) or key fact the timeline lists, in timeline.yaml's order."""

    event: str
    name: str  # the fact or rule giving the date
    is_fact: bool
    label: Text
    location: Location | None = None


@frozen
class Rulebook:
    """Everything loaded from a rules directory; ask it questions with ``explain``."""

    acts: Mapping[str, Act]
    facts: Mapping[str, FactDef]
    rules: Mapping[str, Rule]
    version: str
    sha256: str
    root: str
    order: tuple[str, ...] = ()  # rule names in dependency order (dependencies first)
    provisions: Mapping[str, Citation] = field(factory=dict)  # named citations (acts.yaml, provisions:)
    timeline: tuple[TimelineEntry, ...] = ()  # timeline.yaml
