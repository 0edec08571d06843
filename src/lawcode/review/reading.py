"""What the reviewers' tools read from a decision's reasons: the one module that knows their shape.

Everything in ``lawcode.review`` that looks past a ``Decision``'s public fields (value, status,
missing, citations) goes through these functions. Flags and citations come from the decision's
own record (no reasons built); which cases applied or lost still walks ``d.trace``, the reason
graph built on demand. When the decision exposes those as flat data too, only this module changes.
"""

from __future__ import annotations

from lawcode.api import Decision
from lawcode.render.words import case_text
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import Case

Pair = tuple[str, str]  # (rule name, case id)


def cases_applied(d: Decision) -> set[Pair]:
    """Every (rule, case) that applied anywhere in reaching the answer, including in rules read by
    cases that lost: what coverage counts."""
    return {(t.rule, a.case.id) for t in d.trace.walk(rejected=True) for a in t.applied}


def cases_rejected(d: Decision) -> set[Pair]:
    """Every (rule, case) considered and not used, anywhere in reaching the answer."""
    return {(t.rule, r.case.id) for t in d.trace.walk(rejected=True) for r in t.rejected}


def cases_relied_on(d: Decision) -> list[str]:
    """Ids of the cases the answer rests on: the asked rule's, then those of the rules it relied on
    (not the rules read only to choose the version in force), in order, without repeats."""
    return list(dict.fromkeys(a.case.id for t in d.trace.walk(selections=False) for a in t.applied))


def answer_cases(d: Decision) -> tuple[str, ...]:
    """Ids of the cases of the asked rule itself that applied."""
    return tuple(a.case.id for a in d.trace.applied)


def deciding_cases(d: Decision) -> list[tuple[Case, str]]:
    """The cases that decided the answer, each with its explanation in the decision's language: the
    asked rule's own, then those of the rules it relied on (not those read only to choose a version)."""
    facts = d.readable_facts
    return [(a.case, case_text(d.book, t.rule, a.case, a, d.lang, d.on, t.decided_on, facts))
            for t in d.trace.walk(selections=False) for a in t.applied]


def is_flagged(d: Decision) -> bool:
    """The answer rests on a reading marked unverified (a case's, or a rule's way of combining cases)."""
    return bool(d.unverified)


def citation_forms(d: Decision) -> list[str]:
    """Every provision the decision relied on, written both ways a reviewer may cite it (en, ru)."""
    return [cite_text(c, lang) for c in d.cited for lang in ("en", "ru")]
