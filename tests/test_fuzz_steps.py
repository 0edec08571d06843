"""Fuzz targets of the reviewers' side (issue 12): the step matcher and the feature-file reader.

``step-matcher``: any step text, in English or Russian, goes through ``Vocabulary.match`` (and, as a cell of a
facts table or the text of a ``Then the answer is`` step, through the conversions a scenario makes): it gives a
match, or a ``LawcodeError`` (or the ``BadValue`` a scenario turns into its failure) whose message is bounded and
holds no raw terminal control character. Nothing else. Inputs are the bundled vocabulary's phrases with their slots
filled by real, huge or impossible values (numbers of thousands of digits, years 0 and 99999, month 13) and then
mutated (characters inserted, deleted, replaced: controls, bidi overrides, any unicode), and arbitrary text.

``feature-reader``: any bytes as a ``.feature`` file go through ``lawcode check``'s reader and checker
(``check_features``): a list of problems, each a bounded, escaped, located message. Inputs are pieces of the
bundled features, mutated the same way, and arbitrary bytes.

``make test`` runs a short derandomized pass; ``make fuzz`` the campaign (``tests/fuzzing.py``). Every input that
once failed is kept in ``tests/fuzz_regressions/<target>/`` (JSON for the step matcher, the file's bytes for the
feature reader) and replayed here.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import random
import re
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import lawcode
from fuzzing import fuzz, regressions
from lawcode.errors import LawcodeError, Location
from lawcode.review.features import check_features
from lawcode.review.messages import BadValue
from lawcode.review.vocabulary import Action, StepError, Vocabulary

ROOT = Path(__file__).resolve().parent.parent
MAX_CHARS = 2000  # characters of one message (as tests/test_hostile.py bounds them)
MAX_LINE = 300  # characters of one line of a message
# what must never reach a terminal raw: C0 controls but newline and tab, DEL, C1, bidi overrides and isolates
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")
LANGS = ("en", "ru")


@functools.cache
def vocabulary() -> Vocabulary:
    """The bundled rulebook's vocabulary, built once for every input."""
    return Vocabulary(lawcode.load())


@contextlib.contextmanager
def kept_on_failure(target: str, payload: bytes, suffix: str) -> Iterator[None]:
    """Keep an input that fails in ``out/fuzz-failures/<target>/`` (hypothesis shrinks it: the smallest is the
    last written), to be copied into ``tests/fuzz_regressions/<target>/``."""
    try:
        yield
    except BaseException:
        folder = ROOT / "out" / "fuzz-failures" / target
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{time.time_ns()}-{hashlib.sha1(payload).hexdigest()[:12]}.{suffix}").write_bytes(payload)
        raise


def _message_ok(text: str, what: str) -> None:
    assert len(text) <= MAX_CHARS, f"{what}: a message of {len(text):,} characters"
    long = [line for line in text.splitlines() if len(line) > MAX_LINE]
    assert not long, f"{what}: a line of {len(long[0]):,} characters"
    found = UNSAFE.search(text)
    assert found is None, f"{what}: raw control character {found.group()!r} in {text[:200]!r}"


def exercise_step(lang: str, text: str, fact: int, question: int) -> None:
    """What a scenario does with one step text: match it; use it as a facts-table cell (a fact's name, a value of
    fact number ``fact``) and, when it asks for an answer, type it by question number ``question``."""
    v = vocabulary()
    facts = sorted(v.book.facts)
    rules = sorted(v.book.rules)
    calls: list[Any] = [
        lambda: v.match(text, lang, Location("fuzz.feature", 3)),
        lambda: v.fact_name(text, lang),
        lambda: v.fact_value(v.book.facts[facts[fact % len(facts)]], text, lang),
    ]
    for call in calls:
        try:
            found = call()
        except StepError as e:
            _message_ok(str(e), "StepError")
            continue
        except BadValue as e:
            _message_ok(e.message + "\n  hint: " + (e.hint or ""), "BadValue")
            continue
        except LawcodeError as e:
            _message_ok(str(e), type(e).__name__)
            continue
        if call is calls[0] and found.phrase.action is Action.ANSWER:
            try:
                v.answer(rules[question % len(rules)], found.values["answer"], lang)
            except BadValue as e:
                _message_ok(e.message + "\n  hint: " + (e.hint or ""), "BadValue (answer)")


