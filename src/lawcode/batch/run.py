"""One batch run: read people chunk by chunk, answer every question for each chunk, write as it goes.

Memory stays flat: a chunk (``chunk_rows`` rows) is read, answered and written before the next is
read. Bad rows are reported in the output (row number, fact, fix) and the run goes on; with
``strict`` the first bad row stops it. ``explain_rows`` names rows whose full explanation
(``lawcode.decision/2``, from ``Rulebook.explain``) is written too.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, Any

from lawcode.api import Rulebook
from lawcode.batch.progress import Progress
from lawcode.batch.readers import Chunk, Reader, file_format, open_reader
from lawcode.batch.writers import Answers, CsvWriter, JsonLinesWriter, ParquetWriter, Writer
from lawcode.errors import LawcodeError, UsageError

CHUNK_ROWS = 200_000


class StrictStop(LawcodeError):
    """``--strict``: a row was refused."""


class Summary:
    def __init__(self) -> None:
        self.rows = 0
        self.bad_rows = 0
        self.started = time.perf_counter()

    def text(self, book: Rulebook, questions: list[str]) -> str:
        seconds = time.perf_counter() - self.started
        rate = self.rows / seconds if seconds > 0 else 0.0
        return (f"lawcode batch: {self.rows:,} rows x {len(questions)} question(s) in {seconds:.1f} s "
                f"({rate:,.0f} rows/s); {self.bad_rows:,} row(s) with errors; "
                f"rulebook {book.version} sha256 {book.sha256}")


def header(book: Rulebook, questions: list[str], on: dt.date) -> dict[str, Any]:
    """The first line of a JSON Lines output (and the Parquet metadata): which rulebook answered, and what."""
    return {"rulebook": {"version": book.version, "sha256": book.sha256}, "on": on.isoformat(), "questions": questions}


def open_writer(book: Rulebook, questions: list[str], on: dt.date, out: str | None,
                stdout: IO[str] | None = None) -> Writer:
    head = header(book, questions, on)
    if out is None:
        return JsonLinesWriter(questions, head, stdout or sys.stdout)
    kind = file_format(out)
    if kind == "jsonl":
        return JsonLinesWriter(questions, head, open(out, "w", encoding="utf-8"))
    if kind == "csv":
        return CsvWriter(questions, head, out)
    types = {q: book.batch_value_type(q) for q in questions}
    return ParquetWriter(questions, head, out, types)


def answer_chunk(book: Rulebook, questions: list[str], chunk: Chunk, on: dt.date) -> Answers:
    return {q: book.decide_batch(q, chunk.table, on) for q in questions}


def bad_rows(chunk: Chunk, answers: Answers) -> list[tuple[int, str]]:
    """(row number, message) of every refused row of a chunk, in row order."""
    found: dict[int, str] = {i: m for i, m in chunk.refused.items()}
    for q, table in answers.items():
        errors = table.column("error")
        if errors.null_count == len(errors):
            continue
        for i, message in enumerate(errors.to_pylist()):
            if message is not None and i not in found:
                found[i] = f"{q}: {message}"
    return [(int(chunk.rows[i]), found[i]) for i in sorted(found)]


def run(book: Rulebook, questions: list[str], facts: str, on: dt.date, out: str | None = None,
        strict: bool = False, explain_rows: Iterable[int] = (), chunk_rows: int = CHUNK_ROWS,
        stderr: IO[str] | None = None, stdout: IO[str] | None = None,
        chunks: Iterator[tuple[Chunk, Answers]] | None = None, reader: Reader | None = None) -> Summary:
    """Answer ``questions`` for every row of ``facts`` and write the answers to ``out`` (stdout if None)."""
    for q in questions:
        if q not in book.rules:
            book.decide(q, {}, on)  # raises the unknown-question error, with its hint
    err = stderr or sys.stderr
    if reader is None:
        reader = open_reader(facts, book, chunk_rows)
    wanted = set(explain_rows)
    writer = open_writer(book, questions, on, out, stdout)
    explanations = writer if isinstance(writer, JsonLinesWriter) or not wanted else \
        JsonLinesWriter(questions, header(book, questions, on), open(f"{out}.explanations.jsonl", "w",  # noqa: SIM115
                                                                      encoding="utf-8"))
    summary = Summary()
    progress = Progress(err, reader.total_rows)
    try:
        source = chunks if chunks is not None else ((c, answer_chunk(book, questions, c, on)) for c in reader.chunks())
        for chunk, answers in source:
            writer.write(chunk.rows, chunk.ids, answers, chunk.refused)
            refused = bad_rows(chunk, answers)
            summary.rows += len(chunk)
            summary.bad_rows += len(refused)
            if strict and refused:
                row, message = refused[0]
                raise StrictStop(f"row {row}: {message}", None, "fix the row, or run without --strict to go on")
            if wanted:
                _explain(book, questions, chunk, on, wanted, explanations)
            progress.update(summary.rows, reader.fraction)
    finally:
        progress.close()
        writer.close()
        if explanations is not writer:
            explanations.close()
    print(summary.text(book, questions), file=err)
    return summary


def _explain(book: Rulebook, questions: list[str], chunk: Chunk, on: dt.date, wanted: set[int],
             writer: Writer) -> None:
    for i, row in enumerate(chunk.rows.tolist()):
        if row not in wanted:
            continue
        facts = chunk.facts(i)
        for q in questions:
            line: dict[str, Any] = {"row": row, "id": chunk.ids[i], "question": q}
            if facts is None:
                line["error"] = chunk.refused.get(i, "the row could not be read")
            else:
                try:
                    line["explanation"] = book.explain(q, facts, on).to_dict()
                except LawcodeError as e:
                    line["error"] = str(e)
            writer.explanation(line)


def parse_rows(text: str) -> list[int]:
    """``--explain-rows 3,17``: row numbers."""
    try:
        rows = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise UsageError(f"--explain-rows takes row numbers separated by commas, not {text!r}", None,
                         "e.g. --explain-rows 1,17") from None
    return rows


__all__ = ["CHUNK_ROWS", "StrictStop", "Summary", "answer_chunk", "header", "open_writer", "parse_rows", "run"]
