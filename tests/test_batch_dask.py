"""Batches on a real Dask cluster: a LocalCluster of two worker processes, started here.

``decide_dask`` (map_partitions over a Dask DataFrame) and ``lawcode batch --dask ADDRESS`` must give,
row by row, what ``decide`` gives (and, for the command, the same lines as a run without Dask).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask
import dask.dataframe as dd
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from distributed import Client, LocalCluster

import lawcode
from differential import People
from lawcode.batch.dask import decide_dask
from lawcode.errors import LawcodeError

BOOK = lawcode.load()
LAWCODE = Path(sys.executable).parent / "lawcode"
QUESTIONS = ["conscription.liable_by_age", "summons.served_on", "measures.in_force"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c, \
            Client(c) as client:
        yield client


def _people(n: int, on: dt.date, spoil: float = 0.05) -> list[dict[str, Any]]:
    people = People(BOOK, seed=11)
    return [people.spoil(people.draw(on)[0], spoil) for _ in range(n)]


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns: dict[str, Any] = {"id": [f"p{i}" for i in range(len(rows))]}
    for name, fact in BOOK.facts.items():
        values = [r.get(name) for r in rows]
        if fact.type == "date" and all(v is None or type(v) is dt.date for v in values):
            columns[name] = pd.array(pa.array(values, pa.date32()), dtype=pd.ArrowDtype(pa.date32()))
        else:
            columns[name] = pd.Series([v if isinstance(v, str | bool | int | dt.date) or v is None else str(v)
                                       for v in values], dtype=object)
        columns[name + ".known"] = [name in r for r in rows]
    return pd.DataFrame(columns)


def _decide(question: str, facts: dict[str, Any], on: dt.date) -> tuple[Any, ...]:
    facts = {k: (v if isinstance(v, str | bool | int | dt.date) or v is None else str(v)) for k, v in facts.items()}
    try:
        a = BOOK.decide(question, facts, on)
    except LawcodeError as e:
        return None, None, [], str(e)
    return str(a.status), a.value, list(a.missing), None


def test_decide_dask_answers_every_partition_as_decide_does(cluster: Client) -> None:
    on = dt.date(2024, 6, 1)
    rows = _people(600, on)
    with dask.config.set({"dataframe.convert-string": False}):  # keep Python values in object columns as given
        ddf = dd.from_pandas(_frame(rows), npartitions=6)
    result = decide_dask(ddf, QUESTIONS, on).compute()
    assert len(result) == len(rows)
    workers = {w for w in cluster.scheduler_info()["workers"]}
    assert len(workers) == 2
    answers = pa.Table.from_pandas(result, preserve_index=False).to_pylist()  # ArrowDtype columns: exact values
    for i, facts in enumerate(rows):
        for q in QUESTIONS:
            got = tuple(answers[i][f"{q}.{k}"] for k in ("status", "value", "missing", "error"))
            assert got == _decide(q, facts, on), (i, q, facts)


def test_the_command_runs_on_the_cluster_as_it_runs_alone(cluster: Client, tmp_path: Path) -> None:
    on = dt.date(2024, 6, 1)
    rows = _people(300, on, spoil=0.0)  # Parquet holds typed columns only
    table = pa.Table.from_pandas(_frame(rows), preserve_index=False)
    pq.write_table(table, tmp_path / "people.parquet", row_group_size=70)
    lines = ["{\"person.sex\": \"male\", \"person.birth_date\": \"2000-02-29\"}", "oops", "{\"id\": 7}"] * 40
    (tmp_path / "people.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    address = cluster.scheduler.address
    env = {k: v for k, v in os.environ.items() if k != "LAWCODE_DEBUG"}
    for name in ("people.parquet", "people.jsonl"):
        args = [str(LAWCODE), "batch", *QUESTIONS, "--facts", name, "--on", on.isoformat(), "--chunk-rows", "50"]
        alone = subprocess.run(args, cwd=tmp_path, capture_output=True, text=True, timeout=300, env=env, check=False)
        on_dask = subprocess.run([*args, "--dask", address], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                                 env=env, check=False)
        assert alone.returncode == 0 and on_dask.returncode == 0, (alone.stderr, on_dask.stderr)
        assert on_dask.stdout.splitlines() == alone.stdout.splitlines()
        assert len(alone.stdout.splitlines()) > 100


def test_the_workers_are_processes(cluster: Client) -> None:
    pids = cluster.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()


def test_an_unknown_question_fails_before_any_partition_runs(cluster: Client) -> None:
    ddf = dd.from_pandas(pd.DataFrame({"person.sex": ["male"]}), npartitions=1)
    with pytest.raises(LawcodeError, match="unknown question"):
        decide_dask(ddf, "conscription.liable", "2024-01-01")


def test_people_fixture_is_deterministic() -> None:
    assert list(itertools.islice(iter(_people(3, dt.date(2024, 1, 1))), 3)) == _people(3, dt.date(2024, 1, 1))
    assert json.dumps(sorted(BOOK.facts))
