"""Fuzz target ``facts-reader`` (issue 12): any facts document gives checked facts or a bounded LawcodeError.

Whatever bytes a user hands ``--facts`` (a file or standard input), the reading and checking path
(UTF-8 decoding, the YAML reader or the JSON parser, then ``validate_facts`` against a rulebook) must end
in a mapping of checked facts, or a ``LawcodeError`` whose message is bounded and holds no raw terminal
control character: never another exception, never an unbounded message. Every input goes through both
readers (as YAML and as JSON), as the bytes of a file or of standard input would.

The rulebook is loaded once (``tests/hostile/base``: one fact of each type); no process is spawned and no
file is written per input, so the target runs thousands of inputs a second. Inputs that once failed are
kept in ``tests/fuzz_regressions/facts-reader/`` and replayed on every run.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lawcode
from fuzzing import fuzz, regressions
from lawcode.engine.facts import validate_facts
from lawcode.errors import FactsError, LawcodeError
from lawcode.render.i18n import gettext
from lawcode.rulebook.documents import read_facts_stream, read_facts_text
from lawcode.rulebook.files import decode_utf8

BOOK = lawcode.load(Path(__file__).resolve().parent / "hostile" / "base").data
MAX_CHARS = 8000  # ten problems, each with its quoted value, source line and hint, and the count of the rest
MAX_LINE = 300
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def read_and_check(data: bytes) -> None:
    """The property: ``data`` read as a YAML file and as JSON on standard input, then checked."""
    for read in (_as_yaml_file, _as_json_stdin):
        try:
            facts = validate_facts(BOOK, read(data), "facts")
        except LawcodeError as e:
            _bounded(e)
        else:
            assert isinstance(facts, Mapping)
            assert set(facts) <= set(BOOK.facts)


def _as_yaml_file(data: bytes) -> Mapping[str, Any]:
    return read_facts_text(decode_utf8(data, "facts.yaml", FactsError), "facts.yaml")


def _as_json_stdin(data: bytes) -> Mapping[str, Any]:
    return read_facts_stream(io.BytesIO(data))


def _bounded(e: LawcodeError) -> None:
    text = str(e)
    assert text and len(text) <= MAX_CHARS, f"a message of {len(text):,} characters"
    assert max(len(line) for line in text.splitlines()) <= MAX_LINE, "a line over MAX_LINE"
    assert not CONTROL.search(text), f"a raw control character in {text[:200]!r}"
    for one in getattr(e, "errors", (e,)):  # the HTTP service renders the same message in Russian
        message, hint = one.render(lambda template: gettext("ru", template))
        assert len(message) + len(hint or "") <= MAX_CHARS


# -- inputs -------------------------------------------------------------------------------------------
NAMES = ["person.sex", "person.birth_date", "person.children", "person.name", "person.documented", "event.on",
         "person", "x.y", "on", "true", "", "person.sex\u202e", "\x1b[2Jperson.sex", "ｐerson.sex"]
YAML_TOKENS = [
    *NAMES, ": ", ":", "\n", "\r\n", "\r", "  ", "\t", "- ", "-", "? ", "#", "---", "...", "%YAML 1.1", "\ufeff",
    "{", "}", "[", "]", ", ", '"', "'", "|", ">", "&a", "*a", "&b", "*b", "<<: ", "!!int", "!!bool", "!!float",
    "!!str", "!!map", "!!seq", "!!set", "!!omap", "!!pairs", "!!binary", "!!timestamp", "!!null", "!!python/none",
    "!foo", "male", "female", "mael", "2000-05-10", "2023-02-29", "2024-13-01", "2000-05-10 12:00:00", "2000-5-1",
    "null", "~", "yes", "no", "on", "true", "3", "-1", "0x1F", "0o17", "1_000", "1e400", ".nan", ".inf", "9" * 5000,
    "9223372036854775808", "\x00", "\x07", "\x1b", "\x85", "\u2028", "\ud7ff", "é", "ё", "\\", "\\u0000", "\\e",
    "y" * 300, "[" * 120, "]" * 120, "{a: " * 60,
]
JSON_TOKENS = [
    *(json.dumps(name) for name in NAMES), "{", "}", "[", "]", ":", ",", " ", "\n", '"male"', '"2000-05-10"',
    '"2023-02-29"', "3", "-0", "1.5", "1e400", "-1e-400", "9" * 5000, "9223372036854775808", "true", "false",
    "null", "NaN", "Infinity", "-Infinity", '"\\ud800"', '"\\ud83d\\ude00"', '"\\u0000"', '"\\u001b[31m"', '"',
    "\\", "\ufeff", "\x00", "//", "/*", "'", '"' + "y" * 300 + '"', "[" * 120, "]" * 120,
]
SCALARS: list[Any] = [None, True, False, 0, 3, -1, 2**63, 10**30, 1.5, float("nan"), "", "male", "female", "mael",
                      "2000-05-10", "2023-02-29", "2000-05-10T12:00:00", "Ivan", "\x1b[31m", "\u202e", "\ud800",
                      "y" * 200]


def _document(entropy: bytes) -> Any:
    """A JSON value built from ``entropy``: mostly a mapping of (mostly known) names to values, some nested."""
    data = iter(entropy)

    def value(depth: int) -> Any:
        pick = next(data, 0)
        if pick < 200 or depth > 4:
            return SCALARS[pick % len(SCALARS)]
        items = [value(depth + 1) for _ in range(next(data, 0) % 4)]
        if pick < 228:
            return items
        return {NAMES[next(data, 0) % len(NAMES)]: item for item in items}

    return {NAMES[pick % len(NAMES)]: value(0) for pick in data} if entropy and entropy[0] % 8 else value(0)


def _soup(tokens: list[str], entropy: bytes) -> str:
    return "".join(tokens[byte % len(tokens)] for byte in entropy)


def _yaml_lines(entropy: bytes) -> str:
    """YAML lines ``name: value`` (a value of one to three tokens: tags, anchors, aliases, flow collections...)."""
    lines = []
    for i in range(0, len(entropy) - 1, 3):
        name, parts = NAMES[entropy[i] % len(NAMES)], entropy[i + 1:i + 3]
        indent = "  " if entropy[i] % 7 == 0 else ""
        lines.append(f"{indent}{name}: " + "".join(YAML_TOKENS[byte % len(YAML_TOKENS)] for byte in parts))
    return "\n".join(lines) + "\n"


# Every input is built from a mode and a few bytes of entropy: cheap to generate and to shrink, so that the
# target runs at thousands of inputs a second, and a failing input shrinks to a short one.
BUILDERS = (
    lambda b: b,  # raw bytes: not UTF-8, a BOM, control characters
    lambda b: b.decode("latin-1").encode("utf-8"),  # text of any code point below 256
    lambda b: _soup(YAML_TOKENS, b).encode("utf-8", "surrogatepass"),  # YAML-ish
    lambda b: _yaml_lines(b).encode("utf-8", "surrogatepass"),  # YAML facts lines, values odd
    lambda b: _soup(JSON_TOKENS, b).encode("utf-8", "surrogatepass"),  # JSON-ish
    lambda b: json.dumps(_document(b), ensure_ascii=False).encode("utf-8", "surrogatepass"),  # documents
    lambda b: json.dumps(_document(b)).encode(),  # ASCII JSON (JSON is YAML too: both readers take it)
)
inputs = st.tuples(st.integers(0, len(BUILDERS) - 1), st.binary(max_size=80)).map(lambda m: BUILDERS[m[0]](m[1]))


@fuzz("facts-reader", short=300)
@given(inputs)
def test_any_facts_document_gives_checked_facts_or_a_bounded_error(data: bytes) -> None:
    read_and_check(data)


@pytest.mark.parametrize("data", regressions("facts-reader"))
def test_facts_reader_regressions(data: bytes) -> None:
    read_and_check(data)
