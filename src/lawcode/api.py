"""The public API: load a rulebook, ask it questions, render the answers.

The layers below know nothing of each other's callers; this module puts them together for
programs, the command line, the reviewers' tools and the service:

    import lawcode
    book = lawcode.load()                       # the bundled rules, or lawcode.load("path/to/rules")
    d = book.explain("conscription.liable_by_age", facts, on=datetime.date(2024, 4, 15), lang="ru")
    d.value, d.status, d.missing, d.citations, d.to_json(), str(d)
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lawcode.engine import decision as _decision
from lawcode.engine.decision import Answer
from lawcode.engine.facts import validate_facts
from lawcode.engine.questions import Asker, check_lang, question_date
from lawcode.render import graph as _graph
from lawcode.render import text as _text
from lawcode.render.timeline import Timeline, TimelineEvent, Undetermined, Unverified
from lawcode.rulebook.loading import load_rulebook, rules_path
from lawcode.rulebook.model import Act, FactDef, Rule
from lawcode.rulebook.model import Rulebook as RulebookData


def bundled_rules_dir() -> Path:
    """The rules shipped with lawcode: inside the package when installed, the repository's rules/ otherwise."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "rules", here.parents[1] / "rules"):
        if (candidate / "facts.yaml").exists():
            return candidate
    return here.parents[1] / "rules"


class Decision(_decision.Decision):
    """The answer to a question with its reasons; renders itself as text (``str``), Markdown or JSON."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        """The decision document as Python data."""
        return _graph.decision_document(self)

    def to_json(self, indent: int | None = 2) -> str:
        """The decision document as JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        """The explanation as Markdown, in the decision's language."""
        return _text.render(self, "markdown")

    def in_language(self, lang: str) -> Decision:
        """The same decision explained in another language."""
        return Decision(self.book, self.question, self.on, check_lang(lang), self.facts, self.compiled, self.index,
                        self.memo, self._traced)

    def __str__(self) -> str:
        return _text.render(self, "text")


class Rulebook:
    """A loaded, validated rulebook: ask it questions with ``explain`` (reasons) or ``decide`` (value only)."""

    __slots__ = ("_asker", "_columnar", "data")

    def __init__(self, data: RulebookData):
        self.data = data
        self._asker: Asker | None = None
        self._columnar: Any = None

    @property
    def asker(self) -> Asker:
        if self._asker is None:
            self._asker = Asker(self.data)
        return self._asker

    @property
    def acts(self) -> Mapping[str, Act]:
        return self.data.acts

    @property
    def facts(self) -> Mapping[str, FactDef]:
        return self.data.facts

    @property
    def rules(self) -> Mapping[str, Rule]:
        return self.data.rules

    @property
    def version(self) -> str:
        return self.data.version

    @property
    def sha256(self) -> str:
        return self.data.sha256

    @property
    def root(self) -> str:
        return self.data.root

    def explain(self, question: str, facts: Mapping[str, Any], on: dt.date | str | None = None,
                lang: str = "en") -> Decision:
        """Answer ``question`` about ``facts`` on date ``on`` (default today), with the reasons.

        ``on`` is a ``datetime.date`` or an ISO ``YYYY-MM-DD`` string. Value, status, missing facts,
        citations and flags come at once; the reasons are built when rendered (``str``, ``to_json``).
        """
        return self.asker.explain(question, facts, on, lang, Decision)

    def check_facts(self, facts: Mapping[str, Any]) -> dict[str, Any]:
        """``facts`` checked whole against the rulebook, values typed (dates as ``datetime.date``).

        Every unknown name or bad value is reported (``LawcodeErrors`` when several), as the command
        line reports a facts file; ``explain`` and ``decide`` themselves check only the facts they read.
        """
        return validate_facts(self.data, facts)

    def decide(self, question: str, facts: Mapping[str, Any], on: dt.date | str | None = None) -> Answer:
        """The answer to ``question`` about ``facts`` on ``on``: value, status and missing facts, no reasons.

        The fast path: programs call it in loops. It gives the same answer as ``explain``, always.
        """
        return self.asker.decide(question, facts, on)

    def decide_batch(self, question: str, table: Any, on: dt.date | str | None = None) -> Any:
        """``decide`` for every row of a table at once; returns a ``pyarrow.Table``.

        ``table`` is a ``pyarrow.Table`` or a mapping of fact name to column (numpy arrays, lists,
        Arrow arrays), one row per person. Conventions, as in a facts document:

        - a **null** in a fact's column means the event did not happen for that row;
        - a fact whose column is **left out** is unknown for every row;
        - a boolean companion column ``<fact>.known`` says, row by row, whether the fact is known:
          false (or null) makes it unknown in that row, whatever its column holds;
        - a column ``id`` is echoed back; any other column name is refused (``LawcodeError``).

        The answer has one row per input row: ``row`` (1-based), ``id`` (if given), ``status``
        (``decided`` | ``undetermined``; null for a refused row), ``value`` (typed: date, bool, int,
        string or list), ``missing`` (the facts to ask for, sorted) and ``error``: for a row that
        ``decide`` would refuse (a bad value, an ambiguous date count, a conflict between cases, a null
        where yes/no was expected), ``decide``'s message naming the fact and the fix; the other rows go
        on. Every row's answer equals ``decide``'s for that row. Needs the ``batch`` extra
        (``pip install 'lawcode[batch]'``: numpy, pyarrow).
        """
        return self.columnar.decide_batch(question, table, on)

    def batch_value_type(self, question: str) -> Any:
        """The Arrow type of ``question``'s values in ``decide_batch``'s answers (``value`` column)."""
        return self.columnar.arrow_type(question)

    @property
    def columnar(self) -> Any:
        if self._columnar is None:
            from lawcode.engine.columnar import ColumnarAsker  # numpy and pyarrow only when asked

            self._columnar = ColumnarAsker(self.data)
        return self._columnar


