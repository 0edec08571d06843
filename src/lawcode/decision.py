"""``Decision``: the answer to a question, with its status, missing facts, citations and reasons."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from attrs import frozen

from .model import Rulebook
from .trace import Trace


@frozen(eq=False)
class Decision:
    """What ``explain`` returns; rendering (text, JSON) happens on demand, in ``lang``."""

    book: Rulebook
    question: str
    on: dt.date
    lang: str
    trace: Trace
    facts: Mapping[str, Any]

    @property
    def value(self) -> Any:
        return self.trace.value

    @property
    def status(self) -> str:
        return self.trace.status

    @property
    def decided(self) -> bool:
        return self.trace.status == "decided"

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(sorted(self.trace.missing))

    @property
    def citations(self) -> tuple[str, ...]:
        from .explanation import cite_text

        return tuple(cite_text(c) for c in self.trace.citations)

    def to_dict(self) -> dict[str, Any]:
        """The ``lawcode.decision/1`` document as Python data."""
        from .explanation import decision_json

        return decision_json(self)

    def to_json(self, indent: int | None = 2) -> str:
        """The ``lawcode.decision/1`` document as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        from .explanation import render

        return render(self, "markdown")

    def in_language(self, lang: str) -> Decision:
        """The same decision explained in another language."""
        return Decision(self.book, self.question, self.on, lang, self.trace, self.facts)

    def __str__(self) -> str:
        from .explanation import render

        return render(self, "text")
