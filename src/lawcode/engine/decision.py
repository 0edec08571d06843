"""``Decision``: the answer to a question, with its status, missing facts, citations and reasons.

Plain data: rendering it (text, Markdown, JSON) is the job of ``lawcode.render``; the public
``lawcode.Decision`` adds those renderings as methods.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from attrs import frozen

from lawcode.engine.trace import Trace
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import Rulebook


@frozen(eq=False)
class Decision:
    """What ``explain`` returns: the answer, and the trace its reasons are rendered from."""

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
        """Every provision the decision relied on, in the canonical (English) form."""
        return tuple(cite_text(c) for c in self.trace.citations)
