"""Rulebook.decide_batch's columnar conventions, and ``lawcode batch`` on JSON Lines, CSV and Parquet.

Every answer is checked against ``decide`` for the same row given as a facts document.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import lawcode
from lawcode.batch.progress import Progress
from lawcode.errors import LawcodeError

BOOK = lawcode.load()
LAWCODE = Path(sys.executable).parent / "lawcode"
ON = dt.date(2024, 4, 15)
AGE = "conscription.liable_by_age"
SERVED = "summons.served_on"


def decide(question: str, facts: dict[str, Any], on: Any = ON) -> dict[str, Any]:
    """``decide``'s answer as a batch row gives it."""
    try:
        a = BOOK.decide(question, facts, on)
    except LawcodeError as e:
        return {"status": None, "value": None, "missing": [], "error": str(e)}
    return {"status": str(a.status), "value": a.value, "missing": list(a.missing), "error": None}


def rows(table: pa.Table) -> list[dict[str, Any]]:
    return [{k: r[k] for k in ("status", "value", "missing", "error")} for r in table.to_pylist()]


# -- the Python API ---------------------------------------------------------------------------------------------------
def test_null_is_did_not_happen_a_missing_column_is_unknown_and_known_false_is_unknown_in_one_row() -> None:
    people = [
        {"summons.placed_in_register_on": dt.date(2024, 4, 1), "summons.handed_over_on": None,
         "summons.mail_delivered_on": None, "summons.posted_to_account_on": None},
        {"summons.placed_in_register_on": None, "summons.handed_over_on": None, "summons.mail_delivered_on": None,
         "summons.posted_to_account_on": None},
        {"summons.handed_over_on": None, "summons.mail_delivered_on": None, "summons.posted_to_account_on": None},
    ]
    table = {
        "id": ["a", "b", "c"],
        "summons.placed_in_register_on": [dt.date(2024, 4, 1), None, dt.date(2030, 1, 1)],
        "summons.placed_in_register_on.known": [True, True, False],  # row c: unknown, whatever the column holds
        "summons.handed_over_on": [None, None, None],
        "summons.mail_delivered_on": pa.array([None, None, None], pa.date32()),
        "summons.posted_to_account_on": np.array(["NaT", "NaT", "NaT"], dtype="datetime64[D]"),
    }
    out = BOOK.decide_batch(SERVED, table, ON)
    assert out.column("id").to_pylist() == ["a", "b", "c"]
    assert out.column("row").to_pylist() == [1, 2, 3]
    assert rows(out) == [decide(SERVED, p) for p in people]
    assert rows(out)[2]["missing"] == ["summons.placed_in_register_on"]
    left_out = BOOK.decide_batch(AGE, {"person.sex": ["male"]}, "2024-04-15")  # no birth date column: unknown
    assert rows(left_out) == [decide(AGE, {"person.sex": "male"})]


def test_columns_of_every_kind_give_decides_answers() -> None:
    births = ["2000-05-10", "2006-04-15", "2006-04-16", "1996-02-29", None]
    facts = [{"person.sex": "male", "person.birth_date": b} for b in births]
    expected = [decide(AGE, f) for f in facts]
    as_dates = [None if b is None else dt.date.fromisoformat(b) for b in births]
    for column in (births, as_dates, pa.array(as_dates, pa.date32()), np.array(births, dtype="datetime64[D]"),
                   pa.chunked_array([pa.array(births[:2]), pa.array(births[2:])])):
        out = BOOK.decide_batch(AGE, pa.table({"person.sex": ["male"] * 5, "person.birth_date": column}), ON)
        assert rows(out) == expected
    assert BOOK.decide_batch(AGE, {"person.sex": ["male"], "person.birth_date": ["2000-05-10"]}, ON) \
        .schema.field("value").type == pa.bool_()
    assert BOOK.decide_batch(SERVED, {"id": [1]}, ON).schema.field("value").type == pa.date32()
    assert BOOK.decide_batch("measures.in_force", {"id": [1]}, ON).schema.field("value").type == pa.list_(pa.string())


