"""Reading people in chunks: JSON Lines, CSV and Parquet files as tables for ``Rulebook.decide_batch``.

Each reader yields ``Chunk``s of at most ``chunk_rows`` rows, so memory stays flat whatever the
file's size. How a row says "unknown" apart from "did not happen":

- **JSON Lines**: each line is a facts document: a key left out is unknown, ``null`` did not happen;
  ``"id"`` is echoed back. A line that is not JSON, not an object, or names an unknown fact is a bad
  row (reported, the run goes on). ``row`` is the line number.
- **CSV**: a header names the columns (facts, ``id``, ``<fact>.known``); an **empty cell** is unknown,
  the text **``null``** did not happen, anything else is the value (dates ``YYYY-MM-DD``, booleans
  ``true``/``false``, whole numbers). ``row`` counts data rows from 1.
- **Parquet**: typed columns (``date32`` dates, booleans, integers, strings); a **null** did not
  happen, a column left out is unknown for every row, a boolean ``<fact>.known`` column marks the
  rows where the fact is unknown. ``row`` counts rows from 1.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from lawcode.api import Rulebook
from lawcode.errors import LawcodeError, UsageError

FORMATS = ("jsonl", "csv", "parquet")
ID, KNOWN = "id", ".known"
_INT = re.compile(r"-?[0-9]+")


def file_format(path: str) -> str:
    """The format of a facts or results file, by its extension."""
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = {"jsonl": "jsonl", "ndjson": "jsonl", "json": "jsonl", "csv": "csv", "parquet": "parquet",
           "pq": "parquet"}.get(suffix)
    if fmt is None:
        raise UsageError(f"cannot tell the format of '{path}' from its extension", None,
                         "name the file *.jsonl, *.csv or *.parquet")
    return fmt


class Chunk:
    """Rows read together: the table for ``decide_batch``, their numbers and ids, and rows refused on reading."""

    def __init__(self, table: Any, rows: np.ndarray[Any, Any], ids: list[Any], refused: dict[int, str],
                 documents: list[dict[str, Any] | None] | None = None):
        self.table, self.rows, self.ids, self.refused = table, rows, ids, refused
        self._documents = documents

    def __len__(self) -> int:
        return len(self.rows)

    def facts(self, i: int) -> dict[str, Any] | None:
        """Row ``i`` as a facts document (None if it could not be read as one)."""
        if self._documents is not None:
            return self._documents[i]
        record = self.table.slice(i, 1).to_pylist()[0] if isinstance(self.table, pa.Table) else \
            {k: _cell(v, i) for k, v in self.table.items()}
        out = {}
        for name, value in record.items():
            if name == ID or name.endswith(KNOWN) or record.get(name + KNOWN) is False:
                continue
            out[name] = value
        return out


def _cell(column: Any, i: int) -> Any:
    value = column[i]
    return value.as_py() if hasattr(value, "as_py") else value


class Reader:
    """A facts file read chunk by chunk; ``fraction`` tells how far it got (for the progress bar)."""

    total_rows: int | None = None

    def __init__(self, path: str, book: Rulebook, chunk_rows: int):
        self.path, self.book, self.chunk_rows = path, book, chunk_rows
        self.size = max(1, os.path.getsize(path))
        self.fraction = 0.0

    def chunks(self) -> Iterator[Chunk]:  # pragma: no cover - overridden
        raise NotImplementedError


class JsonLinesReader(Reader):
    def chunks(self) -> Iterator[Chunk]:
        batch: list[tuple[int, bytes]] = []
        done = 0
        with open(self.path, "rb") as f:
            for number, line in enumerate(f, start=1):
                done += len(line)
                if not line.strip():
                    continue
                batch.append((number, line))
                if len(batch) >= self.chunk_rows:
                    self.fraction = done / self.size
                    yield json_chunk(self.book, batch)
                    batch = []
        self.fraction = 1.0
        if batch:
            yield json_chunk(self.book, batch)


def json_chunk(book: Rulebook, lines: list[tuple[int, bytes]]) -> Chunk:
    """Numbered JSON Lines as a chunk: one facts document per line."""
    facts = book.facts
    documents: list[dict[str, Any] | None] = []
    ids: list[Any] = []
    refused: dict[int, str] = {}
    for i, (number, line) in enumerate(lines):
        where = f"line {number}" if number > 0 else "the line"  # 0: numbered later (on a Dask worker)
        try:
            doc = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            refused[i] = f"{where} is not JSON: {getattr(e, 'msg', e)}\n  hint: write one facts document " \
                         "per line, e.g. {\"id\": \"a-1\", \"person.birth_date\": \"2000-05-10\"}"
            documents.append(None)
            ids.append(None)
            continue
        if not isinstance(doc, dict):
            refused[i] = f"{where} is not a facts document (a JSON object) but {type(doc).__name__}\n" \
                         "  hint: write one object per line, e.g. {\"person.sex\": \"male\"}"
            documents.append(None)
            ids.append(None)
            continue
        ids.append(doc.pop(ID, None))
        unknown = [k for k in doc if k not in facts]
        if unknown:
            refused[i] = _unknown_facts_message(book, doc)
            documents.append(None)
            continue
        documents.append(doc)
    columns: dict[str, Any] = {}
    for name in facts:
        present = [d is not None and name in d for d in documents]
        if not any(present):
            continue
        columns[name] = [d.get(name) if d is not None else None for d in documents]
        if not all(present):
            columns[name + KNOWN] = present
    if not columns:
        columns[ID] = [None] * len(lines)
    rows = np.array([number for number, _ in lines], dtype=np.int64)
    return Chunk(columns, rows, ids, refused, documents)


def _unknown_facts_message(book: Rulebook, doc: dict[str, Any]) -> str:
    """``decide``'s own message for a document naming facts the rulebook does not declare."""
    question = next(iter(book.rules))
    try:
        book.decide(question, doc, "2000-01-01")
    except LawcodeError as e:
        return str(e)
    raise AssertionError("a document with unknown facts was accepted")  # pragma: no cover - a defect


