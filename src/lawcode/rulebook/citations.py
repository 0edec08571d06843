"""Citations as lawyers write them, in English (the canonical form JSON carries) or Russian."""

from __future__ import annotations

from lawcode.rulebook.model import Citation


def cite_text(c: Citation, lang: str = "en") -> str:
    """A citation as lawyers write it: '53-FZ art. 22 para. 1 «а» (as amended by 439-FZ of 04.08.2023)'."""
    if lang == "ru":
        parts = []
        if c.subparagraph:
            parts.append(f"подп. «{c.subparagraph}»")
        if c.paragraph:
            parts.append(f"п. {c.paragraph}")
        if c.part:
            parts.append(f"ч. {c.part}")
        if c.article:
            parts.append(f"ст. {c.article}")
        text = " ".join([*parts, c.act.name("ru")])
        if c.amended_by:
            text += " (в ред. " + ", ".join(f"{a.name('ru')} от {a.date:%d.%m.%Y}" for a in c.amended_by) + ")"
        return ("по аналогии: " if c.by_analogy else "") + text
    text = c.act.name("en")
    if c.article:
        text += f" art. {c.article}"
    if c.part:
        text += f" part {c.part}"
    if c.paragraph:
        text += f" para. {c.paragraph}"
    if c.subparagraph:
        text += f" «{c.subparagraph}»"
    if c.amended_by:
        text += " (as amended by " + ", ".join(f"{a.name('en')} of {a.date:%d.%m.%Y}" for a in c.amended_by) + ")"
    return ("by analogy: " if c.by_analogy else "") + text