def test_bad_values_are_row_errors_with_decides_message_and_the_other_rows_go_on() -> None:
    facts = [
        {"person.sex": "male", "person.birth_date": "2023-02-29"},
        {"person.sex": "mael", "person.birth_date": "2000-01-01"},
        {"person.sex": None, "person.birth_date": "2000-01-01"},
        {"person.sex": "male", "person.birth_date": 20000101},
        {"person.sex": "male", "person.birth_date": "2000-01-01"},
    ]
    table = {name: [f[name] for f in facts] for name in ("person.sex", "person.birth_date")}
    out = rows(BOOK.decide_batch(AGE, table, ON))
    assert out == [decide(AGE, f) for f in facts]
    assert "2023 has no 29 February" in out[0]["error"] and "'person.birth_date'" in out[0]["error"]
    assert "did you mean 'male'" in out[1]["error"]
    assert out[4]["status"] == "decided"


def test_a_table_that_is_not_a_batch_is_refused() -> None:
    with pytest.raises(LawcodeError, match=r"unknown column 'person\.sexx'"):
        BOOK.decide_batch(AGE, {"person.sexx": ["male"]}, ON)
    with pytest.raises(LawcodeError, match="different lengths"):
        BOOK.decide_batch(AGE, {"person.sex": ["male"], "person.birth_date": []}, ON)
    with pytest.raises(LawcodeError, match="unknown question"):
        BOOK.decide_batch("conscription.liable", {"person.sex": ["male"]}, ON)
    with pytest.raises(LawcodeError, match="question date"):
        BOOK.decide_batch(AGE, {"person.sex": ["male"]}, dt.datetime(2024, 1, 1))
    with pytest.raises(LawcodeError, match=r"pyarrow\.Table or a mapping"):
        BOOK.decide_batch(AGE, [{"person.sex": "male"}], ON)
    with pytest.raises(LawcodeError, match="must be true or false"):
        BOOK.decide_batch(AGE, {"person.sex": ["male"], "person.sex.known": ["yes"]}, ON)


def test_a_list_given_for_an_enum_is_refused_by_decide_with_the_facts_message() -> None:
    assert decide(AGE, {"person.sex": [1]})["error"].startswith("'person.sex' cannot be [1]")