class CsvReader(Reader):
    def __init__(self, path: str, book: Rulebook, chunk_rows: int):
        super().__init__(path, book, chunk_rows)
        with open(path, newline="", encoding="utf-8") as f:
            header = next(csv.reader(f), None)
        if not header:
            raise UsageError(f"{path}: no header line", None, "the first line names the columns: id,person.sex,...")
        names = [h.strip() for h in header]
        for name in names:
            fact = name[: -len(KNOWN)] if name.endswith(KNOWN) else name
            if name != ID and fact not in book.facts:
                raise UsageError(f"{path}: unknown column '{name}'", None,
                                 "columns: id, the fact names, and <fact>.known")
        self.names = names

    def chunks(self) -> Iterator[Chunk]:
        read = pacsv.ReadOptions(column_names=self.names, skip_rows=1, block_size=1 << 22)
        convert = pacsv.ConvertOptions(column_types=dict.fromkeys(self.names, pa.string()),
                                       strings_can_be_null=False, quoted_strings_can_be_null=False)
        first = 1
        pending: list[pa.RecordBatch] = []
        count = 0
        with pacsv.open_csv(self.path, read_options=read, convert_options=convert) as stream:
            for batch in stream:
                pending.append(batch)
                count += batch.num_rows
                while count >= self.chunk_rows:
                    table = pa.Table.from_batches(pending)
                    head, rest = table.slice(0, self.chunk_rows), table.slice(self.chunk_rows)
                    yield self._chunk(head, first)
                    first += head.num_rows
                    pending, count = rest.to_batches(), rest.num_rows
                self.fraction = min(0.99, first / max(1, self.size / 60))
        if count:
            yield self._chunk(pa.Table.from_batches(pending), first)
        self.fraction = 1.0

    def _chunk(self, table: pa.Table, first: int) -> Chunk:
        columns: dict[str, Any] = {}
        ids: list[Any] = [None] * table.num_rows
        for name in self.names:
            cells = table.column(name).combine_chunks()
            if name == ID:
                ids = [v if v != "" else None for v in cells.to_pylist()]
                continue
            if name.endswith(KNOWN):
                columns[name] = [_known_cell(v) for v in cells.to_pylist()]
                continue
            columns.update(csv_cells(self.book, name, cells))
        if not columns:
            columns[ID] = ids
        rows = np.arange(first, first + table.num_rows, dtype=np.int64)
        return Chunk(columns, rows, ids, {})


def csv_cells(book: Rulebook, name: str, cells: pa.Array) -> dict[str, Any]:
    """One fact's CSV cells as a column and its ``.known`` companion: empty unknown, ``null`` did not happen."""
    empty = pc.equal(cells, "")
    null = pc.equal(cells, "null")
    text = pc.if_else(pc.or_(empty, null), pa.scalar(None, pa.string()), cells)
    kind = book.facts[name].type
    column: Any = text
    if kind in ("bool", "int"):
        column = [_typed_cell(v, kind) for v in text.to_pylist()]
    out = {name: column}
    known = np.asarray(pc.invert(empty).to_numpy(zero_copy_only=False), dtype=bool)
    if not known.all():
        out[name + KNOWN] = known
    return out


def _typed_cell(value: str | None, kind: str) -> Any:
    if value is None:
        return None
    if kind == "bool":
        return {"true": True, "false": False}.get(value, value)
    return int(value) if _INT.fullmatch(value) else value


def _known_cell(value: str) -> bool | None:
    return {"true": True, "false": False, "": None}.get(value.strip().lower())


class ParquetReader(Reader):
    def __init__(self, path: str, book: Rulebook, chunk_rows: int):
        super().__init__(path, book, chunk_rows)
        # without pre-buffering: with it, Arrow keeps buffers of row groups already read (memory grew with the file)
        self.file = pq.ParquetFile(path, pre_buffer=False)
        self.total_rows = self.file.metadata.num_rows

    def chunks(self) -> Iterator[Chunk]:
        first = 1
        total = max(1, self.total_rows or 1)
        for batch in self.file.iter_batches(batch_size=self.chunk_rows):
            table = pa.Table.from_batches([batch])
            ids = table.column(ID).to_pylist() if ID in table.column_names else [None] * table.num_rows
            rows = np.arange(first, first + table.num_rows, dtype=np.int64)
            first += table.num_rows
            self.fraction = (first - 1) / total
            yield Chunk(table, rows, ids, {})


def open_reader(path: str, book: Rulebook, chunk_rows: int) -> Reader:
    if not Path(path).is_file():
        raise UsageError(f"no such facts file: {path}", None, "give --facts people.jsonl, .csv or .parquet")
    kind = file_format(path)
    reader = {"jsonl": JsonLinesReader, "csv": CsvReader, "parquet": ParquetReader}[kind]
    return reader(path, book, chunk_rows)


__all__ = ["FORMATS", "Chunk", "Reader", "csv_cells", "file_format", "json_chunk", "open_reader"]
