"""Writing answers as they come, chunk by chunk: JSON Lines, CSV or Parquet.

- **JSON Lines** (the contract's format): a first header line ``{"rulebook": {"version", "sha256"},
  "on", "questions"}``, then one line per row and question ``{"row", "id", "question", "status",
  "value", "missing"}`` (dates as ``YYYY-MM-DD``, lists as arrays); a row refused for one question
  ``{"row", "id", "question", "error"}``, a row refused before any question (not JSON, an unknown
  fact) once as ``{"row", "id", "error"}``.
- **CSV**: the same lines as columns ``row,id,question,status,value,missing,error`` (``value`` and
  ``missing`` as JSON text); the rulebook is named in the summary on standard error.
- **Parquet**: one row per input row; columns ``row``, ``id`` and, per question ``Q``, ``Q.status``,
  ``Q.value`` (typed: date, bool, int, string or list), ``Q.missing``, ``Q.error``; the rulebook,
  question date and questions in the file's metadata (``lawcode.rulebook``, ``lawcode.on``,
  ``lawcode.questions``).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import IO, Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

Answers = dict[str, pa.Table]  # question -> decide_batch's table (status, value, missing, error)


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(type(value).__name__)


class Writer:
    """Writes the answers of each chunk; ``close`` finishes the file."""

    def __init__(self, questions: list[str], header: dict[str, Any]):
        self.questions, self.header = questions, header

    def write(self, rows: np.ndarray[Any, Any], ids: list[Any], answers: Answers, refused: dict[int, str]) -> None:
        raise NotImplementedError  # pragma: no cover

    def explanation(self, line: dict[str, Any]) -> None:  # pragma: no cover - overridden where supported
        raise NotImplementedError

    def close(self) -> None:
        pass


def _lines(questions: list[str], rows: np.ndarray[Any, Any], ids: list[Any], answers: Answers,
           refused: dict[int, str]) -> Any:
    """(row, id, question, status, value, missing, error) per row and question, in row order."""
    per_question = {q: (t.column("status").to_pylist(), t.column("value").to_pylist(), t.column("missing").to_pylist(),
                        t.column("error").to_pylist()) for q, t in answers.items()}
    for i, row in enumerate(rows.tolist()):
        if i in refused:
            yield row, ids[i], None, None, None, None, refused[i]
            continue
        for q in questions:
            status, value, missing, error = per_question[q]
            yield row, ids[i], q, status[i], value[i], missing[i], error[i]


class JsonLinesWriter(Writer):
    def __init__(self, questions: list[str], header: dict[str, Any], stream: IO[str]):
        super().__init__(questions, header)
        self.stream = stream
        stream.write(json.dumps(header, ensure_ascii=False) + "\n")

    def write(self, rows: np.ndarray[Any, Any], ids: list[Any], answers: Answers, refused: dict[int, str]) -> None:
        dumps = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode
        out = []
        for row, rid, q, status, value, missing, error in _lines(self.questions, rows, ids, answers, refused):
            if error is not None:
                line = {"row": row, "id": rid, "error": error} if q is None else \
                    {"row": row, "id": rid, "question": q, "error": error}
            else:
                line = {"row": row, "id": rid, "question": q, "status": status, "value": value, "missing": missing}
            out.append(dumps(line))
        if out:
            self.stream.write("\n".join(out) + "\n")

    def explanation(self, line: dict[str, Any]) -> None:
        self.stream.write(json.dumps(line, ensure_ascii=False, default=_json_default) + "\n")

    def close(self) -> None:
        self.stream.flush()
        if self.stream is not sys.stdout:
            self.stream.close()


CSV_SCHEMA = pa.schema([("row", pa.int64()), ("id", pa.string()), ("question", pa.string()), ("status", pa.string()),
                        ("value", pa.string()), ("missing", pa.string()), ("error", pa.string())])


class CsvWriter(Writer):
    def __init__(self, questions: list[str], header: dict[str, Any], path: str):
        super().__init__(questions, header)
        self.writer = pacsv.CSVWriter(path, CSV_SCHEMA)

    def write(self, rows: np.ndarray[Any, Any], ids: list[Any], answers: Answers, refused: dict[int, str]) -> None:
        cols: list[list[Any]] = [[] for _ in range(7)]
        for row, rid, q, status, value, missing, error in _lines(self.questions, rows, ids, answers, refused):
            decided = error is None
            for c, v in zip(cols, (row, None if rid is None else str(rid), q, status,
                                   json.dumps(value, default=_json_default) if decided else None,
                                   json.dumps(missing) if decided else None, error), strict=True):
                c.append(v)
        self.writer.write_table(pa.table(dict(zip(CSV_SCHEMA.names, cols, strict=True)), schema=CSV_SCHEMA))

    def close(self) -> None:
        self.writer.close()


class ParquetWriter(Writer):
    def __init__(self, questions: list[str], header: dict[str, Any], path: str, types: dict[str, pa.DataType]):
        super().__init__(questions, header)
        fields = [pa.field("row", pa.int64()), pa.field("id", pa.string())]
        for q in questions:
            fields += [pa.field(f"{q}.status", pa.dictionary(pa.int8(), pa.string())), pa.field(f"{q}.value", types[q]),
                       pa.field(f"{q}.missing", pa.list_(pa.string())), pa.field(f"{q}.error", pa.string())]
        meta = {"lawcode.rulebook": json.dumps(header["rulebook"]), "lawcode.on": header["on"],
                "lawcode.questions": json.dumps(questions)}
        self.schema = pa.schema(fields, metadata=meta)
        self.writer = pq.ParquetWriter(path, self.schema)

    def write(self, rows: np.ndarray[Any, Any], ids: list[Any], answers: Answers, refused: dict[int, str]) -> None:
        n = len(rows)
        columns: list[Any] = [pa.array(rows), pa.array([None if v is None else str(v) for v in ids], pa.string())]
        bad = np.zeros(n, dtype=bool)
        if refused:
            bad[list(refused)] = True
        for q in self.questions:
            t = answers[q]
            if refused:
                messages = np.array(t.column("error").to_pylist(), dtype=object)
                for i, message in refused.items():
                    messages[i] = message
                errors = pa.array(messages.tolist(), pa.string())
                blank = pa.array(bad)
                status = pa.compute.if_else(blank, pa.scalar(None, pa.string()), t.column("status").cast(pa.string())) \
                    .dictionary_encode().cast(pa.dictionary(pa.int8(), pa.string()))
                columns += [status, t.column("value"), t.column("missing"), errors]
            else:
                columns += [t.column("status"), t.column("value"), t.column("missing"), t.column("error")]
        self.writer.write_table(pa.Table.from_arrays(columns, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


__all__ = ["CsvWriter", "JsonLinesWriter", "ParquetWriter", "Writer"]