# -- inputs -------------------------------------------------------------------------------------------------------
CONTROLS = "\x00\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u200e\u202e\u2066\u2028\u2029\ufeff\t\r\n \u00a0"


@functools.cache
def phrase_texts() -> tuple[tuple[str, str], ...]:
    v = vocabulary()
    return tuple((lang, p.text) for lang in LANGS for p in v.phrases[lang])


@functools.cache
def known_words() -> tuple[str, ...]:
    """Values a slot may really hold: questions (names and phrases), facts, enum codes and labels, yes/no words."""
    v = vocabulary()
    words = [*v.book.rules, *v.book.facts, "yes", "no", "да", "нет", "none", "null", "нет значения", "[]"]
    for lang in LANGS:
        words += list(v.questions[lang])
    for fact in v.book.facts.values():
        for code, label in (fact.values or {}).items():
            words += [str(code), label.get("en"), label.get("ru")]
    return tuple(w for w in words if w)


UTF8 = st.characters(codec="utf-8")  # any character a UTF-8 file can hold (no lone surrogate)
MONTHS = ("January", "May", "Feb", "Aprill", "мая", "февраля", "декабря", "ЯНВАРЯ", "Smarch")
numbers = st.one_of(st.integers(-10**6, 10**6).map(str), st.integers(0, 10**40).map(lambda n: f"{n:,}"),
                    st.integers(1, 6000).map(lambda n: "9" * n), st.sampled_from(["10 000", "10\u00a0000", "1,000.5",
                                                                                    "-0", "١٢٣", "１２３"]))
dates = st.one_of(
    st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 99999), st.integers(0, 99),
              st.integers(0, 99)),
    st.builds(lambda y, m, d: f"{d}.{m}.{y}", st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99)),
    st.builds(lambda y, m, d: f"{d} {m} {y}", st.integers(0, 99999), st.sampled_from(MONTHS), st.integers(0, 99)),
    st.builds(lambda y, m, d: f"{m}/{d}/{y}", st.integers(0, 99999), st.integers(0, 99), st.integers(0, 99)),
)
words = st.deferred(lambda: st.sampled_from(known_words()))
slot_values = st.one_of(words, numbers, dates, st.text(UTF8, max_size=20), words.map(lambda w: f'"{w}"'))
characters = st.one_of(st.sampled_from(CONTROLS), UTF8)  # what a UTF-8 file can hold


@st.composite
def mutated(draw: st.DrawFn, base: str) -> str:
    """``base`` with a few characters inserted, deleted, replaced, or a piece repeated."""
    text = base
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        op = draw(st.integers(0, 4))
        if op == 0:
            text = text[:at] + draw(characters) + text[at:]
        elif op == 1:
            text = text[:at] + text[at + draw(st.integers(1, 5)):]
        elif op == 2:
            text = text[:at] + draw(characters) + text[at + 1:]
        elif op == 3:
            text = text[:at] + text[at:at + draw(st.integers(1, 20))] * draw(st.integers(2, 150)) + text[at:]
        else:
            text = text.upper() if draw(st.booleans()) else text.swapcase()
    return text


@st.composite
def filled_phrase(draw: st.DrawFn, mutate: bool = False) -> tuple[str, str]:
    """A phrase of the vocabulary (in its language, or the other), its slots filled, then mutated if ``mutate``."""
    lang, text = draw(st.sampled_from(phrase_texts()))
    filled = re.sub(r"\{\w+\}", lambda _: draw(slot_values), text)
    if draw(st.integers(0, 9)) == 0:
        lang = "ru" if lang == "en" else "en"
    return lang, draw(mutated(filled)) if mutate else filled


steps = st.one_of(
    filled_phrase(), filled_phrase(), filled_phrase(mutate=True),
    st.tuples(st.sampled_from(LANGS), st.text(UTF8, max_size=60)),
    st.tuples(st.sampled_from(LANGS), st.tuples(st.text(UTF8, min_size=1, max_size=8),
                                                st.integers(100, 300))
              .map(lambda t: t[0] * t[1])),
)




