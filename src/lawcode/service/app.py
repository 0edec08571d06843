"""The ASGI application: the JSON API over the public API, its OpenAPI description, and the page.

The rulebook is loaded once, before the first request, and only read. Each request's body is read
with a size limit and checked for shape here; the rulebook checks its values (the command line's
messages). Answers are computed in a thread pool under a time limit, so the event loop keeps reading
and writing. Bad input gets a problem document (4xx), never a traceback; an unexpected failure gets
a 500 problem and a log line naming the exception's type and frames, never its message (which may
quote facts).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import importlib.util
import json
import logging
import time
import traceback
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from importlib.resources import files
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import lawcode
from lawcode.api import Rulebook
from lawcode.errors import N_, LawcodeError
from lawcode.errors import Message as Said
from lawcode.render.words import json_value
from lawcode.rulebook.citations import cite_text
from lawcode.service import problems
from lawcode.service.batches import MEDIA_TYPE as JSON_LINES
from lawcode.service.batches import Batch, split_lines
from lawcode.service.bodies import (
    OBJECT,
    TEXT,
    check_lines_media_type,
    check_media_type,
    envelope,
    parse_json,
    read_body,
)
from lawcode.service.openapi import openapi_document
from lawcode.service.page import cited, page_html
from lawcode.service.problems import RequestProblem, accept_language
from lawcode.service.settings import Settings

access_log = logging.getLogger("lawcode.service.access")
error_log = logging.getLogger("lawcode.service.error")

JSON = "application/json"
HEADERS = {  # on every response
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
PAGE_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

EXPLAIN: dict[str, type] = {"question": TEXT, "facts": OBJECT, "on": TEXT, "lang": TEXT}
DECIDE: dict[str, type] = {"question": TEXT, "facts": OBJECT, "on": TEXT}
TIMELINE: dict[str, type] = {"facts": OBJECT, "on": TEXT, "lang": TEXT}


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _bilingual(text: Any) -> dict[str, str]:
    return {"en": text.en, "ru": text.ru}


def questions_list(book: Rulebook) -> dict[str, Any]:
    return {"questions": [{"name": name, "type": str(rule.type), "title": _bilingual(rule.title),
                           "values": {code: _bilingual(t) for code, t in rule.values.items()}}
                          for name, rule in sorted(book.rules.items())]}


def facts_list(book: Rulebook) -> dict[str, Any]:
    return {"facts": [{"name": name, "type": str(fact.type), "nullable": fact.nullable,
                       "meaning": _bilingual(fact.meaning),
                       "values": {code: _bilingual(t) for code, t in fact.values.items()}}
                      for name, fact in book.facts.items()]}


def rulebook_info(book: Rulebook) -> dict[str, Any]:
    """Version, the acts with their addresses, and every citation a decision can carry (canonical -> Russian)."""
    citations = {text: {"ru": cite_text(c, "ru"), "act": c.act.id} for text, c in cited(book).items()}
    acts = [{"id": act.id, "number": act.number, "date": act.date.isoformat(), "title": _bilingual(act.title),
             "url": act.url, "name": {"en": act.name("en"), "ru": act.name("ru")}}
            for act in book.acts.values()]
    return {"version": book.version, "sha256": book.sha256, "acts": acts, "citations": citations}


class Service:
    """One rulebook served: what the endpoints share (the rulebook, limits, prepared documents, threads)."""

    def __init__(self, book: Rulebook, settings: Settings):
        self.book = book
        self.settings = settings
        self.root = Path(book.root)
        self.executor = ThreadPoolExecutor(max_workers=settings.threads, thread_name_prefix="lawcode")
        self.questions = _json_bytes(questions_list(book))
        self.facts = _json_bytes(facts_list(book))
        self.rulebook = _json_bytes(rulebook_info(book))
        self.health = _json_bytes({"status": "ok", "rulebook": {"version": book.version, "sha256": book.sha256}})
        self.openapi = _json_bytes(openapi_document(book, settings))
        self.pages = {lang: page_html(book, lang).encode("utf-8") for lang in problems.LANGS}
        self.static = {name: files("lawcode").joinpath("service", "static", name).read_bytes()
                       for name in ("page.js", "page.css")}
        # batches need the batch extra (numpy, pyarrow); without it /v1/batch says so (501), the rest works
        self.batches = all(importlib.util.find_spec(m) is not None for m in ("numpy", "pyarrow"))
        self.warm_up()

    def warm_up(self) -> None:
        """Compile every rule now (for batches too), so the first person asking does not wait for it."""
        for name in self.book.rules:
            self.book.decide(name, {}, on="2024-01-01")
            if self.batches:
                self.book.decide_batch(name, {"id": [None]}, on="2024-01-01")

    async def compute(self, work: Callable[[], Any]) -> Any:
        """``work()`` in a thread, answered 503 if it takes longer than the time limit (the thread finishes
        on its own: inputs are bounded, so it does)."""
        loop = asyncio.get_running_loop()
        try:
            return await asyncio.wait_for(loop.run_in_executor(self.executor, work), self.settings.timeout)
        except TimeoutError:
            raise RequestProblem(503, Said(N_("no answer within {seconds} seconds"), seconds=self.settings.timeout),
                                 None, Said(N_("try again later")), {"retry-after": "1"}) from None

    async def request_json(self, request: Request, fields: dict[str, type], required: tuple[str, ...]) \
            -> dict[str, Any]:
        check_media_type(request)
        body = await read_body(request, self.settings.max_body)
        doc = envelope(parse_json(body, self.settings.max_depth), fields, required)
        question = doc.get("question")
        if isinstance(question, str) and question in self.book.rules:
            request.state.question = question  # for the access log: a rule's name, never a fact
        if doc.get("lang") in problems.LANGS:
            request.state.lang = doc["lang"]  # problems in the language the document was asked in
        facts = doc["facts"]
        if len(facts) > self.settings.max_facts:
            raise RequestProblem(422, Said(N_("too many facts: {count}; a facts document names at most {limit}"),
                                           count=len(facts), limit=self.settings.max_facts), "facts",
                                 Said(N_("GET /v1/facts lists the facts the rulebook reads")))
        return doc

    async def explain(self, request: Request) -> Response:
        doc = await self.request_json(request, EXPLAIN, ("question", "facts"))
        book = self.book

        def work() -> dict[str, Any]:
            facts = book.check_facts(doc["facts"])
            return book.explain(doc["question"], facts, on=doc.get("on"), lang=doc.get("lang", "en")).to_dict()

        return _json(await self.compute(work))

    async def decide(self, request: Request) -> Response:
        doc = await self.request_json(request, DECIDE, ("question", "facts"))
        book = self.book

        # The fast path runs on the event loop: it takes microseconds for any request the limits let in
        # (at most max_facts facts, compiled rules without loops), so a thread would only add the cost of
        # handing over the GIL twice, the bulk of its latency under load.
        answer = book.decide(doc["question"], book.check_facts(doc["facts"]), on=doc.get("on"))
        return _json({"question": answer.question, "on": answer.on.isoformat(), "status": str(answer.status),
                      "value": json_value(answer.value), "missing": list(answer.missing)})

    async def timeline(self, request: Request) -> Response:
        doc = await self.request_json(request, TIMELINE, ("facts",))
        book = self.book

        def work() -> dict[str, Any]:
            return lawcode.timeline(book, doc["facts"], on=doc.get("on"), lang=doc.get("lang", "en")).to_dict()

        return _json(await self.compute(work))

    def batch_query(self, request: Request) -> tuple[list[str], dt.date]:
        """The questions (``question``, once or more) and the date (``on``, default today) of a batch."""
        questions: list[str] = []
        on: str | None = None
        for key, value in request.query_params.multi_items():
            if key == "question":
                if value not in questions:
                    questions.append(value)
            elif key == "on" and on is None:
                on = value
            else:
                said = N_("the parameter {parameter} is given twice") if key == "on" else \
                    N_("unknown parameter {parameter}")
                raise RequestProblem(400, Said(said, parameter=repr(key)), key if key == "on" else None,
                                     Said(N_("the parameters are question (once for each question) and on")))
        if not questions:
            raise RequestProblem(400, Said(N_("the parameter {parameter} is missing"), parameter="'question'"),
                                 "question", Said(N_("e.g. {example}"),
                                                  example="/v1/batch?question=summons.served_on&on=2024-05-01"))
        day = None
        for question in questions:  # an unknown question or a bad date: the rulebook's own message (422)
            day = self.book.decide(question, {}, on=on).on
        assert day is not None
        request.state.question = ",".join(questions)  # rule names, for the access log
        return questions, day

    async def batch(self, request: Request) -> Response:
        request.state.pointer = problems.no_pointer  # the envelope is in the query: fields named, not pointed at
        questions, day = self.batch_query(request)
        check_lines_media_type(request)
        if not self.batches:
            raise RequestProblem(501, Said(N_("answering many people at once needs the batch extra")), None,
                                 Said(N_("install it: {command}"), command="pip install 'lawcode[batch]'"))
        settings = self.settings
        body = await read_body(request, settings.max_batch_body,
                               Said(N_("send at most {limit} people per request"), limit=settings.max_batch_rows))
        lines = split_lines(body, settings.max_batch_rows)
        request.state.rows = len(lines)
        lang = accept_language(request.headers.get("accept-language"))
        batch = Batch(self.book, questions, day, lang, settings.max_depth, settings.max_facts)
        content = await self.compute(lambda: batch.answer(lines))
        return Response(content, media_type=JSON_LINES, headers={"content-language": lang, "cache-control": "no-store"})

    async def page(self, request: Request) -> Response:
        lang = request.query_params.get("lang")
        if lang not in problems.LANGS:
            lang = accept_language(request.headers.get("accept-language"))
        return Response(self.pages[lang], media_type="text/html; charset=utf-8",
                        headers={"content-language": lang, "vary": "Accept-Language",
                                 "content-security-policy": PAGE_POLICY, "cache-control": "no-cache"})

    def prepared(self, content: bytes, media_type: str = JSON) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return Response(content, media_type=media_type)

        return endpoint

    def static_file(self, name: str, media_type: str) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            return Response(self.static[name], media_type=media_type, headers={"cache-control": "no-cache"})

        return endpoint


def _json(data: Any) -> Response:
    return Response(_json_bytes(data), media_type=JSON, headers={"cache-control": "no-store"})


def _problem(status: int, errors: list[dict[str, Any]], lang: str, headers: dict[str, str] | None = None) -> Response:
    return Response(problems.body(status, errors, lang), status_code=status, media_type=problems.MEDIA_TYPE,
                    headers={"content-language": lang, "cache-control": "no-store", **(headers or {})})


def guarded(service: Service, endpoint: Callable[[Request], Awaitable[Response]]) \
        -> Callable[[Request], Awaitable[Response]]:
    """The endpoint with every failure turned into a problem document (never a traceback, never facts in logs)."""

    async def run(request: Request) -> Response:
        lang = accept_language(request.headers.get("accept-language"))
        try:
            return await endpoint(request)
        except RequestProblem as p:
            pointer = getattr(request.state, "pointer", problems.body_pointer)
            return _problem(p.status, problems.request_errors(p, lang, pointer), lang, p.headers)
        except LawcodeError as e:
            body_lang = getattr(request.state, "lang", None)
            pointer = getattr(request.state, "pointer", problems.body_pointer)
            return _problem(422, problems.lawcode_errors(e, body_lang or lang, service.root, pointer),
                            body_lang or lang)
        except Exception as e:  # a defect of lawcode: say so, log where (not what: the message may quote facts)
            frames = "".join(traceback.format_tb(e.__traceback__))
            error_log.error("internal error in %s %s: %s\n%s", request.method, request.url.path, type(e).__name__,
                            frames)
            failure = RequestProblem(500, Said(N_("lawcode failed to answer ({error})"), error=type(e).__name__),
                                     None, Said(N_("please report it; the service's log names where it failed")))
            return _problem(500, problems.request_errors(failure, lang), lang)

    return run


class Envelope:
    """Every HTTP response: security headers, and one access-log line with the question, status and time.

    The line never carries facts: only the method, the path (without its query), the question when
    it is a rule's name (the questions of a batch, and its number of rows), the status and the
    milliseconds taken.
    """

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items() if k.encode() not in present]
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        finally:
            state = scope.get("state", {})
            question, rows = state.get("question"), state.get("rows")
            access_log.info("%s %s %d%s%s %.1f ms", scope["method"], scope["path"], status,
                            f" question={question}" if question else "", f" rows={rows}" if rows is not None else "",
                            (time.perf_counter() - start) * 1e3)


async def _http_problem(request: Request, exc: Exception) -> Response:
    """Starlette's own 404 and 405 as problems (405 keeps its Allow header)."""
    assert isinstance(exc, HTTPException)
    lang = accept_language(request.headers.get("accept-language"))
    message = Said(N_("no such resource: {path}"), path=request.url.path) if exc.status_code == 404 else \
        Said(N_("{method} is not allowed here"), method=request.method)
    hint = Said(N_("GET /openapi.json describes every operation"))
    p = RequestProblem(exc.status_code, message, None, hint)
    return _problem(exc.status_code, problems.request_errors(p, lang), lang, dict(exc.headers or {}))


