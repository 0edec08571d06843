"""Render a decision's trace in English or Russian: text, Markdown and the JSON document.

The engine's sentences come from gettext catalogs (``i18n``); reviewers' sentences come from
each case's bilingual ``explain`` text, whose ``{placeholders}`` name facts and rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, assert_never

from lawcode.engine.trace import (
    Applied,
    ConditionFalse,
    NotEarliest,
    NotInForce,
    NotLatest,
    NoValue,
    Rejected,
    SameValue,
    Superseded,
    Trace,
    Undetermined,
    reason_code,
)
from lawcode.render.i18n import N_, format_date, format_days, format_years, gettext
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import PLACEHOLDER, Case, Period, Rulebook

if TYPE_CHECKING:
    from lawcode.engine.decision import Decision

FORMAT = "lawcode.decision/1"


def _(lang: str, message: str, **values: Any) -> str:
    text = gettext(lang, message)
    return text.format(**values) if values else text


# -- values and citations ------------------------------------------------------------------------
def value_text(book: Rulebook, name: str | None, value: Any, lang: str) -> str:
    """A value as a reader understands it: dates in words, yes/no, enum labels."""
    if value is None:
        return _(lang, "none")
    if isinstance(value, bool):
        return _(lang, "yes") if value else _(lang, "no")
    if isinstance(value, dt.date):
        return format_date(value, lang)
    if isinstance(value, list):
        return ", ".join(value_text(book, name, v, lang) for v in value) if value else _(lang, "none")
    if isinstance(value, str) and name:
        labels = book.facts[name].values if name in book.facts else (
            book.rules[name].values if name in book.rules else {})
        if value in labels:
            return labels[value].get(lang)
    return str(value)


def json_value(value: Any) -> Any:
    """A value as JSON: dates as ISO strings, lists as arrays."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return value


def period_text(period: Period, lang: str) -> str:
    start = format_date(period.start, lang)
    if period.until is None:
        return _(lang, "from {start}", start=start)
    return _(lang, "{start} to {until}", start=start, until=format_date(period.until, lang))


