"""Request bodies read safely: bounded size, JSON (or JSON Lines) only, bounded nesting, and the envelope's shape.

Everything here is about the request's form (400, 413, 415); what its values mean (an unknown
question, a bad date, an unknown fact) is for the rulebook to say (422), with the command line's
messages.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request

from lawcode.errors import N_, Message, quote
from lawcode.rulebook.documents import duplicate_key, nested_past
from lawcode.service.problems import RequestProblem

# the fields of each request body: name -> (JSON type wanted, how to say it)
TEXT: type = str
OBJECT: type = dict
KIND_NAMES: dict[type, str] = {str: N_("text"), dict: N_("an object")}


JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines")  # the first is answered


async def read_body(request: Request, limit: int, hint: Message | None = None) -> bytes:
    """The body, refused (413) as soon as it is known to exceed ``limit`` bytes."""
    too_large = RequestProblem(413, Message(N_("the request body is larger than {limit} bytes"), limit=limit), None,
                               hint or Message(N_("send less: one person's facts fit in a few hundred bytes")))
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def _media(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def check_media_type(request: Request) -> None:
    """Only JSON bodies (application/json or application/*+json) are read."""
    media = _media(request)
    if media == "application/json" or (media.startswith("application/") and media.endswith("+json")):
        return
    raise RequestProblem(415, Message(N_("the request body must be JSON, not {media}"), media=repr(media or "none")),
                         None, Message(N_("send the header Content-Type: application/json")))


def check_lines_media_type(request: Request) -> None:
    """Only JSON Lines bodies (one JSON document per line) are read by a batch."""
    media = _media(request)
    if media in JSON_LINES:
        return
    raise RequestProblem(415, Message(N_("the request body must be JSON Lines, not {media}"),
                                      media=repr(media or "none")), None,
                         Message(N_("send one facts document per line with the header Content-Type: {media}"),
                                 media=JSON_LINES[0]))


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    key = duplicate_key(pairs)
    if key is not None:
        raise RequestProblem(400, Message(N_("the key {key} is given twice"), key=quote(key)), None,
                             Message(N_("give each key once")))
    return dict(pairs)


def _bad_constant(name: str) -> Any:
    raise RequestProblem(400, Message(N_("{constant} is not JSON"), constant=name), None,
                         Message(N_("write numbers as digits")))


def _text(data: bytes, max_depth: int, too_deep: Message, not_utf8: Message) -> str:
    """``data`` as text, refused (``too_deep``, ``not_utf8``) past ``max_depth`` levels or when not UTF-8."""
    # the scan only when the brackets alone could nest that deep
    if (data.count(b"[") + data.count(b"{") > max_depth
            and nested_past(data.decode("utf-8", "replace"), max_depth) is not None):
        raise RequestProblem(400, too_deep, None, Message(N_("facts are flat: one name and one value each")))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestProblem(400, not_utf8, None, Message(N_("send JSON encoded as UTF-8"))) from None


def parse_json(body: bytes, max_depth: int) -> Any:
    """The JSON document in ``body`` (UTF-8), nesting at most ``max_depth`` arrays and objects."""
    text = _text(body, max_depth, Message(N_("the request body nests deeper than {limit} levels"), limit=max_depth),
                 Message(N_("the request body is not UTF-8 text")))
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_bad_constant)
    except json.JSONDecodeError as e:
        raise RequestProblem(400, Message(N_("the request body is not JSON: {what} at line {line}, column {column}"),
                                          what=e.msg, line=e.lineno, column=e.colno), None,
                             Message(N_("send a JSON object such as {example}"),
                                     example='{"question": "summons.served_on", "facts": {}}')) from None
    except (ValueError, RecursionError):  # a number too long to convert; nesting past the parser's limit
        raise RequestProblem(400, Message(N_("the request body is not JSON that can be read")), None,
                             Message(N_("send a JSON object such as {example}"),
                                     example='{"question": "summons.served_on", "facts": {}}')) from None


_LINE = json.JSONDecoder(object_pairs_hook=_no_duplicates, parse_constant=_bad_constant)  # made once: a batch has many
ROW_EXAMPLE = '{"id": "a-1", "person.birth_date": "2000-05-10"}'


def parse_line(line: bytes, max_depth: int) -> Any:
    """One line of a JSON Lines body: its JSON document, or a problem with that line alone (the row's)."""
    text = _text(line, max_depth, Message(N_("the line nests deeper than {limit} levels"), limit=max_depth),
                 Message(N_("the line is not UTF-8 text")))
    try:
        return _LINE.decode(text)
    except json.JSONDecodeError as e:
        raise RequestProblem(400, Message(N_("the line is not JSON: {what} at column {column}"), what=e.msg,
                                          column=e.colno), None,
                             Message(N_("write one facts document per line, e.g. {example}"),
                                     example=ROW_EXAMPLE)) from None
    except (ValueError, RecursionError):
        raise RequestProblem(400, Message(N_("the line is not JSON that can be read")), None,
                             Message(N_("write one facts document per line, e.g. {example}"),
                                     example=ROW_EXAMPLE)) from None


def envelope(doc: Any, fields: Mapping[str, type], required: tuple[str, ...]) -> dict[str, Any]:
    """The request object checked: an object, with the required fields, no others, each of its JSON type."""
    if not isinstance(doc, dict):
        raise RequestProblem(400, Message(N_("the request body must be a JSON object")), None,
                             Message(N_("send an object with the fields {fields}"), fields=", ".join(fields)))
    for name in doc:
        if name not in fields:
            raise RequestProblem(400, Message(N_("unknown field {field}"), field=repr(name)), name,
                                 Message(N_("the fields are {fields}"), fields=", ".join(fields)))
    for name in required:
        if name not in doc:
            raise RequestProblem(400, Message(N_("the field {field} is missing"), field=repr(name)), name,
                                 Message(N_("the fields are {fields}"), fields=", ".join(fields)))
    for name, kind in fields.items():
        if name in doc and type(doc[name]) is not kind:
            raise RequestProblem(400, Message(N_("the field {field} must be {kind}"), field=repr(name),
                                              kind=Message(KIND_NAMES[kind])), name,
                                 _FIELD_HINTS.get(name))
    return doc


_FIELD_HINTS = {
    "question": Message(N_("e.g. {example}"), example="'summons.served_on'"),
    "facts": Message(N_("facts are an object of fact names and values, e.g. {example}"),
                     example='{"person.birth_date": "2000-05-10"}'),
    "on": Message(N_("give on as a date or 'YYYY-MM-DD'")),
    "lang": Message(N_("use en or ru")),
}