def test_import_lawcode_and_the_scalar_path_load_neither_numpy_nor_arrow() -> None:
    code = ("import sys, lawcode, lawcode.cli; b = lawcode.load(); b.decide('conscription.liable_by_age', {}, "
            "'2024-01-01'); b.explain('summons.served_on', {}, '2024-01-01').to_json(); "
            "print(sorted(m for m in ('numpy', 'pyarrow', 'pandas', 'dask') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == "[]"


def test_the_progress_line_shows_on_a_terminal_only() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        p = Progress(stream, total_rows=1000, every=0.0)
        p.update(500, 0.5)
        p.close()
    assert "500/1,000 rows" in tty.getvalue() and "rows/s" in tty.getvalue() and "s left" in tty.getvalue()
    assert pipe.getvalue() == ""


# -- the command line -------------------------------------------------------------------------------------------------
DOCUMENTS: list[Any] = [
    {"id": "a-1", "person.sex": "male", "person.birth_date": "2000-05-10"},
    {"id": "a-2", "person.sex": "male"},
    {"id": "a-3", "person.sex": "male", "person.birth_date": "2001-02-29"},
    "not json",
    {"id": "a-5", "person.sexx": "male"},
    {"id": "a-6", "summons.placed_in_register_on": "2024-04-01", "summons.handed_over_on": None,
     "summons.mail_delivered_on": None, "summons.posted_to_account_on": None},
    [1, 2],
    {"person.sex": "female", "person.birth_date": "1999-12-31", "summons.handed_over_on": "2024-13-01"},
]


def _jsonl(path: Path) -> None:
    path.write_text("\n".join(d if isinstance(d, str) else json.dumps(d) for d in DOCUMENTS) + "\n", encoding="utf-8")


def _csv(path: Path) -> list[dict[str, Any]]:
    """The same people as CSV (the readable documents only), and the facts documents the cells mean."""
    names = ["person.sex", "person.birth_date", "summons.handed_over_on", "summons.mail_delivered_on",
             "summons.posted_to_account_on", "summons.placed_in_register_on"]
    lines, docs = ["id," + ",".join(names)], []
    for d in DOCUMENTS:
        if not isinstance(d, dict) or any(k not in names and k != "id" for k in d):
            continue
        cells = ["" if k not in d else ("null" if d[k] is None else str(d[k])) for k in names]
        lines.append(",".join([str(d.get("id", "")), *cells]))
        docs.append({k: v for k, v in d.items() if k != "id"})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return docs


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LAWCODE_DEBUG"}
    return subprocess.run([str(LAWCODE), "batch", *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env=env, check=False)


def _check_lines(lines: list[dict[str, Any]], documents: list[Any], questions: list[str]) -> None:
    by_row: dict[int, list[dict[str, Any]]] = {}
    for line in lines:
        by_row.setdefault(line["row"], []).append(line)
    for number, doc in enumerate(documents, start=1):
        got = by_row.pop(number)
        if not isinstance(doc, dict):
            assert len(got) == 1 and "error" in got[0] and f"line {number}" in got[0]["error"], got
            continue
        facts = {k: v for k, v in doc.items() if k != "id"}
        if any(k not in BOOK.facts for k in facts):
            assert len(got) == 1 and "unknown fact" in got[0]["error"], got
            continue
        assert [g["question"] for g in got] == questions
        for g, q in zip(got, questions, strict=True):
            assert g["id"] == doc.get("id")
            want = decide(q, facts)
            if want["error"]:
                assert g == {"row": number, "id": doc.get("id"), "question": q, "error": want["error"]}
            else:
                value = want["value"].isoformat() if isinstance(want["value"], dt.date) else want["value"]
                assert (g["status"], g["value"], g["missing"]) == (want["status"], value, want["missing"])
    assert not by_row


def test_batch_reads_json_lines_with_bad_rows_mixed_in(tmp_path: Path) -> None:
    _jsonl(tmp_path / "people.jsonl")
    result = _run(AGE, SERVED, "--facts", "people.jsonl", "--on", "2024-04-15", "--chunk-rows", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    head, *lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert head == {"rulebook": {"version": BOOK.version, "sha256": BOOK.sha256}, "on": "2024-04-15",
                    "questions": [AGE, SERVED]}
    _check_lines(lines, DOCUMENTS, [AGE, SERVED])
    assert "8 rows x 2 question(s)" in result.stderr and "row(s) with errors" in result.stderr
    assert BOOK.sha256 in result.stderr and "Traceback" not in result.stderr


def test_batch_reads_csv_and_writes_csv(tmp_path: Path) -> None:
    docs = _csv(tmp_path / "people.csv")
    result = _run(AGE, SERVED, "--facts", "people.csv", "--on", "2024-04-15", "--out", "out.csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    lines = []
    for r in table:
        line = {"row": int(r["row"]), "id": r["id"] or None, "question": r["question"]}
        if r["error"]:
            line["error"] = r["error"]
        else:
            line.update(status=r["status"], value=json.loads(r["value"]), missing=json.loads(r["missing"]))
        lines.append(line)
    _check_lines(lines, [dict(d, id=r) for d, r in zip(docs, ["a-1", "a-2", "a-3", "a-6", None], strict=True)],
                 [AGE, SERVED])


def test_batch_reads_and_writes_parquet_with_the_rulebook_in_its_metadata(tmp_path: Path) -> None:
    source = pa.table({
        "id": ["x", "y", "z"],
        "person.sex": ["male", None, "female"],
        "person.birth_date": pa.array([dt.date(2000, 5, 10), None, dt.date(1990, 1, 1)], pa.date32()),
        "person.birth_date.known": [True, False, True],
    })
    pq.write_table(source, tmp_path / "people.parquet")
    result = _run(AGE, SERVED, "--facts", "people.parquet", "--on", "2024-04-15", "--out", "out.parquet",
                  "--explain-rows", "1,3", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = pq.read_table(tmp_path / "out.parquet")
    meta = out.schema.metadata
    assert json.loads(meta[b"lawcode.rulebook"]) == {"version": BOOK.version, "sha256": BOOK.sha256}
    assert meta[b"lawcode.on"] == b"2024-04-15"
    assert out.schema.field(f"{SERVED}.value").type == pa.date32()
    docs = [{"person.sex": "male", "person.birth_date": dt.date(2000, 5, 10)}, {"person.sex": None},
            {"person.sex": "female", "person.birth_date": dt.date(1990, 1, 1)}]
    for i, doc in enumerate(docs):
        for q in (AGE, SERVED):
            want = decide(q, doc)
            got = {k: out.column(f"{q}.{k}")[i].as_py() for k in ("status", "value", "missing", "error")}
            assert got == want
    explained = [json.loads(line) for line in (tmp_path / "out.parquet.explanations.jsonl").read_text().splitlines()]
    assert [(e["row"], e["question"]) for e in explained[1:]] == [(1, AGE), (1, SERVED), (3, AGE), (3, SERVED)]
    assert explained[1]["explanation"] == BOOK.explain(AGE, docs[0], ON).to_dict()


def test_strict_stops_at_the_first_bad_row_and_bad_arguments_exit_2(tmp_path: Path) -> None:
    _jsonl(tmp_path / "people.jsonl")
    strict = _run(AGE, "--facts", "people.jsonl", "--on", "2024-04-15", "--strict", cwd=tmp_path)
    assert strict.returncode == 2 and "row 3:" in strict.stderr and "2001 has no 29 February" in strict.stderr
    for args in ([AGE, "--facts", "nope.jsonl", "--on", "2024-04-15"], ["nosuch", "--facts", "people.jsonl",
                                                                          "--on", "2024-04-15"],
                 [AGE, "--facts", "people.jsonl", "--on", "2024-02-30"], [AGE, "--facts", "people.txt", "--on",
                                                                           "2024-04-15"],
                 [AGE, "--facts", "people.jsonl", "--on", "2024-04-15", "--explain-rows", "x"]):
        (tmp_path / "people.txt").write_text("", encoding="utf-8")
        bad = _run(*args, cwd=tmp_path)
        assert bad.returncode == 2, (args, bad.stderr)
        assert "Traceback" not in bad.stderr and bad.stderr.startswith("lawcode: ")


def test_a_table_answered_in_blocks_gives_the_same_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Large tables are evaluated in blocks (slices of every column): small blocks here, offsets included."""
    import lawcode.engine.columnar as columnar
    from differential import People

    people = People(BOOK, seed=5)
    on = dt.date(2024, 6, 1)
    facts = [people.draw(on)[0] for _ in range(300)]
    table: dict[str, Any] = {}
    for name, fact in BOOK.facts.items():
        values = [f.get(name) for f in facts]
        if fact.type == "date":
            table[name] = pa.array(values, pa.date32())
        elif fact.type == "enum":
            table[name] = pa.array(values, pa.string()).dictionary_encode()
        else:
            table[name] = pa.array(values)
        table[name + ".known"] = [name in f for f in facts]
    whole = BOOK.decide_batch("measures.in_force", table, on)
    monkeypatch.setattr(columnar, "BLOCK", 7)
    blocks = BOOK.decide_batch("measures.in_force", table, on)
    assert blocks.equals(whole)
    assert blocks.column("row").to_pylist() == list(range(1, 301))
    assert rows(blocks) == [decide("measures.in_force", f, on) for f in facts]