# -- sentences -----------------------------------------------------------------------------------
def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` placeholders; a name without a value is shown as '…'."""
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), "…"), template)


def case_text(book: Rulebook, rule: str, case: Case, applied: Applied | Rejected, lang: str,
              on: dt.date | None = None, decided_on: dt.date | None = None,
              facts: Mapping[str, Any] | None = None) -> str:
    """A case's own explanation with its placeholders filled from what it read, then from the facts."""
    template = case.explain.get(lang)
    values = {k: value_text(book, k, facts[k], lang) for k in PLACEHOLDER.findall(template)
              if facts is not None and k in facts}
    values.update((k, value_text(book, k, v, lang)) for k, v in applied.inputs.items())
    for t in applied.because:
        if t.status == "decided":
            values[t.rule] = value_text(book, t.rule, t.value, lang)
    if isinstance(applied, Applied):
        values["value"] = value_text(book, rule, applied.value, lang)
    if on is not None:
        values["on"] = format_date(on, lang)
    if decided_on is not None:
        values["decided_on"] = format_date(decided_on, lang)
    return fill(template, values)


def derivation_text(function: str, args: tuple[Any, ...], value: Any, lang: str) -> str:
    if function == "anniversary":
        day, years = args[0], args[1]
        text = _(lang, "{years} after {date}: {value}", years=format_years(years, lang),
                 date=format_date(day, lang), value=format_date(value, lang))
        if day.month == 2 and day.day == 29 and value.day != 29:
            text += " " + _(lang, "(no 29 February that year: the last day of February counts, "
                                  "GK RF art. 192 para. 3)")
        return text
    if function == "expiry":
        day, n, first = args
        return _(lang, "{days} counted from the day after {date} (GK RF art. 191): {first} to {last}; "
                       "the period expires at the end of {last}",
                 days=format_days(n, lang), date=format_date(day, lang), first=format_date(first, lang),
                 last=format_date(value, lang))
    if function == "day_after":
        return _(lang, "the day after {date}: {value}", date=format_date(args[0], lang), value=format_date(value, lang))
    if function == "age":
        birth, on = args[0], args[1]
        return _(lang, "age on {on} of a person born on {birth}: {years}", on=format_date(on, lang),
                 birth=format_date(birth, lang), years=format_years(value, lang))
    return f"{function}{args!r} = {value!r}"


def rejection_text(book: Rulebook, rejected: Rejected, lang: str) -> str:
    """Why a case was not the answer, for a reader."""
    match rejected.reason:
        case NotInForce(date=day):
            return _(lang, "not in force on {date} (in force {period})", date=format_date(day, lang),
                     period=period_text(rejected.case.in_force, lang))
        case ConditionFalse():
            src = rejected.case.when.source if rejected.case.when else "true"
            return _(lang, "its condition does not hold: {condition}", condition=f"`{src}`")
        case Undetermined(missing=missing):
            return _(lang, "depends on facts that were not given: {facts}", facts=", ".join(missing))
        case Superseded(winner=winner):
            return _(lang, "an earlier case applies ({winner})", winner=winner)
        case NotEarliest(winner=winner, value=value):
            return _(lang, "its date {value} is not the earliest (case {winner} wins)",
                     value=value_text(book, None, value, lang), winner=winner)
        case NotLatest(winner=winner, value=value):
            return _(lang, "its date {value} is not the latest (case {winner} wins)",
                     value=value_text(book, None, value, lang), winner=winner)
        case SameValue(value=value):
            return _(lang, "not determined, but would give the same answer ({value})",
                     value=value_text(book, None, value, lang))
        case NoValue():
            return _(lang, "applies, but the event did not happen")
    assert_never(rejected.reason)


NOTES = {
    "no_case": N_("no case applies"),
    "relevant_date_null": N_("the event that selects the version did not happen; the question date is used"),
    "relevant_date_unknown": N_("the date that selects the version in force is not known"),
}


# -- the JSON tree -------------------------------------------------------------------------------
def trace_json(book: Rulebook, trace: Trace, lang: str, on: dt.date,
               facts: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One node of the explanation tree as JSON (see the decision JSON Schema)."""
    applied = [
        {
            "case": a.case.id,
            "cite": [cite_text(c) for c in a.case.cite],
            "text": case_text(book, trace.rule, a.case, a, lang, on, trace.decided_on, facts),
            "value": json_value(a.value),
            "in_force": _period_json(a.case.in_force),
            "status": a.case.status,
            "note": a.case.note.get(lang) if a.case.note else None,
            "inputs": {k: json_value(v) for k, v in a.inputs.items()},
            "derived": [
                {"function": dv.function, "args": [json_value(x) for x in dv.args], "value": json_value(dv.value),
                 "text": derivation_text(dv.function, dv.args, dv.value, lang)}
                for dv in a.derived
            ],
        }
        for a in trace.applied
    ]
    because = [trace_json(book, t, lang, on, facts) for a in trace.applied for t in a.because]
    sel = trace.selection
    selection = None if sel is None else {
        "expression": sel.source,
        "inputs": {k: json_value(v) for k, v in sel.inputs.items()},
        "because": [trace_json(book, t, lang, on, facts) for t in sel.because],
    }
    return {
        "rule": trace.rule,
        "title": trace.title.get(lang),
        "status": trace.status,
        "value": json_value(trace.value),
        "decided_on": trace.decided_on.isoformat(),
        "case": ", ".join(a["case"] for a in applied) or None,
        "cite": "; ".join(c for a in applied for c in a["cite"]) or None,
        "text": "; ".join(a["text"] for a in applied) or (_(lang, NOTES[trace.note]) if trace.note else ""),
        "inputs": {k: v for a in applied for k, v in a["inputs"].items()},
        "applied": applied,
        "because": because,
        "rejected": [
            {"case": r.case.id, "reason": reason_code(r.reason), "text": rejection_text(book, r, lang),
             "cite": [cite_text(c) for c in r.case.cite], "inputs": {k: json_value(v) for k, v in r.inputs.items()},
             "because": [trace_json(book, t, lang, on, facts) for t in r.because]}
            for r in trace.rejected
        ],
        "missing": sorted(trace.missing),
        "unverified": any(a.case.unverified for a in trace.applied),
        "note": _(lang, NOTES[trace.note]) if trace.note else None,
        "decided_on_by": selection,
    }


def _period_json(p: Period) -> dict[str, str | None]:
    return {"from": p.start.isoformat(), "until": p.until.isoformat() if p.until else None}


def decision_json(d: Decision) -> dict[str, Any]:
    """The whole ``lawcode.decision/1`` document."""
    return {
        "format": FORMAT,
        "rulebook": {"version": d.book.version, "sha256": d.book.sha256},
        "question": d.question,
        "on": d.on.isoformat(),
        "lang": d.lang,
        "status": d.status,
        "value": json_value(d.value),
        "missing": list(d.missing),
        "citations": list(d.citations),
        "unverified": [{"rule": rule, "case": case.id, "note": case.note.get(d.lang) if case.note else None}
                       for rule, case in d.unverified],
        "explanation": trace_json(d.book, d.trace, d.lang, d.on, d.readable_facts),
        "text": render(d, "text"),
    }


# -- text and Markdown ---------------------------------------------------------------------------
def render(d: Decision, style: str = "text") -> str:
    """The explanation for a reader: the answer first, then the reasons with citations and dates."""
    lang, book = d.lang, d.book
    md = style == "markdown"
    out: list[str] = []
    title = d.trace.title.get(lang)
    answer = value_text(book, d.question, d.value, lang) if d.status == "decided" else _(lang, "undetermined")
    head = _(lang, "{title} on {on}: {answer}", title=title, on=format_date(d.on, lang), answer=answer)
    out.append(f"## {head}" if md else head)
    out.append(f"`{d.question}`" if md else f"({d.question})")
    if d.status != "decided":
        out.append("")
        out.append(_(lang, "Missing facts needed to decide:"))
        for name in d.missing:
            meaning = book.facts[name].meaning.get(lang) if name in book.facts else ""
            out.append(f"- `{name}`: {meaning}" if md else f"  - {name}: {meaning}")
    out.append("")
    out.append(("### " if md else "") + _(lang, "Reasons"))
    _TextView(book, lang, d.on, md, d.readable_facts, out).trace(d.trace, 0)
    unverified = d.unverified
    if unverified:
        out.append("")
        out.append(("### " if md else "") + _(lang, "Unverified"))
        out.append(_(lang, "This answer relies on readings not verified against the official text:"))
        for rule, case in unverified:
            note = case.note.get(lang) if case.note else ""
            out.append(f"- {rule} / {case.id}: {note}" if md else f"  - {rule} / {case.id}: {note}")
    if d.citations:
        out.append("")
        out.append(("### " if md else "") + _(lang, "Citations"))
        for c in d.cited:
            out.append(f"- {cite_text(c, lang)}" if md else f"  - {cite_text(c, lang)}")
    return "\n".join(out).rstrip() + "\n"


class _TextView:
    """Renders a trace tree as indented text or Markdown; each rule's reasons are given in full once."""

    def __init__(self, book: Rulebook, lang: str, on: dt.date, md: bool, facts: Mapping[str, Any], out: list[str]):
        self.book, self.lang, self.on, self.md, self.facts, self.out = book, lang, on, md, facts, out
        self.shown: set[str] = set()

    def headline(self, trace: Trace, bullet: str, seen: bool = False) -> None:
        lang = self.lang
        answer = value_text(self.book, trace.rule, trace.value, lang) if trace.status == "decided" \
            else _(lang, "undetermined")
        more = " — " + _(lang, "see above") if seen else ""
        self.out.append(f"{bullet}{trace.title.get(lang)}: {answer} ({trace.rule}){more}")

    def child(self, trace: Trace, depth: int) -> None:
        if trace.rule in self.shown:
            pad = "  " * depth
            self.headline(trace, f"{pad}- " if self.md else f"{pad}  * ", seen=True)
        else:
            self.trace(trace, depth)

    def trace(self, trace: Trace, depth: int) -> None:
        book, lang, on, out = self.book, self.lang, self.on, self.out
        self.shown.add(trace.rule)
        pad = "  " * depth
        bullet = f"{pad}- " if self.md else f"{pad}  * "
        sub = f"{pad}  - " if self.md else f"{pad}      "
        if depth:
            self.headline(trace, bullet)
        for a in trace.applied:
            cites = "; ".join(cite_text(c, lang) for c in a.case.cite)
            flag = " [" + _(lang, "unverified") + "]" if a.case.unverified else ""
            text = case_text(book, trace.rule, a.case, a, lang, on, trace.decided_on, self.facts)
            out.append(f"{bullet}{text} — {cites}{flag}")
            if trace.selection is not None:
                used = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in trace.selection.inputs.items())
                out.append(sub + _(lang, "the version in force is chosen by the date {date} ({facts})",
                                   date=format_date(trace.decided_on, lang), facts=used or trace.selection.source))
            if a.case.in_force.until is not None or depth == 0:
                out.append(sub + _(lang, "version in force {period}; applied to {date}",
                                   period=period_text(a.case.in_force, lang),
                                   date=format_date(trace.decided_on, lang)))
            if a.inputs:
                read = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in a.inputs.items())
                out.append(sub + _(lang, "facts: {facts}", facts=read))
            for dv in a.derived:
                out.append(sub + _(lang, "counted: {text}",
                                   text=derivation_text(dv.function, dv.args, dv.value, lang)))
            for child in a.because:
                self.child(child, depth + 2)
        if trace.note:
            out.append(f"{bullet}{_(lang, NOTES[trace.note])}")
        if trace.rejected:
            out.append(f"{pad}  " + _(lang, "Considered and not applied:"))
            for r in trace.rejected:
                read = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in r.inputs.items())
                out.append(f"{bullet}{r.case.id}: {rejection_text(book, r, lang)}" + (f" ({read})" if read else ""))
                for child in r.because:  # why the rule it read came out as it did
                    self.child(child, depth + 2)