def variants(text: str, seed: int, count: int) -> list[str]:
    """``count`` mutations of ``text`` made by ``random.Random(seed)``: hypothesis spends about a millisecond per
    example on itself, so each example tries several inputs cheaply (a failing one is kept whole, see
    ``kept_on_failure``)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        t = text
        for _ in range(rng.randint(1, 3)):
            at = rng.randint(0, len(t))
            op = rng.randrange(6)
            if op == 0:
                t = t[:at] + rng.choice(CONTROLS) + t[at:]
            elif op == 1:
                code = rng.randrange(0x20, 0x110000)
                t = t[:at] + (chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd") + t[at:]
            elif op == 2:
                t = t[:at] + t[at + rng.randint(1, 5):]
            elif op == 3:
                t = t[:at] + t[at:at + rng.randint(1, 20)] * rng.randint(2, 150) + t[at:]
            elif op == 4:
                t = t[:at] + rng.choice(("9" * rng.randint(1, 5000), "0000", "99999", "13", "00", "-", ".", ",",
                                         " ", "«", "»", '"', "{value}")) + t[at:]
            else:
                t = t.swapcase()
        out.append(t)
    return out


@fuzz("step-matcher", short=600)
@given(steps, st.integers(0, 1000), st.integers(0, 1000), st.integers(0, 2**32), st.booleans())
def test_fuzz_step_matcher(step: tuple[str, str], fact: int, question: int, seed: int, mutate: bool) -> None:
    lang, text = step
    one = variants(text, seed, 1)[0] if mutate else text
    payload = {"lang": lang, "text": one, "fact": fact, "question": question}
    with kept_on_failure("step-matcher", json.dumps(payload, ensure_ascii=False).encode() + b"\n", "json"):
        exercise_step(lang, one, fact, question)


@pytest.mark.parametrize("data", regressions("step-matcher"))
def test_step_matcher_regressions(data: bytes) -> None:
    kept = json.loads(data)
    exercise_step(kept["lang"], kept["text"], kept.get("fact", 0), kept.get("question", 0))


# -- the feature reader --------------------------------------------------------------------------------------------
@functools.cache
def feature_pieces() -> tuple[str, ...]:
    """Runs of 3 to 12 lines of the bundled features, each starting at its Feature: (and language) line."""
    pieces = []
    for path in sorted((ROOT / "features").rglob("*.feature")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        head = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")) + 1
        for start in range(head, len(lines), 7):
            pieces.append("".join(lines[:head] + lines[start:start + 12]))
    return tuple(pieces)


@functools.cache
def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="lawcode-fuzz-features-"))


def exercise_feature(data: bytes) -> None:
    """``lawcode check`` on one feature file holding ``data``: problems, each a bounded, escaped, located message."""
    path = scratch() / "fuzz.feature"
    path.write_bytes(data)
    v = vocabulary()
    for problem in check_features(v.book, v, [path]):
        text = str(problem)
        _message_ok(text, "feature problem")
        assert problem.location.file, text


feature_bytes = st.one_of(
    st.deferred(lambda: st.sampled_from(feature_pieces())).flatmap(mutated).map(lambda t: t.encode("utf-8")),
    st.deferred(lambda: st.sampled_from(feature_pieces())).flatmap(mutated)
    .map(lambda t: t.encode("utf-8", "surrogatepass")).flatmap(
        lambda b: st.tuples(st.integers(0, len(b)), st.binary(max_size=4)).map(lambda t: b[:t[0]] + t[1] + b[t[0]:])),
    st.binary(max_size=200),
    st.text(UTF8, max_size=200)
    .map(lambda t: ("Feature: x\n  @53-FZ.22.1.а\n  Scenario: y\n    Given " + t).encode()),
)


@fuzz("feature-reader", short=100)
@given(feature_bytes)
def test_fuzz_feature_reader(data: bytes) -> None:
    with kept_on_failure("feature-reader", data, "feature"):
        exercise_feature(data)


@pytest.mark.parametrize("data", regressions("feature-reader"))
def test_feature_reader_regressions(data: bytes) -> None:
    exercise_feature(data)
