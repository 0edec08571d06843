"""A decision for a reader: text or Markdown, the answer first, then the reasons, flags and citations.

Each rule's reasons are given in full once; a later mention says "see above".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from lawcode.engine.trace import Applied, Rejected, Trace
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
        if md:
            out.append("")
        for name in d.missing:
            meaning = book.facts[name].meaning.get(lang) if name in book.facts else ""
            out.append(f"- `{name}`: {meaning}" if md else f"  - {name}: {meaning}")
    out.append("")
    out.append(("### " if md else "") + _(lang, "Reasons"))
    if md:
        out.append("")
    view = _MarkdownView if md else _TextView
    view(book, lang, d.on, d.readable_facts, out).run(d.trace)
    unverified = d.unverified
    if unverified:
        out.append("")
        out.append(("### " if md else "") + _(lang, "Unverified"))
        out.append(_(lang, "This answer relies on readings not verified against the official text:"))
        if md:
            out.append("")
        for rule, case in unverified:
            note = case.note.get(lang) if case.note else ""
            out.append(f"- {rule} / {case.id}: {note}" if md else f"  - {rule} / {case.id}: {note}")
    if d.citations:
        out.append("")
        out.append(("### " if md else "") + _(lang, "Citations"))
        if md:
            out.append("")
        for c in d.cited:
            out.append(f"- {cite_text(c, lang)}" if md else f"  - {cite_text(c, lang)}")
    return "\n".join(out).rstrip() + "\n"


class _Sentences:
    """The sentences of a rule's reasons, shared by the text and Markdown views."""

    def __init__(self, book: Rulebook, lang: str, on: dt.date, md: bool, facts: Mapping[str, Any]):
        self.book, self.lang, self.on, self.md, self.facts = book, lang, on, md, facts

    def headline(self, trace: Trace, seen: bool = False) -> str:
        lang = self.lang
        answer = value_text(self.book, trace.rule, trace.value, lang) if trace.status == "decided" \
            else _(lang, "undetermined")
        more = " — " + _(lang, "see above") if seen else ""
        return f"{trace.title.get(lang)}: {answer} ({trace.rule}){more}"

    def applied(self, trace: Trace, a: Applied) -> str:
        lang = self.lang
        cites = "; ".join(cite_text(c, lang) for c in a.case.cite)
        flag = " [" + _(lang, "unverified") + "]" if a.case.unverified else ""
        text = case_text(self.book, trace.rule, a.case, a, lang, self.on, trace.decided_on, self.facts)
        return f"{text} — {cites}{flag}"

    def details(self, trace: Trace, a: Applied, top: bool) -> Iterator[str]:
        """What a case that applied stood on: the version chosen, the facts read, the counts made."""
        book, lang = self.book, self.lang
        if trace.selection is not None:
            used = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in trace.selection.inputs.items())
            yield _(lang, "the version in force is chosen by the date {date} ({facts})",
                    date=format_date(trace.decided_on, lang), facts=used or trace.selection.source)
        if a.case.in_force.until is not None or top:
            yield _(lang, "version in force {period}; applied to {date}",
                    period=period_text(a.case.in_force, lang), date=format_date(trace.decided_on, lang))
        if a.inputs:
            read = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in a.inputs.items())
            yield _(lang, "facts: {facts}", facts=read)
        for dv in a.derived:
            yield _(lang, "counted: {text}", text=derivation_text(dv.function, dv.args, dv.value, lang))

    def rejected(self, r: Rejected) -> str:
        book, lang = self.book, self.lang
        read = "; ".join(f"{k} = {value_text(book, k, v, lang)}" for k, v in r.inputs.items())
        why = rejection_text(book, r, lang, self.md, self.facts)
        return f"{r.case.id}: {why}" + (f" ({read})" if read else "")


class _TextView(_Sentences):
    """Renders a trace tree as indented text; each rule's reasons are given in full once."""

    def __init__(self, book: Rulebook, lang: str, on: dt.date, facts: Mapping[str, Any], out: list[str]):
        super().__init__(book, lang, on, False, facts)
        self.out = out
        self.shown: set[str] = set()

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
                    self.out.append(f"{'  ' * depth}  * " + self.headline(trace, seen=True))
                else:
                    stack.append(self.items(trace, depth))

    def items(self, trace: Trace, depth: int) -> Iterator[str | tuple[Trace, int]]:
        """The lines of one rule's reasons, with (rule, depth) where a rule it relied on is explained."""
        self.shown.add(trace.rule)
        pad = "  " * depth
        bullet, sub = f"{pad}  * ", f"{pad}      "
        if depth:
            yield bullet + self.headline(trace)
        for a in trace.applied:
            yield bullet + self.applied(trace, a)
            for line in self.details(trace, a, depth == 0):
                yield sub + line
            for child in a.because:
                yield child, depth + 2
        if trace.note:
            yield f"{bullet}{_(self.lang, NOTES[trace.note])}"
        if trace.rejected:
            yield f"{pad}  " + _(self.lang, "Considered and not applied:")
            for r in trace.rejected:
                yield bullet + self.rejected(r)
                for child in r.because:  # why the rule it read came out as it did
                    yield child, depth + 2


class _MarkdownView(_Sentences):
    """Renders the reasons as Markdown: the answer's own reasons, then one section per rule relied on, each
    once, in the order they are first used; where a case read a rule, an item names it. Lists nest at most
    three deep, so any CommonMark renderer reads them as written."""

    def __init__(self, book: Rulebook, lang: str, on: dt.date, facts: Mapping[str, Any], out: list[str]):
        super().__init__(book, lang, on, True, facts)
        self.out = out

    def run(self, top: Trace) -> None:
        queue, queued = [top], {top.rule}
        for n, trace in enumerate(iter_growing(queue)):
            if n:
                self.out += ["", "#### " + self.headline(trace), ""]
            for child in self.section(trace, top=n == 0):
                if child.rule not in queued:
                    queued.add(child.rule)
                    queue.append(child)

    def uses(self, level: int, traces: tuple[Trace, ...]) -> Iterator[Trace]:
        for child in traces:
            self.out.append("  " * level + "- " + _(self.lang, "uses: {rule}", rule=self.headline(child)))
            yield child

    def section(self, trace: Trace, top: bool) -> Iterator[Trace]:
        """Write one rule's reasons; yield the rules they name, to be given sections of their own."""
        out = self.out
        for a in trace.applied:
            out.append("- " + self.applied(trace, a))
            out.extend("  - " + line for line in self.details(trace, a, top))
            yield from self.uses(1, a.because)
        if trace.note:
            out.append("- " + _(self.lang, NOTES[trace.note]))
        if trace.rejected:
            out.append("- " + _(self.lang, "Considered and not applied:"))
            for r in trace.rejected:
                out.append("  - " + self.rejected(r))
                yield from self.uses(2, r.because)


def iter_growing(items: list[Trace]) -> Iterator[Trace]:
    """The items of a list that grows while it is read."""
    n = 0
    while n < len(items):
        yield items[n]
        n += 1