def load(path: str | Path | None = None) -> Rulebook:
    """Load and validate a rulebook (default: the bundled rules); raises ``LawcodeError`` on problems.

    ``path`` is the rules directory as text, a ``pathlib.Path`` (any ``os.PathLike``) or bytes; anything else
    is a ``UsageError``.
    """
    return Rulebook(load_rulebook(path if path is not None else bundled_rules_dir()))


@functools.lru_cache(maxsize=8)
def _load_cached(root: str) -> Rulebook:
    return load(root)


def explain(question: str, facts: Mapping[str, Any], on: dt.date | None = None, lang: str = "en",
            rules: str | Path | None = None) -> Decision:
    """Answer ``question`` about ``facts`` with the bundled (or given) rules; see ``Rulebook.explain``."""
    root = str(rules_path(rules) if rules is not None else bundled_rules_dir())
    return _load_cached(root).explain(question, facts, on=on, lang=lang)


def timeline(book: Rulebook, facts: Mapping[str, Any], on: dt.date | str | None = None, lang: str = "en") -> Timeline:
    """Every dated legal consequence of ``facts`` (asked on ``on``: a date or YYYY-MM-DD, default today), in date order.

    Facts are validated once against the rulebook (unknown names and bad values raise
    ``LawcodeError`` as ``explain`` does). Each consequence is the answer to a question of the
    rulebook; its text is the explanation of the case that decided it, in ``lang``.
    """
    day = question_date(on)
    check_lang(lang)
    valid = validate_facts(book.data, facts)
    found: list[tuple[dt.date, int, TimelineEvent]] = []
    undetermined: list[Undetermined] = []
    for order, entry in enumerate(book.data.timeline):  # timeline.yaml: the events, in its order
        code, name, label = entry.event, entry.name, entry.label.get(lang)
        if entry.is_fact:
            value = valid.get(name)
            if isinstance(value, dt.date) and name in book.facts:
                meaning = book.facts[name].meaning.get(lang)
                found.append((value, order, TimelineEvent(value, code, label, name, value, (), meaning,
                                                          is_fact=True)))
            continue
        if name not in book.rules:
            continue
        d = book.explain(name, valid, on=day, lang=lang)
        if d.status != "decided":
            undetermined.append(Undetermined(code, label, name, tuple(d.missing)))
            continue
        if not isinstance(d.value, dt.date):
            continue
        text = _graph.node_text(d.book, d.trace, lang, d.on, d.readable_facts)
        flags = tuple(Unverified(rule, case.id, case.note.get(lang) if case.note else None)
                      for rule, case in d.unverified)
        found.append((d.value, order, TimelineEvent(d.value, code, label, name, d.value, d.cited,
                                                    str(text or ""), flags)))
    found.sort(key=lambda item: (item[0], item[1]))
    return Timeline(day, lang, tuple(e for _, _, e in found), tuple(undetermined), book.version, book.sha256)
