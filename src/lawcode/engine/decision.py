"""What a question gets back: ``Answer`` (value only, from ``decide``) and ``Decision`` (from ``explain``).

Both are plain data. A ``Decision`` holds the fast path's record: per rule evaluated, which case
applied and which rules it used; value, status, missing facts, citations and flags are read from
it without building any reasons. Its ``trace`` (the full reason graph that text, Markdown and JSON
are rendered from) is computed on first use by the explaining evaluator, on the same facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, NamedTuple

from attrs import define, field

from lawcode.engine.compiled import SHALLOW, CompiledRulebook, Result, prelude, walk
from lawcode.engine.evaluate import trace as evaluate
from lawcode.engine.facts import CheckedFacts
from lawcode.engine.trace import DecisionStatus, Trace
from lawcode.errors import LawcodeError
from lawcode.language import UNKNOWN
from lawcode.rulebook.model import Case, Citation, Rulebook

DECIDED, UNDETERMINED = DecisionStatus.DECIDED, DecisionStatus.UNDETERMINED


class Answer(NamedTuple):
    """The answer to a question without its reasons: what ``decide`` returns."""

    question: str
    on: dt.date
    status: DecisionStatus
    value: Any
    missing: tuple[str, ...]


def answer_of(question: str, on: dt.date, result: Result) -> Answer:
    value = result[0]
    if value is UNKNOWN:
        return Answer(question, on, UNDETERMINED, None, tuple(sorted(result[1])))
    return Answer(question, on, DECIDED, value, ())


@define(eq=False)
class Decision:
    """The answer to a question, what it relied on, and (on demand) why.

    Read-only by convention (made for every explained question, so it is built as cheaply as a plain
    object): nothing in lawcode changes one after it is made.
    """

    book: Rulebook
    question: str
    on: dt.date
    lang: str
    facts: Mapping[str, Any]
    compiled: CompiledRulebook = field(repr=False)
    index: int = field(repr=False)
    memo: Mapping[int, Result] = field(repr=False)
    _traced: list[Trace] = field(factory=list, repr=False)

    @property
    def value(self) -> Any:
        value = self.memo[self.index][0]
        return None if value is UNKNOWN else value

    @property
    def status(self) -> DecisionStatus:
        return UNDETERMINED if self.memo[self.index][0] is UNKNOWN else DECIDED

    @property
    def decided(self) -> bool:
        return self.memo[self.index][0] is not UNKNOWN

    @property
    def missing(self) -> tuple[str, ...]:
        """The facts to ask for, when undetermined (sorted)."""
        result = self.memo[self.index]
        return tuple(sorted(result[1])) if result[0] is UNKNOWN else ()

    def _applied(self, selections: bool) -> list[tuple[str, int, Case | None]]:
        """(rule, case index, case) of every case the answer rests on, depth first, each rule once;
        the case is None for a rule's unverified combination when it chose between cases."""
        rules = self.compiled.names
        out: list[tuple[str, int, Case | None]] = []
        for i in walk(self.memo, self.index, selections):
            rule = self.book.rules[rules[i]]
            _, _, applied, _, chose = self.memo[i]
            if chose and rule.combination is not None:
                out.append((rule.name, -1, None))
            for k, _uses in applied:
                out.append((rule.name, k, rule.cases[k] if k < len(rule.cases) else rule.default))
        return out

    def _cited(self) -> dict[str, Citation]:
        """The provisions relied on, by canonical text, in the order they were relied on."""
        cites, memo = self.compiled.cites, self.memo
        seen: dict[str, Citation] = {}
        rules = (self.index,) if len(memo) == 1 else walk(memo, self.index, True)  # one rule: nothing to walk
        for i in rules:
            for k, _uses in memo[i][2]:
                for text, c in cites[i][k]:
                    if text not in seen:
                        seen[text] = c
        return seen

    @property
    def cited(self) -> tuple[Citation, ...]:
        """The provisions the decision relied on, as structured citations, each once."""
        return tuple(self._cited().values())

    @property
    def citations(self) -> tuple[str, ...]:
        """Every provision the decision relied on, in the canonical (English) form."""
        return tuple(self._cited())

    @property
    def unverified(self) -> tuple[tuple[str, Case], ...]:
        """(rule, case) pairs the value rests on whose reading is flagged unverified (a rule's flagged
        combination counts when it chose between cases). Rules read only to choose the version in
        force are cited but do not flag the answer: the chosen version's cases carry the flags."""
        out: dict[tuple[str, Case], None] = {}
        for rule, _, case in self._applied(False):
            if case is None:
                combination = self.book.rules[rule].combination
                assert combination is not None
                out[(rule, combination)] = None
            elif case.unverified:
                out[(rule, case)] = None
        return tuple(out)

    @property
    def readable_facts(self) -> dict[str, Any]:
        """The given facts whose values are valid, converted (for filling explanation texts)."""
        checked = CheckedFacts(self.book, self.facts)
        out: dict[str, Any] = {}
        for name in self.facts:
            try:
                out[name] = checked[name]
            except LawcodeError:
                continue  # a bad value no reason needed: the answer did not read it
        return out

    @property
    def trace(self) -> Trace:
        """The full reason graph, computed on first use by the explaining evaluator."""
        if not self._traced:
            deep = self.compiled.depth[self.question] > SHALLOW
            self._traced.append(evaluate(self.book, self.question, CheckedFacts(self.book, self.facts), self.on,
                                         prelude(self.book, self.question) if deep else ()))
        return self._traced[0]
