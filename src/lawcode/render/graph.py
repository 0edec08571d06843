"""The ``lawcode.decision/2`` document: the answer, and the reasons as a flat graph keyed by rule name.

Every rule evaluated for the decision appears once, as a node naming the nodes it used (as
OpenFisca's flat trace does); nothing is repeated, so a decision stays small whatever the depth.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lawcode.engine.trace import Applied, Rejected, Trace, reason_code
from lawcode.language import Derivation
from lawcode.render.text import render
from lawcode.render.words import NOTES, _, case_text, derivation_text, json_value, rejection_text
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import Period, Rulebook

if TYPE_CHECKING:
    from lawcode.engine.decision import Decision

FORMAT = "lawcode.decision/2"


def _facts(reads: Mapping[str, Any]) -> dict[str, Any]:
    return {k: json_value(v) for k, v in reads.items()}


def _uses(traces: tuple[Trace, ...]) -> list[str]:
    return list(dict.fromkeys(t.rule for t in traces))


def _count(dv: Derivation, lang: str) -> dict[str, Any]:
    return {"function": dv.function, "args": [json_value(x) for x in dv.args], "value": json_value(dv.value),
            "text": derivation_text(dv.function, dv.args, dv.value, lang)}


def _period(p: Period) -> dict[str, str | None]:
    return {"from": p.start.isoformat(), "until": p.until.isoformat() if p.until else None}


def node_text(book: Rulebook, trace: Trace, lang: str, on: dt.date, facts: Mapping[str, Any]) -> str:
    """What decided a rule, in words: its applied cases' texts, or the engine's note."""
    texts = [case_text(book, trace.rule, a.case, a, lang, on, trace.decided_on, facts) for a in trace.applied]
    return "; ".join(texts) or (_(lang, NOTES[trace.note]) if trace.note else "")


def _rejected(book: Rulebook, r: Rejected, lang: str, facts: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"case": r.case.id, "reason": reason_code(r.reason),
                           "text": rejection_text(book, r, lang, True, facts),
                           "uses": _uses(r.because)}
    if r.inputs:
        out["facts"] = _facts(r.inputs)
    return out


def _applied_case(book: Rulebook, trace: Trace, a: Applied, lang: str, on: dt.date,
                  facts: Mapping[str, Any]) -> dict[str, Any]:
    return {"case": a.case.id, "value": json_value(a.value), "in_force": _period(a.case.in_force),
            "text": case_text(book, trace.rule, a.case, a, lang, on, trace.decided_on, facts)}


def node(book: Rulebook, trace: Trace, lang: str, on: dt.date, facts: Mapping[str, Any]) -> dict[str, Any]:
    """One rule's node: how it was decided, from which facts and counts, using which other nodes."""
    applied = trace.applied
    reads: dict[str, Any] = {}
    for a in applied:
        reads.update(a.inputs)
    flagged = [a.case for a in applied if a.case.unverified]
    out: dict[str, Any] = {
        "rule": trace.rule,
        "title": trace.title.get(lang),
        "status": str(trace.status),
        "value": json_value(trace.value),
        "decided_on": trace.decided_on.isoformat(),
        "case": ", ".join(a.case.id for a in applied) or None,
        "cite": list(dict.fromkeys(cite_text(c) for a in applied for c in a.case.cite)),
        "text": node_text(book, trace, lang, on, facts),
        "facts": _facts(reads),
        "counts": [_count(dv, lang) for a in applied for dv in a.derived],
        "uses": _uses(tuple(t for a in applied for t in a.because)),
        "rejected": [_rejected(book, r, lang, facts) for r in trace.rejected],
        "missing": sorted(trace.missing),
        "unverified": bool(flagged),  # the notes are in the document's top-level "unverified", once
        "in_force": _period(applied[0].case.in_force) if len(applied) == 1 else None,
        "decided_on_by": None,
    }
    if len(applied) > 1:
        out["applied"] = [_applied_case(book, trace, a, lang, on, facts) for a in applied]
    if trace.selection is not None:
        out["decided_on_by"] = {"expression": trace.selection.source, "facts": _facts(trace.selection.inputs),
                                "uses": _uses(trace.selection.because)}
    return out


def graph(book: Rulebook, top: Trace, lang: str, on: dt.date, facts: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Every rule evaluated for the decision (those that only lost included), each once, by name."""
    return {t.rule: node(book, t, lang, on, facts) for t in top.walk(selections=True, rejected=True)}


def decision_document(d: Decision) -> dict[str, Any]:
    """The whole ``lawcode.decision/2`` document."""
    facts = d.readable_facts
    return {
        "format": FORMAT,
        "rulebook": {"version": d.book.version, "sha256": d.book.sha256},
        "question": d.question,
        "on": d.on.isoformat(),
        "lang": d.lang,
        "status": str(d.status),
        "value": json_value(d.value),
        "missing": list(d.missing),
        "citations": list(d.citations),
        "unverified": [{"rule": rule, "case": case.id, "note": case.note.get(d.lang) if case.note else None}
                       for rule, case in d.unverified],
        "answer": d.question,
        "nodes": graph(d.book, d.trace, d.lang, d.on, facts),
        "text": render(d, "text"),
    }
