"""Fuzz target ``rule-loader`` (issue 12): any rule file gives a Rulebook or a bounded LawcodeError, nothing else.

A generated rule file (YAML-ish: ``rules``, ``cases``, ``when``, ``value``, ``cite``, ``in_force``..., its names,
expressions, dates and YAML devices drawn from valid and hostile pieces, then sometimes cut or spliced at the
byte level) is laid over the small valid base rulebook ``tests/hostile/base`` and loaded the way
``lawcode.load`` does, in-process and without the disk: the bytes are decoded as a rule file is
(``files.decode_utf8``), parsed (``yamlsource.load_yaml_text``) and built with the base's acts, facts and rules
parsed once (``loading.build_rulebook``); a rulebook that loads is checked too (``checks.run_checks``, what
``lawcode check`` adds). The outcome must be a rulebook, or a ``LawcodeError`` whose every problem renders in
at most ``MAX_CHARS`` characters with no raw terminal control character. Anything else (another exception, an
unbounded or unsafe message) fails, and the input is written to ``out/fuzz-failures/rule-loader/`` to be kept
in ``tests/fuzz_regressions/rule-loader/`` (replayed by ``test_kept_rule_files``).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fuzzing import fuzz, regressions
from lawcode.errors import LawcodeError, LawcodeErrors, RuleFileError
from lawcode.rulebook.checks import run_checks
from lawcode.rulebook.files import decode_utf8
from lawcode.rulebook.loading import build_rulebook
from lawcode.rulebook.model import Rulebook
from lawcode.rulebook.reading import Problems
from lawcode.rulebook.yamlsource import load_yaml_text

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "hostile" / "base"
FAILURES = ROOT / "out" / "fuzz-failures" / "rule-loader"
REGRESSIONS = ROOT / "tests" / "fuzz_regressions" / "rule-loader"
FILE = "rules/fuzz.yaml"
MAX_CHARS = 2000  # characters of one problem's message (as in test_hostile.py)
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# the base rulebook, parsed once: every input is laid over it
BASE_DOCS: dict[str, Any] = {f.name: load_yaml_text(f.read_text(encoding="utf-8"), f"rules/{f.name}")
                             for f in sorted(BASE.glob("*.yaml"))}
BASE_NAMES = {name: f"rules/{name}" for name in BASE_DOCS}

def load_rule_file(data: bytes) -> Rulebook:
    """The base rulebook with the rule file ``data`` beside it, loaded as ``load_rulebook`` loads a directory."""
    p = Problems()
    docs = dict(BASE_DOCS)
    text = p.guard(lambda: decode_utf8(data, FILE, RuleFileError))
    docs["fuzz.yaml"] = None if text is None else p.guard(lambda: load_yaml_text(text, FILE))
    book = build_rulebook(p, docs, {**BASE_NAMES, "fuzz.yaml": FILE}, "0" * 64, "rules")
    run_checks(book)
    return book


def assert_loads_or_refuses(data: bytes) -> None:
    """The contract: a Rulebook, or a LawcodeError whose problems are bounded and safe on a terminal."""
    try:
        try:
            load_rule_file(data)
        except LawcodeError as e:
            problems = e.errors if isinstance(e, LawcodeErrors) else (e,)
            assert problems, "a LawcodeErrors without a problem"
            for problem in problems:
                text = str(problem)
                assert len(text) <= MAX_CHARS, f"a message of {len(text):,} characters: {text[:300]!r}..."
                assert not CONTROL.search(text), f"a raw control character in {text[:300]!r}"
                assert problem.location is not None and problem.location.file, f"a problem with no place: {text!r}"
    except BaseException as e:  # keep the input that broke the contract, then fail
        if not isinstance(e, KeyboardInterrupt):
            FAILURES.mkdir(parents=True, exist_ok=True)
            (FAILURES / f"{hashlib.sha1(data).hexdigest()[:16]}.yaml").write_bytes(data)
        raise


# -- pieces ----------------------------------------------------------------------------------------
NAMES = [
    # valid, and clashing with the base (person.adult is a rule, person.sex a fact)
    "person.x", "person.y", "person.adult", "person.sex", "x", "a.b.c", "event.on", "_private.name",
    # hostile: reserved words, non-identifiers, lookalikes, control characters, YAML's own words
    "on", "true", "false", "null", "known", "happened", "date", "True", "None", "''", '""', "person x",
    "person..x", ".person", "person.", "1person", "person.if", "person.__class__", "__import__",
    "аttack.rule", "ｐerson.sex", "person.x\\e[2J", '"person.x\\u202e"', "yes", "off", "~", "1", "1.5",
    "2024-01-01", "[a, b]", "{a: b}", "*anchor", "&a person.z", "!!python/name:os.system", "x" * 150,
    "? complex", "person.x:", "-", "'quoted.name'", '"person.y"',
]  # fmt: skip
TYPES = ["bool", "int", "date", "text", "enum", "list", "float", "", "null", "[bool]", "Bool", "bool bool"]
COMBINES = ["unique", "first", "all", "earliest", "latest", "any", "frist", "null", "[first]"]
EXPRESSIONS = [
    # valid
    "true", "false", "null", "1", "18", '"male"', 'person.sex == "male"', 'person.sex == "mael"',
    "person.children >= 3", 'age(person.birth_date, on, "last_day") >= 18', "happened(event.on)",
    "known(person.name)", "event.on + days(7)", "person.birth_date", "person.adult", "person.x", "person.y",
    "not person.adult", "person.adult and person.documented", '["a", "b"]', 'date("2024-02-29")',
    'in_force_of("A-1")', "on", "on > event.on", "person.x and person.y",
    # hostile
    '"a" in (null if on > on else null)', "(" * 300 + "1" + ")" * 300, "9" * 5000, "__import__('os')",
    "person.__class__", "x[0]", "lambda: 1", "[x for x in y]", "ｐerson.sex == 'male'", "person.sex ==",
    'date("2023-02-29")', 'date("9999-12-31") + days(1)', "years(10**9)", "days(99999999999)",
    "1 if true", "a" * 3000, "not " * 500 + "true", "person.adult" + " and person.adult" * 400,
    '"\\x1b[2J"', "person.sex == \"\u202e\"", "happened()", "known(1)", "age(1, 2, 3)", "on.x", "true.x",
]  # fmt: skip
DATES = ["2000-01-01", "2020-06-01", "2023-02-29", "0000-01-01", "9999-12-31", "10000-01-01", "2024-13-01",
         '"2024-01-01"', "2024-01-01T10:00:00", "yesterday", "1", "null", "~", "[2024-01-01]", "*a"]
CITES = ['{act: A-1, article: "1"}', '{act: B-2, article: "2"}', "{act: A-1, article: 1.5}", "{act: A-1}",
         '{act: NOPE, article: "1"}', '{act: A-1, article: "1", amended_by: [B-2]}', "[]", "null", "A-1",
         '[{act: A-1, article: "1"}, {act: B-2, article: "1"}]', "{article: 1}", "{act: [A-1]}"]
TEXTS = ["{en: X, ru: X}", "{en: 'x ({value})', ru: 'x ({value})'}", "{en: '{person.sex}', ru: '{nosuch}'}",
         "{en: X}", "X", "{en: '', ru: X}", "{en: 1, ru: 2}", "{en: a, b, ru: c}", "null",
         "{en: '\\e[31m', ru: X}", "{en: '" + "x" * 3000 + "', ru: X}"]
IDS = ["c", "c1", "c2", "default", "", "1", "null", "[a]", "c\\u0000", "x" * 200]
STATUSES = ["verified", "unverified", "maybe", "null"]
# whole lines a case, a rule or the file may get (a key of its own, or YAML that is not a key at all)
EXTRA_LINES = [
    "note: {en: n, ru: n}", "status: unverified", "replaces: c", "replaces: nosuch", "default: {value: true}",
    "decided_on: event.on", "decided_on: person.sex", "values: {a: {en: A, ru: A}}", "values: []",
    "phrases: {en: [adult], ru: [взрослый]}", "see: nowhere", "quote: {text: t, source: s}", "on: true",
    "unknown_key: 1", "<<: *a", "a: &a {type: bool}", "!!binary aGk=: 1", "? [a]\n  : b", "key: !!set {a}",
    "key: !!int x", "key: !!bool maybe", "key: !!timestamp x", "key: !!float abc", "key: !!python/object:os.x {}",
    "\t: tab", "- a list item", "%YAML 1.1", "---", "...", "key: [" * 60 + "]" * 60, "key: '", 'key: "\\x"',
    "key: |\n  block", "#comment", "",
]  # fmt: skip

ODD_BYTES = [b"\xff", b"\xe9", b"\x00", b"\t", b"\r", b"\xef\xbb\xbf", b"\x1b[2J", "\u202e".encode(), b"\n  ", b":",
             b"'", b'"', b"&", b"*", b"!", b"|", b"{"]


class Tape:
    """Choices read from hypothesis's bytes, one byte each (0 once they run out): drawing one ``st.binary``
    keeps the generation fast (one draw per input, not dozens), and the bytes shrink toward 0, which picks
    the first, simplest, valid piece of every list."""

    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def byte(self) -> int:
        value = self.data[self.at] if self.at < len(self.data) else 0
        self.at += 1
        return value

    def pick(self, items: list[str]) -> str:
        return items[self.byte() % len(items)]

    def number(self, most: int) -> int:
        return self.byte() % (most + 1)

    def often(self, odds: int = 10) -> bool:
        """True but one time in ``odds`` (so that a key is usually there)."""
        return self.byte() % odds != odds - 1

    def sometimes(self, odds: int = 4) -> bool:
        return self.byte() % odds == odds - 1


def _scalar(t: Tape, piece: str) -> str:
    """A piece as a YAML value: as it is (YAML may read it otherwise, or fail), or quoted (JSON is YAML)."""
    return json.dumps(piece, ensure_ascii=False) if t.sometimes(2) else piece


def _case(t: Tape, index: int) -> list[str]:
    lines = [f"- id: {t.pick(IDS)}" if t.sometimes(6) else f"- id: c{index}"]
    if t.sometimes(2):
        lines.append(f"  when: {_scalar(t, t.pick(EXPRESSIONS))}")
    if t.often():
        lines.append(f"  value: {_scalar(t, t.pick(EXPRESSIONS))}")
    if t.often():
        lines.append(f"  cite: {t.pick(CITES)}")
    if t.sometimes(2):
        start, until = t.pick(DATES), t.pick(DATES)
        lines.append(t.pick([f"  in_force: {{from: {start}}}", f"  in_force: {{until: {until}}}",
                             f"  in_force: {{from: {start}, until: {until}}}", "  in_force: {}",
                             f"  in_force: {start}"]))
    if t.often():
        lines.append(f"  explain: {t.pick(TEXTS)}")
    if t.sometimes(6):
        lines.append(f"  status: {t.pick(STATUSES)}")
    if t.sometimes(5):
        lines.append("  " + t.pick(EXTRA_LINES))
    return lines


def _rule(t: Tape) -> list[str]:
    body = []
    name = t.pick(NAMES)
    if t.often():
        body.append(f"type: {t.pick(TYPES)}")
    if t.often():
        body.append(f"title: {t.pick(TEXTS)}")
    if t.sometimes(2):
        body.append(f"combine: {t.pick(COMBINES)}")
    if t.sometimes(4):
        body.append(t.pick(EXTRA_LINES))
    cases = [_case(t, i) for i in range(t.number(4))]
    body.append("cases:" + ("" if cases else t.pick([" []", " null", " x", ""])))
    body += ["  " + line for c in cases for line in c]
    return [f"{name}:", *("  " + line for line in body)]


def rule_file(choices: bytes) -> bytes:
    """The rule file ``choices`` pick: a few rules under ``rules:``, then maybe cut, spliced or given odd bytes."""
    t = Tape(choices)
    head = t.pick(["rules:", "rules:", "rules:", "rules: {}", "rules: []", "rule:", "facts:", ""])
    rules = [_rule(t) for _ in range(1 + t.number(2))]
    text = head + "\n" + "\n".join("  " + line for r in rules for line in r) + "\n"
    if t.sometimes(5):
        text = t.pick(EXTRA_LINES) + "\n" + text
    data = text.replace("\\e", "\x1b").encode("utf-8")
    mutation = t.number(9)
    if mutation == 1:  # cut anywhere (in the middle of a character too)
        data = data[:(t.byte() << 8 | t.byte()) % (len(data) + 1)]
    elif mutation == 2:  # an odd byte or character anywhere
        at = (t.byte() << 8 | t.byte()) % (len(data) + 1)
        data = data[:at] + ODD_BYTES[t.byte() % len(ODD_BYTES)] + data[at:]
    elif mutation == 3:  # CRLF line ends, or a byte-order mark
        data = data.replace(b"\n", b"\r\n") if t.sometimes(2) else b"\xef\xbb\xbf" + data
    return data


# -- the target and its kept inputs -------------------------------------------------------------------
@fuzz("rule-loader")
@given(st.binary(max_size=160))
def test_any_rule_file_loads_or_is_refused_with_a_bounded_located_error(choices: bytes) -> None:
    assert_loads_or_refuses(rule_file(choices))


@pytest.mark.parametrize("data", regressions("rule-loader"))
def test_kept_rule_files(data: bytes) -> None:
    assert_loads_or_refuses(data)


def test_the_base_alone_loads() -> None:
    """The fuzzer's base is valid, and a valid rule file laid over it loads (the target is not vacuous)."""
    assert isinstance(load_rule_file(b""), Rulebook)
    valid = ('rules:\n  person.x:\n    type: bool\n    title: {en: X, ru: X}\n    cases:\n      - id: c\n'
             '        value: person.adult\n        cite: {act: A-1, article: "1"}\n        explain: {en: x, ru: x}\n')
    assert "person.x" in load_rule_file(valid.encode()).rules
