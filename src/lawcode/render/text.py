"""A decision for a reader: text or Markdown, the answer first, then the reasons, flags and citations.

Each rule's reasons are given in full once; a later mention says "see above".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from lawcode.engine.trace import Trace
from lawcode.render.i18n import format_date
from lawcode.render.words import (
    NOTES,
    _,
    case_text,
    derivation_text,
    period_text,
    rejection_text,
    value_text,
)
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import Rulebook

if TYPE_CHECKING:
    from lawcode.engine.decision import Decision


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
    _TextView(book, lang, d.on, md, d.readable_facts, out).run(d.trace)
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
        self.out.append(self.headline_text(trace, bullet, seen))

    def headline_text(self, trace: Trace, bullet: str, seen: bool = False) -> str:
        lang = self.lang
        answer = value_text(self.book, trace.rule, trace.value, lang) if trace.status == "decided" \
            else _(lang, "undetermined")
        more = " — " + _(lang, "see above") if seen else ""
        return f"{bullet}{trace.title.get(lang)}: {answer} ({trace.rule}){more}"

    def run(self, top: Trace) -> None:
        """Write ``top`` and the rules it relied on, depth first, with an explicit stack (no recursion:
        a chain of rules may be thousands long)."""
        stack: list[Iterator[str | tuple[Trace, int]]] = [self.items(top, 0)]
        while stack:
            item = next(stack[-1], None)
            if item is None:
                stack.pop()
            elif isinstance(item, str):
                self.out.append(item)
            else:
                trace, depth = item
                if trace.rule in self.shown:
                    pad = "  " * depth
                    self.headline(trace, f"{pad}- " if self.md else f"{pad}  * ", seen=True)
                else:
                    stack.append(self.items(trace, depth))

    def items(self, trace: Trace, depth: int) -> Iterator[str | tuple[Trace, int]]:
        """The lines of one rule's reasons, with (rule, depth) where a rule it relied on is explained."""
        book, lang, on = self.book, self.lang, self.on
        self.shown.add(trace.rule)
        pad = "  " * depth
        bullet = f"{pad}- " if self.md else f"{pad}  * "
        sub = f"{pad}  - " if self.md else f"{pad}      "
        if depth:
            yield self.headline_text(trace, bullet)
        for a in trace.applied:
            cites = "; ".join(cite_text(c, lang) for c in a.case.cite)
            flag = " [" + _(lang, "unverified") + "]" if a.case.unverified else ""
            text = case_text(book, trace.rule, a.case, a, lang, on, trace.decided_on, self.facts)
            yield f"{bullet}{text} — {cites}{flag}"
            if trace.selection is not None:
                used = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in trace.selection.inputs.items())
                yield sub + _(lang, "the version in force is chosen by the date {date} ({facts})",
                              date=format_date(trace.decided_on, lang), facts=used or trace.selection.source)
            if a.case.in_force.until is not None or depth == 0:
                yield sub + _(lang, "version in force {period}; applied to {date}",
                              period=period_text(a.case.in_force, lang), date=format_date(trace.decided_on, lang))
            if a.inputs:
                read = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in a.inputs.items())
                yield sub + _(lang, "facts: {facts}", facts=read)
            for dv in a.derived:
                yield sub + _(lang, "counted: {text}", text=derivation_text(dv.function, dv.args, dv.value, lang))
            for child in a.because:
                yield child, depth + 2
        if trace.note:
            yield f"{bullet}{_(lang, NOTES[trace.note])}"
        if trace.rejected:
            yield f"{pad}  " + _(lang, "Considered and not applied:")
            for r in trace.rejected:
                read = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in r.inputs.items())
                why = rejection_text(book, r, lang, self.md, self.facts)
                yield f"{bullet}{r.case.id}: {why}" + (f" ({read})" if read else "")
                for child in r.because:  # why the rule it read came out as it did
                    yield child, depth + 2
