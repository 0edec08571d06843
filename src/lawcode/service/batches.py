"""``POST /v1/batch``: many people at once, answered by the vector back end (``Rulebook.decide_batch``).

The body is JSON Lines, as ``lawcode batch --facts people.jsonl`` reads: one facts document per line
(a key left out is unknown, ``null`` did not happen, ``"id"`` is echoed back); blank lines are
skipped. The answer is JSON Lines, as ``lawcode batch`` writes: a first line naming the rulebook, the
date and the questions, then for each row in order one line per question ``{"row", "id",
"question", "status", "value", "missing"}``; ``row`` is the line's number in the body.

A bad row does not fail the batch. A row that cannot be read (not JSON, not an object, a bad
``id``, an unknown fact) gets one line ``{"row", "id", "error", "errors"}``; a value that a
question reads and refuses gets ``{"row", "id", "question", "error", "errors"}`` for that question
(the message ``decide`` gives for that row), and the row's other questions are answered. ``errors``
holds the items of a problem document (the field, e.g. ``facts.person.birth_date``, a JSON pointer
into the row's line, the message and the fix) in the reader's language.

Every row is answered in one ``decide_batch`` call per question: the facts go in as typed Arrow
columns (text columns for dates and choices, booleans), with a ``<fact>.known`` companion where
some rows leave a fact out; a column holding values of another type goes in as it is, and the back
end checks those value by value, as ``decide`` would.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path
from typing import Any

from lawcode.api import Rulebook
from lawcode.errors import N_, LawcodeError, Message
from lawcode.render.words import json_value
from lawcode.service import problems
from lawcode.service.bodies import ROW_EXAMPLE, parse_line
from lawcode.service.problems import RequestProblem, row_pointer

ID = "id"
KNOWN = ".known"
TEXT_FACTS = ("date", "enum", "text")  # given as JSON text: read as one Arrow string column
MEDIA_TYPE = "application/x-ndjson"

_KINDS = {list: N_("an array"), str: N_("text"), int: N_("a number"), float: N_("a number"),
          bool: N_("true or false"), type(None): N_("null")}
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def split_lines(body: bytes, limit: int) -> list[tuple[int, bytes]]:
    """The body's non-blank lines with their numbers (from 1); more than ``limit`` of them is a 413."""
    lines = [(number, line) for number, line in enumerate(body.split(b"\n"), start=1) if line.strip()]
    if len(lines) > limit:
        raise RequestProblem(413, Message(N_("the batch has {count} rows; a request holds at most {limit}"),
                                          count=len(lines), limit=limit), None,
                             Message(N_("send the rest in further requests, or answer a file with lawcode batch")))
    return lines


class Rows:
    """The lines of a batch read: numbers, ids, facts documents (None for a refused row) and refusals."""

    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.ids: list[Any] = []
        self.documents: list[dict[str, Any] | None] = []
        self.refused: dict[int, list[dict[str, Any]]] = {}


