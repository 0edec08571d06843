"""Problems as RFC 9457 documents (``application/problem+json``), in the reader's language.

A problem lists each error with the field it is about (``facts.person.birth_date``), the same
message and hint the command line prints, and, when a rule's evaluation failed, the rule file's
position. English is the source; Russian comes from the gettext catalog, rendering the error's own
template with its values (``lawcode.errors.Message``), so no English text is ever matched.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from lawcode.errors import N_, FactsError, LawcodeError, LawcodeErrors, Message
from lawcode.render.i18n import format_date, gettext

LANGS = ("en", "ru")
MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://lawcode.invalid/problems/"

# status -> (type slug, title)
KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", N_("The request is malformed")),
    404: ("not-found", N_("Nothing here")),
    405: ("method-not-allowed", N_("Method not allowed")),
    413: ("too-large", N_("The request is too large")),
    415: ("unsupported-media-type", N_("Send JSON")),
    422: ("bad-input", N_("The question cannot be answered from this input")),
    500: ("internal-error", N_("Internal error")),
    501: ("not-installed", N_("Not available in this installation")),
    503: ("time-limit", N_("The answer took too long")),
}


class RequestProblem(Exception):
    """A problem with the request itself (size, syntax, shape), found before the rulebook is asked."""

    def __init__(self, status: int, message: Message, field: str | None = None, hint: Message | None = None,
                 headers: dict[str, str] | None = None):
        super().__init__(str(message))
        self.status = status
        self.message = message
        self.field = field
        self.hint = hint
        self.headers = headers or {}


def accept_language(header: str | None) -> str:
    """The first of en and ru that an Accept-Language header prefers (q-values honoured); en by default."""
    if not header:
        return "en"
    best, best_q = "en", -1.0
    for part in header.split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGS and q > 0 and q > best_q:  # the earlier of two equal preferences stays
            best, best_q = primary, q
    return best


def _render(text: Message | str | None, lang: str) -> str | None:
    if text is None:
        return None
    if isinstance(text, str):
        return text
    if lang == "en":
        return str(text)
    return text.render(lambda s: gettext(lang, s), lambda d: format_date(d, lang))


def _escaped(parts: Iterable[str]) -> str:
    return "".join("/" + p.replace("~", "~0").replace("/", "~1") for p in parts)


def body_pointer(field: str | None) -> str | None:
    """Where ``field`` is in a JSON request body: ``facts.person.birth_date`` -> ``/facts/person.birth_date``."""
    if field is None:
        return None
    head, _, rest = field.partition(".")
    return _escaped([head, rest] if head == "facts" and rest else [field])


def row_pointer(field: str | None) -> str | None:
    """Where ``field`` is in one line of a batch, which is the facts document itself (with its ``id``):
    ``facts.person.birth_date`` -> ``/person.birth_date``."""
    if field is None or field == "facts":
        return None if field is None else ""
    return _escaped([field.removeprefix("facts.")])


def no_pointer(field: str | None) -> str | None:
    """Fields that are not in a body (query parameters): named, not pointed at."""
    return None


Pointer = Callable[[str | None], str | None]


def _field(error: LawcodeError) -> str | None:
    if isinstance(error, FactsError):
        return f"facts.{error.subject}" if error.subject else "facts"
    if error.subject:
        return error.subject
    return "facts" if error.location is not None else None  # a rule failed on these facts


def _location(error: LawcodeError, root: Path | None) -> str | None:
    loc = error.location
    if loc is None or loc.file is None:
        return None
    path = Path(loc.file)
    if root is not None:
        try:
            path = path.resolve().relative_to(root.resolve().parent)  # rules/..., not the server's folders
        except ValueError:
            path = Path(path.name)
    text = path.as_posix()
    if loc.line is not None:
        text += f":{loc.line}" + (f":{loc.column}" if loc.column is not None else "")
    return text


def lawcode_errors(error: LawcodeError, lang: str, root: Path | None, pointer: Pointer = body_pointer) \
        -> list[dict[str, Any]]:
    """The items of a problem for a lawcode error (each of several), in ``lang``; ``pointer`` says where a
    field is in what was sent (a JSON body, a line of a batch, a query)."""
    out = []
    for e in (error.errors if isinstance(error, LawcodeErrors) else (error,)):
        message, hint = e.render(*_translators(lang))
        field = _field(e)
        out.append({"field": field, "pointer": pointer(field), "message": message, "hint": hint,
                    "location": _location(e, root)})
    return out


def _translators(lang: str) -> tuple[Any, Any]:
    if lang == "en":
        return None, None
    return (lambda s: gettext(lang, s)), (lambda d: format_date(d, lang))


def request_errors(problem: RequestProblem, lang: str, pointer: Pointer = body_pointer) -> list[dict[str, Any]]:
    return [{"field": problem.field, "pointer": pointer(problem.field), "message": _render(problem.message, lang),
             "hint": _render(problem.hint, lang), "location": None}]


def document(status: int, errors: Iterable[dict[str, Any]], lang: str) -> dict[str, Any]:
    """The problem document: type, title, status, detail (the first error) and every error."""
    slug, title = KINDS.get(status, KINDS[400] if status < 500 else KINDS[500])
    items = list(errors)
    return {"type": TYPE_BASE + slug, "title": gettext(lang, title), "status": status,
            "detail": detail(items, lang), "errors": items}


def detail(items: list[dict[str, Any]], lang: str) -> str:
    """What a list of errors says in one line: the error's message, or how many there are."""
    if len(items) == 1:
        return str(items[0]["message"])
    return _render(Message(N_("{count} problems found"), count=len(items)), lang) or ""


def body(status: int, errors: Iterable[dict[str, Any]], lang: str) -> bytes:
    return json.dumps(document(status, errors, lang), ensure_ascii=False).encode("utf-8")
