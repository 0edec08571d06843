"""``POST /v1/batch``: many people's facts as JSON Lines, answered by the vector back end with the same
answers as ``decide`` person by person; bad rows answered line by line in English or Russian (the
catalog's texts, as /v1/decide gives them) while the other rows go on; limits; the description.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from starlette.testclient import TestClient

import lawcode
from differential import People
from lawcode.errors import FactsError
from lawcode.render.words import json_value
from lawcode.service.app import create_app
from lawcode.service.settings import Settings
from served import serving

LINES = {"content-type": "application/x-ndjson"}
RUSSIAN = {"accept-language": "ru-RU,ru;q=0.9"}
RU = {**LINES, **RUSSIAN}
PROBLEM = "application/problem+json"
QUESTIONS = ("summons.served_on", "exit_ban.starts_on", "measures.in_force", "conscription.liable_by_age")
ON = "2024-06-01"


@pytest.fixture(scope="module")
def client(book: lawcode.Rulebook) -> Iterator[TestClient]:
    with TestClient(create_app(book, Settings(timeout=30))) as c:
        yield c


def _jsonl(rows: list[Any]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows).encode("utf-8")


def _url(*questions: str, on: str | None = ON) -> str:
    query = "&".join([*(f"question={q}" for q in questions), *([f"on={on}"] if on else [])])
    return f"/v1/batch?{query}"


def _lines(r: Any) -> list[dict[str, Any]]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/x-ndjson"
    return [json.loads(line) for line in r.text.splitlines()]


def _people(book: lawcode.Rulebook, n: int, spoil: float, seed: int) -> list[dict[str, Any]]:
    """``n`` people from the differential generator (some with a value decide refuses), as JSON sends them."""
    people = People(book, seed)
    on = dt.date.fromisoformat(ON)
    drawn = [people.spoil(people.draw(on)[0], spoil) for _ in range(n)]
    return [json.loads(json.dumps(p, default=str)) for p in drawn]


def _problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    doc: dict[str, Any] = r.json()
    assert doc["status"] == status and doc["detail"] and doc["errors"]
    assert "Traceback" not in r.text
    return doc


def test_every_row_gets_decides_answer(client: TestClient, book: lawcode.Rulebook) -> None:
    people = _people(book, 400, spoil=0.15, seed=11)
    rows = [{"id": f"p-{i}", **p} for i, p in enumerate(people)]
    lines = _lines(client.post(_url(*QUESTIONS), content=_jsonl(rows), headers=LINES))
    header, answers = lines[0], lines[1:]
    assert header == {"rulebook": {"version": book.version, "sha256": book.sha256}, "on": ON,
                      "questions": list(QUESTIONS)}
    assert len(answers) == len(rows) * len(QUESTIONS)
    refused = 0
    for line, (i, person) in zip(answers, [(i, p) for i, p in enumerate(people) for _ in QUESTIONS], strict=True):
        q = line["question"]
        assert (line["row"], line["id"]) == (i + 1, f"p-{i}")
        try:
            expected = book.decide(q, person, ON)
        except lawcode.LawcodeError as e:
            refused += 1
            assert "status" not in line, (i, q, line)
            assert line["error"] == e.message and line["errors"][0]["message"] == e.message
            assert line["errors"][0]["hint"] == e.hint
            if isinstance(e, FactsError):
                assert line["errors"][0]["field"] == f"facts.{e.subject}"
                assert line["errors"][0]["pointer"] == f"/{e.subject}"
            continue
        assert {k: line[k] for k in ("status", "value", "missing")} == {
            "status": str(expected.status), "value": json_value(expected.value), "missing": list(expected.missing)
        }, (i, q, person)
    assert refused > 10  # the generator's spoiled values were there and were refused row by row


def test_the_batch_is_answered_by_the_vector_back_end(book: lawcode.Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    decide, decide_batch = lawcode.Rulebook.decide, lawcode.Rulebook.decide_batch

    def counted(self: lawcode.Rulebook, question: str, *args: Any, **kwargs: Any) -> Any:
        asked.append("decide")
        return decide(self, question, *args, **kwargs)

    def counted_batch(self: lawcode.Rulebook, question: str, *args: Any, **kwargs: Any) -> Any:
        asked.append("decide_batch")
        return decide_batch(self, question, *args, **kwargs)

    with TestClient(create_app(book)) as c:
        monkeypatch.setattr(lawcode.Rulebook, "decide", counted)
        monkeypatch.setattr(lawcode.Rulebook, "decide_batch", counted_batch)
        rows = _people(book, 300, spoil=0.0, seed=3)
        assert len(_lines(c.post(_url(*QUESTIONS), content=_jsonl(rows), headers=LINES))) == 1 + 300 * 4
    # one decide per question checks the query (an unknown question, a bad date); the rows go to decide_batch
    assert asked.count("decide_batch") == len(QUESTIONS) and asked.count("decide") == len(QUESTIONS)


def test_bad_rows_are_located_and_the_others_go_on(client: TestClient) -> None:
    good = {"summons.placed_in_register_on": "2024-11-05", "summons.handed_over_on": None,
            "summons.mail_delivered_on": None, "summons.posted_to_account_on": None}
    body = b"\n".join([
        json.dumps({"id": "a-1", **good}).encode(),                                        # 1: answered
        b"",                                                                               # 2: blank, skipped
        json.dumps({"id": "a-3", **good, "summons.placed_in_register_on": "2024-02-30"}).encode(),
        json.dumps({"id": 4, "person.brith_date": "2000-01-01"}).encode(),                 # 4: unknown fact
        b"{not json",                                                                      # 5
        b'["person.sex", "male"]',                                                         # 6: not an object
        json.dumps({"id": {"x": 1}, **good}).encode(),                                      # 7: a bad id
        json.dumps({"id": "a-8", **good, "person.sex": True}).encode(),                    # 8: read by no question
        json.dumps({"id": "a-9", "summons.handed_over_on": 20240101}).encode(),            # 9: a number for a date
    ]) + b"\n"
    lines = _lines(client.post(_url("summons.served_on", "summons.served_via", on="2025-01-15"), content=body,
                               headers=LINES))[1:]
    by_row: dict[int, list[dict[str, Any]]] = {}
    for line in lines:
        by_row.setdefault(line["row"], []).append(line)
    assert sorted(by_row) == [1, 3, 4, 5, 6, 7, 8, 9]
    assert [(a["question"], a["value"]) for a in by_row[1]] == [("summons.served_on", "2024-11-13"),
                                                               ("summons.served_via", "register")]
    assert by_row[8][0]["value"] == "2024-11-13"  # a bad fact no question reads refuses nothing, as in decide
    bad_date = by_row[3][0]
    assert (bad_date["id"], bad_date["question"]) == ("a-3", "summons.served_on")
    assert bad_date["errors"][0]["field"] == "facts.summons.placed_in_register_on"
    assert bad_date["errors"][0]["pointer"] == "/summons.placed_in_register_on"
    assert "2024 has no 30 February" in bad_date["error"]
    number = by_row[9][0]["errors"][0]
    assert number["field"] == "facts.summons.handed_over_on" and "20240101" in number["message"]
    for row, field, words in ((4, "facts.person.brith_date", "unknown fact 'person.brith_date'"),
                              (5, None, "the line is not JSON"), (6, None, "not an array"),
                              (7, "id", "the id must be text or a whole number")):
        [line] = by_row[row]  # refused once, before any question
        assert "question" not in line and words in line["error"], line
        assert line["errors"][0]["field"] == field and line["errors"][0]["hint"], line
    assert by_row[4][0]["id"] == 4 and "did you mean 'person.birth_date'" in by_row[4][0]["errors"][0]["hint"]


def test_russian_row_problems_are_the_catalogs_as_decide_gives_them(client: TestClient) -> None:
    bad = [{"person.birth_date": "2023-02-29"}, {"person.sex": "mal"}, {"person.sexx": "male"},
           {"person.sex": "male", "person.birth_date": "9999-12-31"}]
    lines = _lines(client.post(_url("conscription.liable_by_age", on="2024-01-01"), content=_jsonl(bad),
                               headers=RU))
    assert all(line.get("errors") for line in lines[1:]), lines
    for facts, line in zip(bad, lines[1:], strict=True):
        single = _problem(client.post("/v1/decide", json={"question": "conscription.liable_by_age", "facts": facts,
                                                          "on": "2024-01-01"}, headers=RUSSIAN), 422)
        assert line["error"] == single["detail"] and re.search("[а-я]", line["error"])
        assert [(e["field"], e["message"], e["hint"], e["location"]) for e in line["errors"]] == \
            [(e["field"], e["message"], e["hint"], e["location"]) for e in single["errors"]]
    r = client.post(_url("summons.served_on"), content=b"[]\n{x\n", headers=RU)
    assert r.headers["content-language"] == "ru"
    texts = [line["error"] for line in _lines(r)[1:]]
    assert texts == ["строка должна быть документом с фактами (объектом JSON), а не массивом",
                     "строка — не JSON: Expecting property name enclosed in double quotes в столбце 2"]


def test_limits(book: lawcode.Rulebook) -> None:
    with TestClient(create_app(book, Settings(max_batch_rows=5, max_batch_body=4096))) as c:
        rows = _jsonl([{}] * 6)
        doc = _problem(c.post(_url("summons.served_on"), content=rows, headers=LINES), 413)
        assert doc["detail"] == "the batch has 6 rows; a request holds at most 5"
        assert len(_lines(c.post(_url("summons.served_on"), content=b"\n\n" + _jsonl([{}] * 5), headers=LINES))) == 6
        big = _jsonl([{"person.sex": "male" + " " * 5000}])
        assert "larger than 4096 bytes" in _problem(c.post(_url("summons.served_on"), content=big, headers=LINES),
                                                    413)["detail"]
        doc = _problem(c.post(_url("summons.served_on"), content=big, headers=RU), 413)
        assert doc["errors"][0]["hint"] == "отправляйте не больше 5 человек в одном запросе"
        deep = b'{"person.sex": [[[[[[[[[["male"]]]]]]]]]]}\n{}\n'
        lines = _lines(c.post(_url("summons.served_on"), content=deep, headers=LINES))
        assert "nests deeper than 8" in lines[1]["error"] and lines[2]["row"] == 2
        # an empty batch is answered with the header alone
        header = {"rulebook": {"version": book.version, "sha256": book.sha256}, "on": ON,
                  "questions": ["summons.served_on"]}
        assert _lines(c.post(_url("summons.served_on"), content=b"", headers=LINES)) == [header]
        doc = c.get("/openapi.json").json()
        batch = doc["paths"]["/v1/batch"]["post"]
        assert doc["components"]["schemas"]["BatchRows"]["maxItems"] == 5
        assert "at most 5 rows and 4,096 bytes" in batch["description"]
        assert "more than 5 rows" in batch["responses"]["413"]["description"]


@pytest.mark.parametrize(("query", "status", "field", "words"), [
    ("question=summons.served_o", 422, "question", "unknown question 'summons.served_o'"),
    ("question=summons.served_on&question=nothing", 422, "question", "unknown question 'nothing'"),
    ("question=summons.served_on&on=2024-02-30", 422, "on", "2024 has no 30 February"),
    ("question=summons.served_on&on=01.05.2024", 422, "on", "bad question date"),
    ("on=2024-05-01", 400, "question", "the parameter 'question' is missing"),
    ("question=summons.served_on&on=2024-05-01&on=2024-05-02", 400, "on", "the parameter 'on' is given twice"),
    ("question=summons.served_on&lang=ru", 400, None, "unknown parameter 'lang'"),
])
def test_a_bad_query_refuses_the_whole_batch(client: TestClient, query: str, status: int, field: str | None,
                                             words: str) -> None:
    doc = _problem(client.post(f"/v1/batch?{query}", content=_jsonl([{}]), headers=LINES), status)
    error = doc["errors"][0]
    assert error["field"] == field and error["pointer"] is None  # a query parameter: named, not pointed at
    assert words in error["message"] and error["hint"]


def test_wrong_body_types(client: TestClient) -> None:
    url = _url("summons.served_on")
    for media in ("application/json", "text/plain", ""):
        doc = _problem(client.post(url, content=_jsonl([{}]), headers={"content-type": media}), 415)
        assert doc["errors"][0]["hint"] == "send one facts document per line with the header Content-Type: " \
                                           "application/x-ndjson"
    assert client.post(url, content=_jsonl([{}]), headers={"content-type": "application/jsonl"}).status_code == 200
    # a JSON array sent as one line is one row, and not a facts document
    lines = _lines(client.post(url, content=json.dumps([{}, {}]).encode(), headers=LINES))
    assert len(lines) == 2 and "must be a facts document (a JSON object), not an array" in lines[1]["error"]
    # values of the wrong JSON type, each named with decide's message
    rows = [{"person.sex": True, "person.birth_date": "2000-01-01"}, {"person.sex": "male", "person.birth_date": 7},
            {"person.sex": "male", "person.birth_date": ["2000-01-01"]}, {"person.sex": None},
            "text", 12, None, True]
    lines = _lines(client.post(_url("conscription.liable_by_age"), content=_jsonl(rows), headers=LINES))[1:]
    fields = [line["errors"][0]["field"] for line in lines]
    assert fields == ["facts.person.sex", "facts.person.birth_date", "facts.person.birth_date", "facts.person.sex",
                      None, None, None, None]
    assert [line["error"].rsplit(", not ", 1)[-1] for line in lines[4:]] == ["text", "a number", "null",
                                                                            "true or false"]
    assert client.get(url).status_code == 405


def test_answers_and_description_agree(client: TestClient, book: lawcode.Rulebook) -> None:
    doc = client.get("/openapi.json").json()
    batch = doc["paths"]["/v1/batch"]["post"]
    assert list(batch["requestBody"]["content"]) == ["application/x-ndjson"]
    assert [p["name"] for p in batch["parameters"]] == ["question", "on", "Accept-Language"]
    assert set(batch["responses"]) == {"200", "400", "413", "415", "422", "501", "503"}
    schemas = doc["components"]["schemas"]
    assert set(schemas["BatchRow"]["properties"]) == {*book.facts, "id"}
    assert schemas["BatchRows"]["maxItems"] == Settings().max_batch_rows
    assert "at most 10,000 rows and 16,777,216 bytes" in batch["description"]
    registry: Registry[Any] = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(doc))

    def validator(component: str) -> jsonschema.Draft202012Validator:
        return jsonschema.Draft202012Validator({"$ref": f"urn:openapi#/components/schemas/{component}"},
                                               registry=registry)

    good = [{"id": i, **p} for i, p in enumerate(_people(book, 60, spoil=0.0, seed=5))]
    assert list(validator("BatchRows").iter_errors(good)) == []
    rows = [*good, *_people(book, 60, spoil=0.3, seed=6), "x"]
    answer = _lines(client.post(_url(*QUESTIONS), content=_jsonl(rows), headers=LINES))
    assert {"error" in line for line in answer[1:]} == {True, False}
    assert list(validator("BatchAnswers").iter_errors(answer)) == []
    problem = client.post(_url("nothing"), content=b"", headers=LINES).json()
    assert list(validator("Problem").iter_errors(problem)) == []


def test_without_the_batch_extra_the_endpoint_says_so(book: lawcode.Rulebook) -> None:
    app = create_app(book)
    app.state.service.batches = False
    with TestClient(app) as c:
        doc = _problem(c.post(_url("summons.served_on"), content=_jsonl([{}]), headers=LINES), 501)
        assert doc["errors"][0]["hint"] == "install it: pip install 'lawcode[batch]'"


def test_a_batch_over_the_time_limit_is_a_503(book: lawcode.Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    decide_batch = lawcode.Rulebook.decide_batch

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)
        return decide_batch(*args, **kwargs)

    with TestClient(create_app(book, Settings(timeout=0.05))) as c:
        monkeypatch.setattr(lawcode.Rulebook, "decide_batch", slow)
        r = c.post(_url("summons.served_on"), content=_jsonl([{}]), headers=LINES)
        assert _problem(r, 503) and r.headers["retry-after"] == "1"


PRIVATE = {"person.birth_date": "1987-06-05", "summons.placed_in_register_on": "2024-11-05", "person.sex": "SECRET"}


def test_the_access_log_counts_rows_and_names_no_fact(caplog: pytest.LogCaptureFixture,
                                                      book: lawcode.Rulebook) -> None:
    with caplog.at_level(logging.INFO, logger="lawcode.service"), TestClient(create_app(book)) as c:
        c.post(_url("summons.served_on", "exit_ban.starts_on"), content=_jsonl([PRIVATE, {"id": "SECRET-ID"}, {}]),
               headers=LINES)
    lines = [r.getMessage() for r in caplog.records if r.name == "lawcode.service.access"]
    assert re.fullmatch(r"POST /v1/batch 200 question=summons\.served_on,exit_ban\.starts_on rows=3 \d+\.\d ms",
                        lines[0]), lines
    for secret in ("SECRET", "1987", "2024-11-05"):
        assert secret not in caplog.text


def test_lawcode_serve_answers_a_batch_on_loopback(book: lawcode.Rulebook) -> None:
    rows = [{"id": i, **p} for i, p in enumerate([PRIVATE, *_people(book, 199, spoil=0.1, seed=7)])]
    with serving("--max-batch-rows", str(len(rows))) as server:
        request = urllib.request.Request(server.url + _url(*QUESTIONS), data=_jsonl(rows), method="POST",
                                         headers={**LINES, "accept-language": "ru"})
        with urllib.request.urlopen(request, timeout=30) as r:
            assert r.headers["content-type"] == "application/x-ndjson"
            lines = [json.loads(line) for line in r.read().decode("utf-8").splitlines()]
        one_more = urllib.request.Request(server.url + _url(*QUESTIONS), data=_jsonl([*rows, {}]), method="POST",
                                          headers=LINES)
        with pytest.raises(urllib.error.HTTPError) as refused:  # --max-batch-rows reached the service
            urllib.request.urlopen(one_more, timeout=30)
        assert refused.value.code == 413
    assert len(lines) == 1 + len(rows) * len(QUESTIONS)
    for line in lines[1:]:
        person = {k: v for k, v in rows[line["row"] - 1].items() if k != "id"}
        if "error" in line:
            with pytest.raises(lawcode.LawcodeError):
                book.decide(line["question"], person, ON)
            continue
        answer = book.decide(line["question"], person, ON)
        assert (line["status"], line["value"]) == (str(answer.status), json_value(answer.value))
    assert "POST /v1/batch 200 question=summons.served_on," in server.log and "rows=200" in server.log
    for secret in ("SECRET", "1987"):
        assert secret not in server.log
