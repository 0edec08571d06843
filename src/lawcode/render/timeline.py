"""The timeline: every legal consequence of a set of facts, as dated events in date order.

Each event comes from asking the rulebook a question (``Rulebook.explain``): the day the exit ban
starts, the day the summons counts as served, the first day of the temporary measures... No law
is re-implemented here; this module only chooses which questions to ask, orders the dated answers
and renders them. The key facts (placement in the register, the appearance date, the appearance
itself) are listed too, so that a reader sees what the consequences follow from.

    from lawcode import load, timeline
    tl = timeline(load(), facts, on=datetime.date(2025, 1, 15), lang="ru")
    print(tl.to_text()); tl.to_markdown(); tl.to_json()

A question the rulebook does not define (e.g. a custom ``--rules`` directory) is skipped; a
question that cannot be decided goes under ``undetermined`` with the facts it needs. The JSON
shape is ``lawcode.timeline/1``: citations there are the canonical (English) forms, as in
``lawcode.decision/1``; the text and Markdown renderings cite in the timeline's language.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from attrs import frozen

from lawcode.render.i18n import N_, format_date, gettext
from lawcode.render.words import json_value
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import Citation

FORMAT = "lawcode.timeline/1"

# This module's own sentences; their Russian is in the gettext catalog (make catalog).
TEXTS: dict[str, str] = {
    "title": N_("Timeline of legal consequences (as of {on})"),
    "fact": N_("fact"),
    "none": N_("No dated legal consequences follow from these facts."),
    "undetermined": N_("Not determined: facts needed"),
    "unverified": N_("unverified"),
    "unverified_head": N_("Readings not verified against the official text"),
    "date": N_("Date"),
    "event": N_("Event"),
    "reason": N_("Why"),
    "cites": N_("Citations"),
}


def _t(key: str, lang: str, **values: str) -> str:
    text = gettext(lang, TEXTS[key])
    return text.format(**values) if values else text


@frozen
class Unverified:
    """A reading an event relies on that is flagged unverified: the rule, its case and the note."""

    rule: str
    case: str
    note: str | None


@frozen
class TimelineEvent:
    """One dated legal consequence (or key fact), with the question that gave it and why."""

    date: dt.date
    event: str
    label: str
    question: str
    value: Any
    citations: tuple[Citation, ...]
    text: str
    unverified: tuple[Unverified, ...] = ()
    is_fact: bool = False


@frozen
class Undetermined:
    """A consequence the facts do not settle: the question, and the facts it still needs."""

    event: str
    label: str
    question: str
    missing: tuple[str, ...]


@frozen
class Timeline:
    """The dated consequences of one set of facts, asked on one date, explained in one language."""

    on: dt.date
    lang: str
    events: tuple[TimelineEvent, ...]
    undetermined: tuple[Undetermined, ...]
    rulebook_version: str = ""
    rulebook_sha256: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The ``lawcode.timeline/1`` document as Python data."""
        return {
            "format": FORMAT,
            "rulebook": {"version": self.rulebook_version, "sha256": self.rulebook_sha256},
            "on": self.on.isoformat(),
            "lang": self.lang,
            "events": [
                {"date": e.date.isoformat(), "event": e.event, "label": e.label, "question": e.question,
                 "value": json_value(e.value), "citations": [cite_text(c) for c in e.citations], "text": e.text,
                 "unverified": [{"rule": u.rule, "case": u.case, "note": u.note} for u in e.unverified]}
                for e in self.events
            ],
            "undetermined": [
                {"event": u.event, "label": u.label, "question": u.question, "missing": list(u.missing)}
                for u in self.undetermined
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The ``lawcode.timeline/1`` document as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_text(self) -> str:
        """The timeline for a reader: one block per event, in date order."""
        lang = self.lang
        out = [_t("title", lang, on=format_date(self.on, lang)), ""]
        if not self.events:
            out.append(_t("none", lang))
        for e in self.events:
            flag = f" [{_t('unverified', lang)}]" if e.unverified else ""
            out.append(f"{format_date(e.date, lang)}  {e.label}{flag}")
            out.append(f"    {e.text}")
            if e.citations:
                out.append("    " + "; ".join(cite_text(c, lang) for c in e.citations))
            out.append(f"    ({_t('fact', lang)}: {e.question})" if e.is_fact else f"    ({e.question})")
        self._tail(out, "  - ")
        return "\n".join(out).rstrip() + "\n"

    def to_markdown(self) -> str:
        """The timeline as a Markdown table, then what is undetermined or unverified."""
        lang = self.lang
        out = [f"## {_t('title', lang, on=format_date(self.on, lang))}", ""]
        if not self.events:
            out.append(_t("none", lang))
        else:
            out.append(f"| {_t('date', lang)} | {_t('event', lang)} | {_t('reason', lang)} | {_t('cites', lang)} |")
            out.append("|---|---|---|---|")
            for e in self.events:
                flag = f" *({_t('unverified', lang)})*" if e.unverified else ""
                source = f"`{e.question}`" + (f" ({_t('fact', lang)})" if e.is_fact else "")
                cites = "; ".join(cite_text(c, lang) for c in e.citations)
                out.append(f"| {format_date(e.date, lang)} | {_cell(e.label)}{flag}<br>{source} | {_cell(e.text)} "
                           f"| {_cell(cites)} |")
        self._tail(out, "- ", markdown=True)
        return "\n".join(out).rstrip() + "\n"

    def _tail(self, out: list[str], bullet: str, markdown: bool = False) -> None:
        lang = self.lang
        if self.undetermined:
            out += ["", ("### " if markdown else "") + _t("undetermined", lang)]
            for u in self.undetermined:
                out.append(f"{bullet}{u.label} ({u.question}): {', '.join(u.missing)}")
        notes = {(u.rule, u.case): u.note for e in self.events for u in e.unverified}
        if notes:
            out += ["", ("### " if markdown else "") + _t("unverified_head", lang)]
            for (rule, case), note in notes.items():
                out.append(f"{bullet}{rule} / {case}: {note or ''}")

    def __str__(self) -> str:
        return self.to_text()


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


__all__ = ["FORMAT", "TEXTS", "Timeline", "TimelineEvent", "Undetermined", "Unverified"]
