"""``lawcode serve``: the JSON API answers as the command line does, refuses bad input with problems
(RFC 9457) in English or Russian, stays within its limits, and logs no facts.

Most tests call the ASGI application in-process (Starlette's test client); one starts uvicorn on
127.0.0.1 as ``lawcode serve`` does and reads its log.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import redirect_stdout
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from starlette.testclient import TestClient

import lawcode
from lawcode import cli
from lawcode.service.app import create_app
from lawcode.service.openapi import openapi_document, shipped_schema
from lawcode.service.settings import Settings
from served import serving

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
CONTRACT_QUESTIONS = ("conscription.liable_by_age", "summons.served_on", "summons.served_via", "exit_ban.starts_on",
                      "exit_ban.in_force", "measures.start_on", "measures.in_force", "measures.lifted_by",
                      "non_appearance.excused")
SERVED = {"summons.placed_in_register_on": "2024-11-05", "summons.handed_over_on": None,
          "summons.mail_delivered_on": None, "summons.posted_to_account_on": None}
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def client(book: lawcode.Rulebook) -> Iterator[TestClient]:
    with TestClient(create_app(book, Settings(timeout=30))) as c:
        yield c


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _asked(example: Path) -> tuple[list[str], str]:
    """The questions and date an example's comments ask (lawcode explain Q ... --on D), and the contract's."""
    text = example.read_text(encoding="utf-8")
    questions = re.findall(r"lawcode explain (\S+) --facts", text)
    dates = re.findall(r"--on (\d{4}-\d{2}-\d{2})", text)
    return list(dict.fromkeys([*questions, *CONTRACT_QUESTIONS])), (dates[0] if dates else "2024-04-15")


def _cli_json(args: list[str]) -> Any:
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli.main(args) == 0
    return json.loads(out.getvalue())


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_through_explain_equals_the_command_line(example: Path, client: TestClient,
                                                               book: lawcode.Rulebook,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "load", lambda root: book)  # the same rulebook, loaded once
    facts = _plain(yaml.safe_load(example.read_text(encoding="utf-8")))
    questions, on = _asked(example)
    for lang in ("en", "ru"):
        for question in questions:
            r = client.post("/v1/explain", json={"question": question, "facts": facts, "on": on, "lang": lang})
            assert r.status_code == 200, r.text
            assert r.headers["content-type"] == "application/json"
            expected = _cli_json(["explain", question, "--facts", str(example), "--on", on, "--lang", lang,
                                  "--format", "json"])
            assert r.json() == expected, (question, lang)
        r = client.post("/v1/timeline", json={"facts": facts, "on": on, "lang": lang})
        assert r.status_code == 200, r.text
        assert r.json() == _cli_json(["timeline", "--facts", str(example), "--on", on, "--lang", lang,
                                      "--format", "json"])


def test_decide_gives_explains_answer(client: TestClient, book: lawcode.Rulebook) -> None:
    for question in CONTRACT_QUESTIONS:
        body = {"question": question, "facts": {**SERVED, "summons.appear_on": "2024-11-20"}, "on": "2025-01-15"}
        answer = client.post("/v1/decide", json=body).json()
        explained = client.post("/v1/explain", json=body).json()
        assert answer == {key: explained[key] for key in ("question", "on", "status", "value", "missing")}
    assert client.post("/v1/decide", json={"question": "summons.served_on", "facts": SERVED,
                                           "on": "2025-01-15"}).json()["value"] == "2024-11-13"


def test_listings_describe_the_rulebook(client: TestClient, book: lawcode.Rulebook) -> None:
    questions = client.get("/v1/questions").json()["questions"]
    assert [q["name"] for q in questions] == sorted(book.rules)
    served_via = next(q for q in questions if q["name"] == "summons.served_via")
    assert served_via["values"]["register"]["ru"]
    facts = {f["name"]: f for f in client.get("/v1/facts").json()["facts"]}
    assert list(facts) == list(book.facts)
    assert facts["person.sex"]["values"]["male"] == {"en": "male", "ru": "мужской"}
    assert facts["summons.handed_over_on"]["nullable"] is True
    info = client.get("/v1/rulebook").json()
    assert (info["version"], info["sha256"]) == (book.version, book.sha256)
    assert {a["id"] for a in info["acts"]} == set(book.acts)
    assert info["citations"]["114-FZ art. 15.1"]["ru"] == "ст. 15.1 114-ФЗ"
    assert client.get("/healthz").json() == {"status": "ok", "rulebook": {"version": book.version,
                                                                           "sha256": book.sha256}}


def _validator(doc: dict[str, Any], component: str) -> jsonschema.Draft202012Validator:
    """A validator of one component of the OpenAPI document, its references resolved inside the document."""
    registry: Registry[Any] = Registry().with_resource("urn:openapi", DRAFT202012.create_resource(doc))
    return jsonschema.Draft202012Validator({"$ref": f"urn:openapi#/components/schemas/{component}"},
                                           registry=registry)


def test_openapi_is_built_from_the_shipped_schemas(client: TestClient, book: lawcode.Rulebook) -> None:
    doc = client.get("/openapi.json").json()
    assert doc == json.loads(json.dumps(openapi_document(book)))
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    decision = shipped_schema("decision")
    assert schemas["Decision"]["required"] == decision["required"]  # the shipped schema itself, not a copy
    assert schemas["Decision.node"]["required"] == decision["$defs"]["node"]["required"]
    assert schemas["Timeline"]["required"] == shipped_schema("timeline")["required"]
    assert schemas["Question"]["enum"] == sorted(book.rules)
    assert set(schemas["FactsDocument"]["properties"]) == set(book.facts)
    refs = re.findall(r'"\$ref": "([^"]+)"', json.dumps(doc))
    assert refs and all(r.removeprefix("#/components/schemas/") in schemas for r in refs)
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    for path, item in doc["paths"].items():
        for operation in item.values():
            assert operation["responses"]["200"], path
    # answers validate against the description
    body = {"question": "summons.served_on", "facts": SERVED, "on": "2025-01-15"}
    for path, component in (("/v1/explain", "Decision"), ("/v1/decide", "Answer"), ("/v1/timeline", "Timeline")):
        data = client.post(path, json=body if path != "/v1/timeline" else {"facts": SERVED}).json()
        assert list(_validator(doc, component).iter_errors(data)) == [], path
    for path, component in (("/v1/questions", "Questions"), ("/v1/facts", "FactsList"), ("/v1/rulebook", "Rulebook"),
                            ("/healthz", "Health")):
        assert list(_validator(doc, component).iter_errors(client.get(path).json())) == [], path


def _problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    doc: dict[str, Any] = r.json()
    assert doc["status"] == status and doc["title"] and doc["detail"] and doc["errors"]
    assert "Traceback" not in r.text and 'File "' not in r.text
    return doc


@pytest.mark.parametrize(("body", "field", "words"), [
    (b"{", None, "not JSON"),
    (b'{"question": "summons.served_on", "facts": {}, "facts": {}}', None, "given twice"),
    (b"[]", None, "must be a JSON object"),
    (b'{"question": "summons.served_on"}', "facts", "missing"),
    (b'{"question": "summons.served_on", "facts": {}, "when": "2024-01-01"}', "when", "unknown field"),
    (b'{"question": 7, "facts": {}}', "question", "must be text"),
    (b'{"question": "summons.served_on", "facts": []}', "facts", "must be an object"),
    (b'{"question": "summons.served_on", "facts": {}, "on": 20240101}', "on", "must be text"),
    (b'{"question": "summons.served_on", "facts": {"person.sex": NaN}}', None, "NaN is not JSON"),
    (b'\xff\xfe', None, "not UTF-8"),
])
def test_malformed_requests_are_400(client: TestClient, body: bytes, field: str | None, words: str) -> None:
    doc = _problem(client.post("/v1/explain", content=body, headers={"content-type": "application/json"}), 400)
    assert doc["errors"][0]["field"] == field
    assert words in doc["detail"]
    assert doc["errors"][0]["hint"]


@pytest.mark.parametrize(("body", "field", "message", "hint"), [
    ({"question": "summons.served_o", "facts": {}}, "question", "unknown question 'summons.served_o'",
     "did you mean 'summons.served_on'"),
    ({"question": "summons.served_on", "facts": {}, "on": "2024-02-30"}, "on",
     "bad question date: bad date '2024-02-30': 2024 has no 30 February", "give on as a date"),
    ({"question": "summons.served_on", "facts": {}, "lang": "de"}, "lang", "unknown language 'de'", "use en or ru"),
    ({"question": "summons.served_on", "facts": {"person.birth_date": "10.05.2000"}}, "facts.person.birth_date",
     "'person.birth_date': bad date '10.05.2000': expected YYYY-MM-DD", "write dates as YYYY-MM-DD"),
    ({"question": "summons.served_on", "facts": {"person.sex": "mal"}}, "facts.person.sex",
     "'person.sex' cannot be 'mal': allowed values are male, female (did you mean 'male' or 'female'?)", None),
    ({"question": "summons.served_on", "facts": {"person.brith_date": "2000-01-01"}}, "facts.person.brith_date",
     "unknown fact 'person.brith_date'", "did you mean 'person.birth_date'"),
    ({"question": "summons.served_on", "facts": {"summons.appear_on": None}}, "facts.summons.appear_on",
     "'summons.appear_on' cannot be null", None),
    ({"question": "conscription.liable_by_age", "facts": {"person.sex": "male", "person.birth_date": "9999-12-31"},
      "on": "2024-01-01"}, "facts", "rule 'conscription.liable_by_age', case 'turned-27-before-2024': 31 December "
     "9999 + 27 years falls outside the calendar (years 1..9999)", None),
])
def test_bad_values_are_422_with_the_command_lines_message(client: TestClient, body: dict[str, Any],
                                                           field: str, message: str, hint: str | None) -> None:
    doc = _problem(client.post("/v1/explain", json=body), 422)
    error = doc["errors"][0]
    assert error["field"] == field
    assert error["pointer"] == "/" + field.replace(".", "/", 1) if field.startswith("facts.") else "/" + field
    assert message in error["message"]
    if hint:
        assert hint in error["hint"]


def test_problems_name_every_bad_fact_as_the_command_line_does(client: TestClient, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    facts = {"person.birth_date": "2000-13-01", "person.sexx": "male"}
    doc = _problem(client.post("/v1/decide", json={"question": "summons.served_on", "facts": facts}), 422)
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts), encoding="utf-8")
    assert cli.main(["explain", "summons.served_on", "--facts", str(path)]) == 2
    printed = capsys.readouterr().err
    assert [e["field"] for e in doc["errors"]] == ["facts.person.birth_date", "facts.person.sexx"]
    for error in doc["errors"]:
        assert error["message"] in printed and error["hint"] in printed


def test_russian_problems_come_from_the_catalog(client: TestClient) -> None:
    ru = {"accept-language": "ru-RU,ru;q=0.9,en;q=0.5"}
    cases = [
        ({"question": "summons.served_o", "facts": {}}, "неизвестный вопрос «summons.served_o»"),
        ({"question": "summons.served_on", "facts": {"person.birth_date": "2023-02-29"}},
         "факт «person.birth_date»: неверная дата '2023-02-29': в 2023 году нет 29 февраля"),
        ({"question": "conscription.liable_by_age", "on": "2024-01-01",
          "facts": {"person.sex": "male", "person.birth_date": "9999-12-31"}},
         "правило «conscription.liable_by_age», случай «turned-27-before-2024»: 31 декабря 9999 г. + 27 г. выходит "
         "за пределы календаря (годы 1–9999)"),
    ]
    for body, message in cases:
        doc = _problem(client.post("/v1/explain", json=body, headers=ru), 422)
        assert doc["errors"][0]["message"] == message
        assert re.search("[а-я]", doc["title"]) and re.search("[а-я]", doc["errors"][0]["hint"] or "а")
    doc = _problem(client.post("/v1/explain", content=b"{", headers={**ru, "content-type": "application/json"}), 400)
    assert doc["title"] == "Запрос составлен неверно" and "тело запроса — не JSON" in doc["detail"]
    # an explain asked in Russian explains its problems in Russian, whatever the header says
    doc = _problem(client.post("/v1/explain", json={"question": "x", "facts": {}, "lang": "ru"}), 422)
    assert doc["detail"].startswith("неизвестный вопрос")


def test_limits(book: lawcode.Rulebook) -> None:
    settings = Settings(max_body=2048, max_facts=3, max_depth=4)
    with TestClient(create_app(book, settings)) as c:
        big = {"question": "summons.served_on", "facts": {"person.sex": "male" + " " * 3000}}
        assert _problem(c.post("/v1/explain", json=big), 413)["errors"][0]["message"].startswith(
            "the request body is larger than 2048 bytes")
        many = {"question": "summons.served_on", "facts": dict.fromkeys(["a", "b", "c", "d"], "2024-01-01")}
        assert _problem(c.post("/v1/decide", json=many), 422)["errors"][0]["field"] == "facts"
        deep = b'{"question": "summons.served_on", "facts": {"person.sex": [[[["male"]]]]}}'
        assert "nests deeper than 4" in _problem(c.post("/v1/explain", content=deep,
                                                        headers={"content-type": "application/json"}), 400)["detail"]
        brackets = b'{"question": "summons.served_on", "facts": {"person.sex": "[[[[[[[[[[{{{{{{"}}'
        json_type = {"content-type": "application/json"}
        assert c.post("/v1/explain", content=brackets, headers=json_type).status_code == 422
        form = c.post("/v1/explain", content=b"question=x",
                      headers={"content-type": "application/x-www-form-urlencoded"})
        assert _problem(form, 415)["errors"][0]["hint"] == "send the header Content-Type: application/json"


def test_nothing_changes_the_rules_and_other_origins_are_refused(client: TestClient, book: lawcode.Rulebook) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        for path in ("/v1/rulebook", "/v1/facts", "/v1/questions", "/v1/explain"):
            r = client.request(method, path, json={})
            assert _problem(r, 405) and "allow" in r.headers
    assert _problem(client.get("/v1/nothing"), 404)
    r = client.options("/v1/explain", headers={"origin": "https://elsewhere.example",
                                               "access-control-request-method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    with TestClient(create_app(book, Settings(cors_origins=("https://ok.example",)))) as c:
        r = c.post("/v1/decide", json={"question": "summons.served_on", "facts": {}},
                   headers={"origin": "https://ok.example"})
        assert r.headers["access-control-allow-origin"] == "https://ok.example"


def test_a_defect_is_a_500_problem_whose_log_names_no_facts(book: lawcode.Rulebook, monkeypatch: pytest.MonkeyPatch,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise KeyError(PRIVATE_FACTS["person.birth_date"] + " SEC" + "RET")  # (the source line quotes no secret)

    with TestClient(create_app(book)) as c:
        monkeypatch.setattr(lawcode.Rulebook, "decide", broken)
        with caplog.at_level(logging.INFO, logger="lawcode.service"):
            r = c.post("/v1/decide", json={"question": "summons.served_on",
                                           "facts": {"person.birth_date": "1987-06-05"}})
    doc = _problem(r, 500)
    assert "KeyError" in doc["detail"] and "SECRET" not in r.text
    assert "KeyError" in caplog.text and "SECRET" not in caplog.text and "1987-06-05" not in caplog.text


PRIVATE_FACTS = {"person.birth_date": "1987-06-05", "summons.placed_in_register_on": "2024-11-05",
           "person.valid_reason": "illness"}


def _ask_with_private_facts(url: str) -> None:
    for path, body in (("/v1/explain", {"question": "summons.served_on", "facts": PRIVATE_FACTS, "lang": "ru"}),
                       ("/v1/decide", {"question": "exit_ban.starts_on", "facts": PRIVATE_FACTS}),
                       ("/v1/timeline", {"facts": PRIVATE_FACTS}),
                       ("/v1/decide", {"question": "summons.served_on",
                                       "facts": {**PRIVATE_FACTS, "person.sex": "SECRET"}}),
                       ("/v1/decide", {"question": "1987-06-05 SECRET", "facts": PRIVATE_FACTS})):
        request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                         headers={"content-type": "application/json"})
        try:
            urllib.request.urlopen(request, timeout=10).read()
        except urllib.error.HTTPError as e:
            assert e.code == 422


def test_access_log_carries_question_status_and_time_never_facts(caplog: pytest.LogCaptureFixture,
                                                                 book: lawcode.Rulebook) -> None:
    with caplog.at_level(logging.INFO, logger="lawcode.service"), TestClient(create_app(book)) as c:
        c.post("/v1/explain", json={"question": "summons.served_on", "facts": PRIVATE_FACTS})
        c.post("/v1/decide", json={"question": "summons.served_on", "facts": {**PRIVATE_FACTS, "person.sex": "SECRET"}})
        c.post("/v1/timeline", json={"facts": PRIVATE_FACTS})
    lines = [r.getMessage() for r in caplog.records if r.name == "lawcode.service.access"]
    assert re.fullmatch(r"POST /v1/explain 200 question=summons\.served_on \d+\.\d ms", lines[0]), lines
    assert re.fullmatch(r"POST /v1/decide 422 question=summons\.served_on \d+\.\d ms", lines[1]), lines
    assert re.fullmatch(r"POST /v1/timeline 200 \d+\.\d ms", lines[2]), lines
    for secret in (*PRIVATE_FACTS.values(), "SECRET", "1987"):
        assert secret not in caplog.text


def test_lawcode_serve_on_loopback_logs_no_facts() -> None:
    with serving() as server:
        assert server.url.startswith("http://127.0.0.1:")
        _ask_with_private_facts(server.url)
        with urllib.request.urlopen(server.url + "/", timeout=10) as r:
            assert r.headers["content-security-policy"].startswith("default-src 'none'")
    log = server.log
    assert "POST /v1/explain 200 question=summons.served_on" in log
    assert "POST /v1/decide 422 question=summons.served_on" in log
    assert "POST /v1/decide 422 " in log.replace("question=summons.served_on", "")
    for secret in (*PRIVATE_FACTS.values(), "SECRET", "1987"):
        assert secret not in log, secret


def test_serve_refuses_a_bad_rulebook_before_listening(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "facts.yaml").write_text("facts: [\n", encoding="utf-8")
    assert cli.main(["serve", "--rules", str(tmp_path), "--port", "1"]) == 2
    assert "facts.yaml" in capsys.readouterr().err
    assert cli.main(["serve", "--workers", "0"]) == 2


def test_an_answer_over_the_time_limit_is_a_503_problem(book: lawcode.Rulebook,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    explain = lawcode.Rulebook.explain

    def slow(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.5)  # an answer that takes longer than the limit below
        return explain(*args, **kwargs)

    monkeypatch.setattr(lawcode.Rulebook, "explain", slow)
    with TestClient(create_app(book, Settings(timeout=0.05))) as c:
        r = c.post("/v1/explain", json={"question": "summons.served_on", "facts": PRIVATE_FACTS})
        doc = _problem(r, 503)
        assert r.headers["retry-after"] == "1"
        assert doc["detail"].startswith("no answer within")
        # the fast path needs no limit: it answers within microseconds whatever the (bounded) input
        assert c.post("/v1/decide", json={"question": "summons.served_on", "facts": {}}).status_code == 200


def test_the_other_commands_do_not_import_the_service_packages() -> None:
    code = ("import sys; from lawcode.cli import main; "
            "main(['explain', 'conscription.liable_by_age', '--facts', 'examples/man-born-2000.yaml', "
            "'--on', '2024-04-15', '--format', 'json']); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'starlette', 'uvicorn', 'anyio', 'httptools'}),"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stderr.strip() == "[]"


def test_two_workers_answer_alike() -> None:
    with serving("--workers", "2") as server:
        body = json.dumps({"question": "summons.served_on", "facts": SERVED, "on": "2025-01-15"}).encode()
        for _ in range(6):
            request = urllib.request.Request(server.url + "/v1/decide", data=body, method="POST",
                                             headers={"content-type": "application/json"})
            with urllib.request.urlopen(request, timeout=10) as r:
                assert json.loads(r.read())["value"] == "2024-11-13"
    assert "with 2 workers" in server.log
