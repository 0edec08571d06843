"""Batches on a Dask cluster: each partition answered where it is, with ``map_partitions``.

``decide_dask(ddf, questions, on)`` takes a Dask DataFrame whose columns are facts (with
``<fact>.known`` companions and ``id`` if wanted, as ``Rulebook.decide_batch`` reads them) and
returns a lazy Dask DataFrame with the same index and, per question ``Q``, the columns
``Q.status``, ``Q.value``, ``Q.missing``, ``Q.error``. Workers load the rulebook themselves, once
per process, from ``rules`` (a directory every worker can read; default: the bundled rules), so
nothing but the question and the rows travels. ``lawcode batch --dask ADDRESS`` reads the facts
file with Dask (Parquet, CSV or JSON Lines), answers partition by partition on the cluster and
writes the answers in order as they come back, keeping a few partitions in flight per worker.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.bag as db
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from dask.delayed import delayed
from distributed import Client, LocalCluster

from lawcode.api import Rulebook, bundled_rules_dir, load
from lawcode.batch import run as batch
from lawcode.batch.readers import ID, Chunk, Reader, csv_cells, file_format, json_chunk
from lawcode.batch.writers import Answers
from lawcode.errors import UsageError


@functools.lru_cache(maxsize=4)
def _book(root: str) -> Rulebook:
    return load(root)


def _root(rules: str | Path | None) -> str:
    return str(Path(rules).resolve() if rules is not None else bundled_rules_dir())


def _answers_frame(book: Rulebook, questions: list[str], table: Any, on: str, index: Any) -> pd.DataFrame:
    columns: dict[str, Any] = {}
    for q in questions:
        answer = book.decide_batch(q, table, on)
        for name in ("status", "value", "missing", "error"):
            columns[f"{q}.{name}"] = answer.column(name)
    frame = pa.table(columns).to_pandas(types_mapper=pd.ArrowDtype)
    frame.index = index
    return frame


def _partition(df: pd.DataFrame, questions: list[str], on: str, root: str) -> pd.DataFrame:
    book = _book(root)
    # object columns (mixed Python values) go value by value, as decide reads them; typed ones as columns
    table = {str(name): (df[name].tolist() if df[name].dtype == object else df[name]) for name in df.columns}
    if not table:
        table = {ID: [None] * len(df)}
    return _answers_frame(book, questions, table, on, df.index)


def decide_dask(ddf: dd.DataFrame, questions: str | list[str], on: dt.date | str,
                rules: str | Path | None = None) -> dd.DataFrame:
    """The answers to ``questions`` for every row of ``ddf`` (lazy; compute it, or write it with Dask)."""
    qs = [questions] if isinstance(questions, str) else list(questions)
    root = _root(rules)
    book = _book(root)
    day = on.isoformat() if isinstance(on, dt.date) else str(on)
    for q in qs:
        book.decide_batch(q, {ID: []}, day)  # an unknown question or a bad date fails here, not on a worker
    empty = {ID: pa.array([], pa.string())}
    meta = _answers_frame(book, qs, empty, day, pd.RangeIndex(0))
    return ddf.map_partitions(_partition, qs, day, root, meta=meta)


# -- the command line's path -------------------------------------------------------------------------------------
def _work(part: Any, kind: str, questions: list[str], on: str, root: str, keep: bool) -> tuple[Chunk, Answers]:
    """One partition on a worker: read as a chunk, answered; the input is sent back only if rows are explained."""
    book = _book(root)
    if kind == "jsonl":
        lines = [(0, line.encode("utf-8")) for line in part if line.strip()]
        chunk = json_chunk(book, lines)
    elif kind == "csv":
        columns: dict[str, Any] = {}
        ids = [None] * len(part)
        for name in part.columns:
            cells = pa.array(part[name].astype(str).tolist(), pa.string())
            if name == ID:
                ids = [v or None for v in cells.to_pylist()]
            elif name.endswith(".known"):
                columns[name] = [{"true": True, "false": False}.get(v.strip().lower()) for v in cells.to_pylist()]
            else:
                columns.update(csv_cells(book, name, cells))
        chunk = Chunk(columns or {ID: ids}, np.zeros(len(part), dtype=np.int64), ids, {})
    else:
        table = part if isinstance(part, pa.Table) else pa.Table.from_pandas(part, preserve_index=False)
        ids = table.column(ID).to_pylist() if ID in table.column_names else [None] * table.num_rows
        chunk = Chunk(table, np.zeros(table.num_rows, dtype=np.int64), ids, {})
    answers = batch.answer_chunk(book, questions, chunk, dt.date.fromisoformat(on))
    if not keep:
        chunk.table = None
    return chunk, answers


def _row_group(path: str, index: int) -> pa.Table:
    return pq.ParquetFile(path, pre_buffer=False).read_row_group(index)


class _Progress(Reader):
    """What the progress bar and summary need from a reader, for partitions coming back from a cluster."""

    def __init__(self, total: int):
        self.fraction = 0.0
        self.total_parts = max(1, total)
        self.total_rows = None

    def chunks(self) -> Iterator[Chunk]:  # pragma: no cover - never read directly
        return iter(())


def _partitions(path: str, kind: str, chunk_rows: int) -> list[Any]:
    if kind == "parquet":  # a partition per row group, read by the worker straight into Arrow (no pandas)
        groups = pq.ParquetFile(path).metadata.num_row_groups
        return [delayed(_row_group)(str(Path(path).resolve()), i) for i in range(groups)]
    if kind == "csv":
        frame = dd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, blocksize=64 * chunk_rows)
        return list(frame.to_delayed())
    return list(db.read_text(path, blocksize=256 * chunk_rows).to_delayed())


def run_cli(book: Rulebook, questions: list[str], facts: str, on: dt.date, out: str | None, strict: bool,
            explain_rows: list[int], chunk_rows: int, address: str, rules: str | None) -> batch.Summary:
    """``lawcode batch ... --dask ADDRESS``: answer on a cluster, write here, in order."""
    if not Path(facts).is_file():
        raise UsageError(f"no such facts file: {facts}", None, "give --facts people.jsonl, .csv or .parquet")
    for q in questions:
        book.decide_batch(q, {ID: []}, on)
    kind = file_format(facts)
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) if address == "local" else None
    client = Client(cluster if cluster is not None else address)
    try:
        parts = _partitions(facts, kind, chunk_rows)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        progress = _Progress(len(parts))
        root = _root(rules)
        tasks = [delayed(_work)(p, kind, questions, on.isoformat(), root, bool(explain_rows)) for p in parts]

        def results() -> Iterator[tuple[Chunk, Answers]]:
            window = 2 * workers
            futures = [client.compute(t) for t in tasks[:window]]
            nxt = len(futures)
            row = 1
            for i in range(len(tasks)):
                chunk, answers = futures[i].result()
                futures[i] = None  # let the cluster forget it
                if nxt < len(tasks):
                    futures.append(client.compute(tasks[nxt]))
                    nxt += 1
                chunk.rows = np.arange(row, row + len(chunk.ids), dtype=np.int64)
                for k, message in chunk.refused.items():  # JSON Lines: the worker did not know the number
                    if message.startswith("the line"):
                        chunk.refused[k] = f"line {row + k}" + message[len("the line"):]
                row += len(chunk.ids)
                progress.fraction = (i + 1) / progress.total_parts
                yield chunk, answers

        return batch.run(book, questions, facts, on, out, strict, explain_rows, chunk_rows, chunks=results(),
                         reader=progress)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["decide_dask", "run_cli"]