async def _no_icon(request: Request) -> Response:
    return Response(status_code=204)


def create_app(book: Rulebook, settings: Settings | None = None) -> Starlette:
    """The ASGI application serving ``book`` (loaded once; nothing here changes it)."""
    settings = settings or Settings()
    service = Service(book, settings)
    g = guarded
    routes = [
        Route("/v1/explain", g(service, service.explain), methods=["POST"]),
        Route("/v1/decide", g(service, service.decide), methods=["POST"]),
        Route("/v1/timeline", g(service, service.timeline), methods=["POST"]),
        Route("/v1/batch", g(service, service.batch), methods=["POST"]),
        Route("/v1/questions", service.prepared(service.questions), methods=["GET"]),
        Route("/v1/facts", service.prepared(service.facts), methods=["GET"]),
        Route("/v1/rulebook", service.prepared(service.rulebook), methods=["GET"]),
        Route("/healthz", service.prepared(service.health), methods=["GET"]),
        Route("/openapi.json", service.prepared(service.openapi), methods=["GET"]),
        Route("/", g(service, service.page), methods=["GET"]),
        Route("/page.js", service.static_file("page.js", "text/javascript; charset=utf-8"), methods=["GET"]),
        Route("/page.css", service.static_file("page.css", "text/css; charset=utf-8"), methods=["GET"]),
        Route("/favicon.ico", _no_icon, methods=["GET"]),  # browsers ask; there is none (204, not a 404 logged)
    ]
    middleware = [Middleware(Envelope)]
    if settings.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["content-type",
                                                                                    "accept-language"]))
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={HTTPException: _http_problem})
    app.state.service = service
    return app