class Batch:
    """One batch request answered: the rulebook, the questions, the date, and the reader's language."""

    def __init__(self, book: Rulebook, questions: list[str], on: dt.date, lang: str, max_depth: int,
                 max_facts: int):
        self.book, self.questions, self.on, self.lang = book, questions, on, lang
        self.max_depth, self.max_facts = max_depth, max_facts
        self.root = Path(book.root)

    def answer(self, lines: list[tuple[int, bytes]]) -> bytes:
        """The JSON Lines answer to the numbered ``lines`` (see the module's description)."""
        rows = self.read(lines)
        n = len(rows.documents)
        header = {"rulebook": {"version": self.book.version, "sha256": self.book.sha256},
                  "on": self.on.isoformat(), "questions": self.questions}
        out = [_dumps(header)]
        answers: dict[str, tuple[list[Any], ...]] = {}
        if n:
            table = self.columns(rows.documents)
            for q in self.questions:
                t = self.book.decide_batch(q, table, self.on)
                answers[q] = tuple(t.column(c).to_pylist() for c in ("status", "value", "missing", "error"))
        refusals: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for i in range(n):
            row, rid = rows.numbers[i], rows.ids[i]
            items = rows.refused.get(i)
            if items is not None:
                out.append(_dumps({"row": row, "id": rid, "error": problems.detail(items, self.lang),
                                   "errors": items}))
                continue
            for q in self.questions:
                status, value, missing, error = answers[q]
                if error[i] is None:
                    out.append(_dumps({"row": row, "id": rid, "question": q, "status": status[i],
                                       "value": json_value(value[i]), "missing": missing[i]}))
                    continue
                key = (q, error[i])
                found = refusals.get(key)
                if found is None:
                    found = refusals[key] = self.refusal(q, rows.documents[i] or {}, error[i])
                out.append(_dumps({"row": row, "id": rid, "question": q, "error": problems.detail(found, self.lang),
                                   "errors": found}))
        return ("\n".join(out) + "\n").encode("utf-8")

    def read(self, lines: list[tuple[int, bytes]]) -> Rows:
        """Each line as a facts document, or refused with the problems found in it."""
        rows = Rows()
        facts = self.book.facts.keys()
        for i, (number, line) in enumerate(lines):
            rows.numbers.append(number)
            rows.ids.append(None)
            rows.documents.append(None)
            try:
                doc = parse_line(line, self.max_depth)
                if not isinstance(doc, dict):
                    said = Message(N_("the line must be a facts document (a JSON object), not {kind}"),
                                   kind=Message(_KINDS.get(type(doc), N_("a number"))))
                    raise RequestProblem(400, said, None,
                                         Message(N_("write one facts document per line, e.g. {example}"),
                                                 example=ROW_EXAMPLE))
                rows.ids[i] = rid = doc.pop(ID, None)
                if rid is not None and (type(rid) is not str and type(rid) is not int):
                    rows.ids[i] = None
                    raise RequestProblem(400, Message(N_("the id must be text or a whole number")), ID,
                                         Message(N_("e.g. {example}"), example='"a-17"'))
                if len(doc) > self.max_facts:
                    raise RequestProblem(422, Message(N_("too many facts: {count}; a facts document names at most "
                                                         "{limit}"), count=len(doc), limit=self.max_facts), "facts",
                                         Message(N_("GET /v1/facts lists the facts the rulebook reads")))
            except RequestProblem as p:
                rows.refused[i] = problems.request_errors(p, self.lang, row_pointer)
                continue
            if not facts >= doc.keys():
                rows.refused[i] = self.unknown_facts({k: v for k, v in doc.items() if k not in facts})
                continue
            rows.documents[i] = doc
        return rows

    def unknown_facts(self, unknown: dict[str, Any]) -> list[dict[str, Any]]:
        """The rulebook's own error for each fact it does not know (as /v1/decide reports them)."""
        try:
            self.book.check_facts(unknown)
        except LawcodeError as e:
            return problems.lawcode_errors(e, self.lang, self.root, row_pointer)
        raise AssertionError("a facts document naming unknown facts was accepted")  # pragma: no cover - a defect

    def refusal(self, question: str, facts: dict[str, Any], message: str) -> list[dict[str, Any]]:
        """The problem items of a row that ``decide_batch`` refused with ``message``: ``decide``'s own error for
        that row (the same message, by the contract), rendered in the reader's language. Asked once per
        distinct message, so a batch of a thousand equal mistakes costs one ``decide``."""
        try:
            self.book.decide(question, facts, self.on)
        except LawcodeError as e:
            return problems.lawcode_errors(e, self.lang, self.root, row_pointer)
        # decide answered where the vector back end refused: a defect; say what the back end said
        return [{"field": None, "pointer": None, "message": message.split("\n")[0], "hint": None, "location": None}]

    def columns(self, documents: list[dict[str, Any] | None]) -> dict[str, Any]:
        """The documents as columns for ``decide_batch``: one per fact given anywhere, its ``.known`` companion
        where some rows leave it out (refused rows leave out every fact)."""
        import numpy as np
        import pyarrow as pa

        n = len(documents)
        values: dict[str, list[Any]] = {}
        given: dict[str, bytearray] = {}
        for i, doc in enumerate(documents):
            if doc is None:
                continue
            for name, value in doc.items():
                column = values.get(name)
                if column is None:
                    column = values[name] = [None] * n
                    given[name] = bytearray(n)
                column[i] = value
                given[name][i] = 1
        table: dict[str, Any] = {}
        for name, column in values.items():
            kind = str(self.book.facts[name].type)
            typ = pa.string() if kind in TEXT_FACTS else pa.bool_() if kind == "bool" else None
            table[name] = column  # values of any type: checked value by value by the back end, as decide does
            if typ is not None:
                # strict: a value of another type (7 for a date, 1 for a yes/no) raises, and the column stays as given
                with contextlib.suppress(pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
                    table[name] = pa.array(column, type=typ)
            if given[name].count(0):
                table[name + KNOWN] = np.frombuffer(bytes(given[name]), dtype=np.bool_)
        if not table:
            table[ID] = [None] * n  # no fact anywhere: every fact unknown in every row
        return table


__all__ = ["MEDIA_TYPE", "Batch", "split_lines"]
