"""The engine's own words in a reader's language: values, periods, counts, reasons, notes.

Sentences come from the gettext catalogs (``i18n``); reviewers' sentences come from each case's
bilingual ``explain`` text, whose ``{placeholders}`` name facts and rules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, assert_never

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
    Undetermined,
)
from lawcode.render.i18n import N_, format_date, format_days, format_years, gettext
from lawcode.rulebook.model import PLACEHOLDER, Case, Period, Rulebook


def _(lang: str, message: str, **values: Any) -> str:
    text = gettext(lang, message)
    return text.format(**values) if values else text


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
              facts: Mapping[str, Any] | None = None, template: str | None = None) -> str:
    """A case's own explanation (or ``template``) with its placeholders filled from what it read, then from
    the facts."""
    template = case.explain.get(lang) if template is None else template
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
                                  "GK RF art. 192 para. 3, applied by analogy)")
        return text
    if function == "expiry":
        day, n, first = args
        return _(lang, "{days} counted from the day after {date} (GK RF art. 191): {first} to {last}; "
                       "the period expires at the end of {last}",
                 days=format_days(n, lang), date=format_date(day, lang), first=format_date(first, lang),
                 last=format_date(value, lang))
    if function == "day_after":
        return _(lang, "the day after {date}: {value}", date=format_date(args[0], lang), value=format_date(value, lang))
    if function == "working_days_after":
        return _(lang, "{n} working days after {date} on the Russian production calendar (counted from the next day): "
                       "{value}", n=args[1], date=format_date(args[0], lang), value=format_date(value, lang))
    if function == "age":
        birth, on = args[0], args[1]
        return _(lang, "age on {on} of a person born on {birth}: {years}", on=format_date(on, lang),
                 birth=format_date(birth, lang), years=format_years(value, lang))
    return f"{function}{args!r} = {value!r}"


def rejection_text(book: Rulebook, rejected: Rejected, lang: str, developer: bool = False,
                   facts: Mapping[str, Any] | None = None) -> str:
    """Why a case was not the answer. A reader is told in the case's own words when it has them
    (``does_not_apply``); a developer (Markdown, JSON) also sees the condition as written."""
    match rejected.reason:
        case NotInForce(date=day):
            return _(lang, "not in force on {date} (in force {period})", date=format_date(day, lang),
                     period=period_text(rejected.case.in_force, lang))
        case ConditionFalse():
            src = rejected.case.when.source if rejected.case.when else "true"
            said = rejected.case.does_not_apply
            if said is None:
                return _(lang, "its condition does not hold: {condition}", condition=f"`{src}`")
            words = case_text(book, "", rejected.case, rejected, lang, facts=facts, template=said.get(lang))
            return _(lang, "{reason} (condition: {condition})", reason=words, condition=f"`{src}`") if developer \
                else words
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
