"""Facts documents: reading YAML and JSON, and checking every value against facts.yaml."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

import lawcode
from lawcode.engine.facts import validate_facts
from lawcode.errors import FactsError, LawcodeError, LawcodeErrors
from lawcode.rulebook.documents import read_facts_file, read_facts_stream
from lawcode.rulebook.model import Rulebook

D = dt.date

ACTS = """\
acts:
  A-1:
    number: А-1
    date: 2000-01-01
    title: {en: Act one, ru: Акт первый}
    url: https://example.org/a-1
"""
FACTS = """\
facts:
  person.sex:
    type: enum
    values:
      male: {en: male, ru: мужской}
      female: {en: female, ru: женский}
    meaning: {en: sex, ru: пол}
  person.birth_date:
    type: date
    meaning: {en: date of birth, ru: дата рождения}
  event.on:
    type: date
    nullable: true
    meaning: {en: day of the event, ru: день события}
  person.documented:
    type: bool
    meaning: {en: documented, ru: подтверждено}
  person.children:
    type: int
    meaning: {en: number of children, ru: число детей}
  person.region:
    type: text
    meaning: {en: region, ru: регион}
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Rulebook:
    root = tmp_path_factory.mktemp("rules")
    (root / "acts.yaml").write_text(ACTS, encoding="utf-8")
    (root / "facts.yaml").write_text(FACTS, encoding="utf-8")
    return lawcode.load(root)


def one_error(book: Rulebook, facts: dict[str, Any]) -> FactsError:
    with pytest.raises(FactsError) as info:
        validate_facts(book, facts)
    return info.value


# -- values ----------------------------------------------------------------------------------------
def test_good_facts_are_converted(book: Rulebook) -> None:
    facts = validate_facts(book, {
        "person.sex": "male", "person.birth_date": "2000-05-10", "event.on": None, "person.documented": True,
        "person.children": 2, "person.region": "Moscow",
    })
    assert facts == {"person.sex": "male", "person.birth_date": D(2000, 5, 10), "event.on": None,
                     "person.documented": True, "person.children": 2, "person.region": "Moscow"}
    assert validate_facts(book, {"person.birth_date": D(2000, 5, 10)}) == {"person.birth_date": D(2000, 5, 10)}
    assert validate_facts(book, {}) == {}


def test_unknown_fact_suggests_the_closest_name(book: Rulebook) -> None:
    e = one_error(book, {"person.birth_dat": "2000-01-01"})
    assert e.message == "unknown fact 'person.birth_dat'"
    assert "did you mean 'person.birth_date'" in (e.hint or "")


def test_unknown_fact_without_a_close_name_lists_the_known_ones(book: Rulebook) -> None:
    e = one_error(book, {"zzz": 1})
    assert "known facts:" in (e.hint or "") and "person.sex" in (e.hint or "")


def test_nested_mapping_suggests_dotted_names(book: Rulebook) -> None:
    e = one_error(book, {"person": {"birth_date": "2000-01-01"}})
    assert "dotted names" in (e.hint or "")


def test_wrong_enum_value_lists_the_allowed_values(book: Rulebook) -> None:
    e = one_error(book, {"person.sex": "mael"})
    assert "'person.sex' cannot be 'mael'" in e.message
    assert "allowed values are male, female" in e.message
    assert "did you mean 'male'" in e.message
    e = one_error(book, {"person.sex": 1})
    assert "allowed values are male, female" in e.message


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("2024-13-01", "bad date '2024-13-01'"),
        ("2023-02-29", "2023 has no 29 February"),
        ("2024-04-31", "bad date '2024-04-31'"),
        ("01.02.2024", "bad date '01.02.2024'"),
        ("2024-1-1", "bad date '2024-1-1'"),
        ("", "bad date ''"),
        (20240101, "must be a date YYYY-MM-DD, not 20240101"),
        (True, "must be a date YYYY-MM-DD"),
        ([2024, 1, 1], "must be a date YYYY-MM-DD"),
    ],
)
def test_bad_dates_are_refused(book: Rulebook, value: Any, fragment: str) -> None:
    e = one_error(book, {"person.birth_date": value})
    assert fragment in e.message
    assert "person.birth_date" in e.message


def test_leap_day_is_a_date(book: Rulebook) -> None:
    assert validate_facts(book, {"person.birth_date": "2024-02-29"})["person.birth_date"] == D(2024, 2, 29)


def test_datetime_is_refused(book: Rulebook) -> None:
    e = one_error(book, {"person.birth_date": dt.datetime(2024, 1, 1, 12, 30)})
    assert "must be a date without time" in e.message
    e = one_error(book, {"person.birth_date": "2024-01-01T00:00:00"})
    assert "bad date" in e.message


@pytest.mark.parametrize("value", ["yes", "true", 1, 0, None])
def test_bool_needs_true_or_false(book: Rulebook, value: Any) -> None:
    e = one_error(book, {"person.documented": value})
    assert "person.documented" in e.message


@pytest.mark.parametrize("value", [True, "2", 2.0, None])
def test_int_needs_a_whole_number(book: Rulebook, value: Any) -> None:
    one_error(book, {"person.children": value})


def test_text_needs_text(book: Rulebook) -> None:
    e = one_error(book, {"person.region": 77})
    assert "must be text" in e.message


def test_null_only_where_nullable(book: Rulebook) -> None:
    e = one_error(book, {"person.birth_date": None})
    assert e.message == "'person.birth_date' cannot be null"
    assert validate_facts(book, {"event.on": None}) == {"event.on": None}


def test_facts_must_be_a_mapping(book: Rulebook) -> None:
    with pytest.raises(FactsError, match="must be a mapping"):
        validate_facts(book, ["person.sex"])  # type: ignore[arg-type]  # a list where a mapping is due


def test_several_bad_facts_are_reported_together(book: Rulebook) -> None:
    with pytest.raises(LawcodeErrors) as info:
        validate_facts(book, {"person.sex": "mael", "person.birth_date": "2024-13-01", "nosuch": 1,
                              "event.on": None, "person.documented": "yes"})
    errors = info.value.errors
    assert len(errors) == 4
    assert all(isinstance(e, FactsError) for e in errors)
    text = str(info.value)
    for fragment in ("person.sex", "2024-13-01", "nosuch", "person.documented"):
        assert fragment in text


def test_explain_checks_facts_too() -> None:
    bundled = lawcode.load()
    with pytest.raises(LawcodeError, match=r"unknown fact 'person\.birth_dat'"):
        bundled.explain("conscription.liable_by_age", {"person.birth_dat": "2000-01-01"}, on=D(2024, 1, 1))


# -- files -----------------------------------------------------------------------------------------
def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_yaml_facts_file(book: Rulebook, tmp_path: Path) -> None:
    path = write(tmp_path, "facts.yaml", "person.sex: male\nperson.birth_date: 2000-05-10\nevent.on: null\n")
    facts = validate_facts(book, read_facts_file(path), str(path))
    assert facts == {"person.sex": "male", "person.birth_date": D(2000, 5, 10), "event.on": None}


def test_json_facts_file(book: Rulebook, tmp_path: Path) -> None:
    doc = {"person.sex": "female", "person.birth_date": "2000-05-10", "event.on": None}
    path = write(tmp_path, "facts.json", json.dumps(doc))
    facts = validate_facts(book, read_facts_file(path), str(path))
    assert facts == {"person.sex": "female", "person.birth_date": D(2000, 5, 10), "event.on": None}


def test_bad_value_in_a_yaml_file_is_located_at_the_value(book: Rulebook, tmp_path: Path) -> None:
    path = write(tmp_path, "facts.yaml", "person.birth_date: 2000-05-10\nperson.sex: mael\n")
    with pytest.raises(FactsError) as info:
        validate_facts(book, read_facts_file(path), str(path))
    loc = info.value.location
    assert loc is not None
    assert (loc.file, loc.line, loc.column) == (str(path), 2, 13)
    assert "person.sex: mael" in str(info.value)


def test_unknown_fact_in_a_yaml_file_is_located_at_the_key(book: Rulebook, tmp_path: Path) -> None:
    path = write(tmp_path, "facts.yaml", "# facts\n\nperson.sexx: male\n")
    with pytest.raises(FactsError) as info:
        validate_facts(book, read_facts_file(path), str(path))
    loc = info.value.location
    assert loc is not None and (loc.line, loc.column) == (3, 1)
    assert "did you mean 'person.sex'" in (info.value.hint or "")


def test_bad_value_in_a_json_file_is_located(book: Rulebook, tmp_path: Path) -> None:
    path = write(tmp_path, "facts.json", '{\n  "person.sex": "male",\n  "person.birth_date": "2023-02-29"\n}\n')
    with pytest.raises(FactsError) as info:
        validate_facts(book, read_facts_file(path), str(path))
    loc = info.value.location
    assert loc is not None and loc.line == 3
    assert "2023 has no 29 February" in info.value.message


def test_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "facts.json", '{\n  "person.sex": "male",\n  "person.birth_date": 2000-05-10\n}\n')
    with pytest.raises(FactsError) as info:
        read_facts_file(path)
    e = info.value
    assert e.message.startswith("invalid JSON")
    assert e.location is not None
    assert (e.location.file, e.location.line, e.location.column) == (str(path), 3, 28)  # the "-" after 2000
    assert '"person.birth_date": 2000-05-10' in str(e)


def test_json_trailing_comma_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "facts.json", '{"person.sex": "male",}')
    with pytest.raises(FactsError, match="invalid JSON"):
        read_facts_file(path)


def test_yaml_syntax_error_is_located(tmp_path: Path) -> None:
    path = write(tmp_path, "facts.yaml", "person.sex: male\nperson.birth_date: [2000\n")
    with pytest.raises(FactsError) as info:
        read_facts_file(path)
    assert info.value.message.startswith("invalid YAML")
    assert info.value.location is not None and info.value.location.line is not None


def test_duplicate_fact_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "facts.yaml", "person.sex: male\nperson.sex: female\n")
    with pytest.raises(FactsError, match=r"duplicate key 'person\.sex'"):
        read_facts_file(path)


def test_python_tags_are_refused_in_facts(tmp_path: Path) -> None:
    path = write(tmp_path, "facts.yaml", "person.sex: !!python/object/apply:os.system ['echo pwned']\n")
    with pytest.raises(FactsError, match="invalid YAML"):
        read_facts_file(path)


def test_missing_facts_file(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match="facts file not found"):
        read_facts_file(tmp_path / "nope.yaml")


@pytest.mark.parametrize("name, text", [("facts.yaml", ""), ("facts.yaml", "# nothing known yet\n\n"),
                                        ("facts.json", ""), ("facts.json", " \n")])
def test_empty_facts_document_is_refused_with_the_way_to_say_no_facts(tmp_path: Path, name: str, text: str) -> None:
    with pytest.raises(FactsError) as info:
        read_facts_file(write(tmp_path, name, text))
    assert info.value.message == "the facts document is empty"
    assert info.value.hint == "write {} to say that no fact is known"
    assert read_facts_file(write(tmp_path, "no" + name, "{}")) == {}


def test_facts_document_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(FactsError, match="must be a mapping"):
        read_facts_file(write(tmp_path, "facts.yaml", "- person.sex\n"))
    with pytest.raises(FactsError, match="must be a mapping"):
        read_facts_file(write(tmp_path, "facts.json", "[1, 2]"))


def test_not_utf8_facts_file(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_bytes("person.sex: мужской\n".encode("cp1251"))
    with pytest.raises(FactsError) as info:
        read_facts_file(path)
    assert info.value.message == "not UTF-8 text: byte 0xec cannot be read"
    assert info.value.location is not None and (info.value.location.line, info.value.location.column) == (1, 13)


@pytest.mark.parametrize("text", ["person.birth_date: 2023-02-29\n", "person.birth_date: 2024-13-01\n"])
def test_unquoted_impossible_date_in_yaml_is_a_located_facts_error(book: Rulebook, tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "facts.yaml", text)
    with pytest.raises(FactsError) as info:
        validate_facts(book, read_facts_file(path), str(path))
    assert info.value.location is not None and info.value.location.line == 1


# -- bounded reading (issue 12) ---------------------------------------------------------------------
def located(e: LawcodeError) -> tuple[int | None, int | None]:
    assert e.location is not None
    return e.location.line, e.location.column


@pytest.mark.parametrize("value, line, fragment", [
    ("!!bool maybe", 2, "cannot be read as !!bool"),
    ("!!int x", 2, "cannot be read as !!int"),
    ("!!int", 2, "cannot be read as !!int"),
    ("!!float abc", 2, "cannot be read as !!float"),
    ("!!timestamp x", 2, "cannot be read as !!timestamp"),
    ("!!map [1]", 2, "cannot be read as !!map"),
    ("!!seq {a: 1}", 2, "cannot be read as !!seq"),
    ("9" * 5000, 2, "a number of 5,000 characters is too long"),
    ("[" * 300 + "]" * 300, 2, "nested deeper than 100 levels"),
    ("{a: " * 300 + "1" + "}" * 300, 2, "nested deeper than 100 levels"),
    ("x\x00y", 2, "the character U+0000 is not allowed"),
    ("x\x1b[31my", 2, "the character U+001B is not allowed"),
])
def test_what_the_yaml_reader_cannot_build_is_a_located_facts_error(tmp_path: Path, value: str, line: int,
                                                                    fragment: str) -> None:
    path = write(tmp_path, "facts.yaml", f"person.sex: male\nperson.children: {value}\n")
    with pytest.raises(FactsError) as info:
        read_facts_file(path)
    assert fragment in info.value.message
    assert located(info.value)[0] == line
    assert len(str(info.value)) < 1000 and "\x1b" not in str(info.value) and "\x00" not in str(info.value)


def test_an_alias_bomb_is_refused_at_its_largest_anchor(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = write(tmp_path, "facts.yaml", "\n".join([*lines, "person.sex: *a9"]) + "\n")
    with pytest.raises(FactsError) as info:
        read_facts_file(path)
    assert "aliases repeat the value anchored here" in info.value.message
    assert located(info.value) == (10, 5)


def test_a_small_alias_is_read(book: Rulebook, tmp_path: Path) -> None:
    path = write(tmp_path, "facts.yaml", "person.birth_date: &day 2000-05-10\nevent.on: *day\n")
    assert validate_facts(book, read_facts_file(path)) == {"person.birth_date": D(2000, 5, 10),
                                                          "event.on": D(2000, 5, 10)}


def test_a_facts_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "facts.yaml", "person.region: " + "x" * 200 + "\n")
    monkeypatch.setenv("LAWCODE_MAX_FACTS_BYTES", "100")
    with pytest.raises(FactsError) as info:
        read_facts_file(path)
    assert "over the limit of 100 bytes" in info.value.message and "LAWCODE_MAX_FACTS_BYTES" in (info.value.hint or "")
    monkeypatch.setenv("LAWCODE_MAX_FACTS_BYTES", "1000")
    assert read_facts_file(path)["person.region"] == "x" * 200


def test_special_files_are_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "facts.yaml"
    os.mkfifo(fifo)
    with pytest.raises(FactsError, match="named pipe"):
        read_facts_file(fifo)
    with pytest.raises(FactsError, match="a device"):
        read_facts_file("/dev/zero")


def test_json_is_read_once_by_a_json_parser(book: Rulebook, tmp_path: Path) -> None:
    text = '\ufeff{"person.sex"\n: "male", "person.region": "\\ud83d\\ude00"}'
    facts = validate_facts(book, read_facts_file(write(tmp_path, "facts.json", text)))
    assert facts == {"person.sex": "male", "person.region": "\U0001f600"}


@pytest.mark.parametrize("text, line, fragment", [
    ('{"person.sex": "male",\n "person.sex": "female"}', 2, "duplicate key 'person.sex' (first written on line 1)"),
    ('{"person.sex": {"a": 1, "a": 2}}', 1, "duplicate key 'a'"),
    ('{"person.sex": ' + "[" * 100_000 + "]" * 100_000 + "}", 1, "nested deeper than 100 levels"),
    ('{"person.children":\n ' + "9" * 5000 + "}", 2, "a number of 5,000 characters is too long"),
    ('{"person.sex": "male",}', 1, "invalid JSON"),
])
def test_json_problems_are_located(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    for read in (lambda: read_facts_file(write(tmp_path, "facts.json", text)),
                 lambda: read_facts_stream(io.BytesIO(text.encode()))):
        with pytest.raises(FactsError) as info:
            read()
        assert fragment in info.value.message
        assert located(info.value)[0] == line
        assert len(str(info.value)) < 1000


def test_standard_input_is_located_and_bounded(book: Rulebook, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = read_facts_stream(io.BytesIO(b'{"person.birth_date": "2000-05-10",\n "person.sex": "mael"}'))
    with pytest.raises(FactsError) as info:
        validate_facts(book, facts)
    assert str(info.value).startswith("<stdin>:2:16: 'person.sex' cannot be 'mael'")
    with pytest.raises(FactsError, match="the facts document is empty"):
        read_facts_stream(io.BytesIO(b""))
    monkeypatch.setenv("LAWCODE_MAX_FACTS_BYTES", "10")
    with pytest.raises(FactsError, match="standard input is over the limit of 10 bytes"):
        read_facts_stream(io.BytesIO(b'{"person.sex": "male"}'))


def test_many_unknown_facts_give_a_bounded_message_at_once(book: Rulebook) -> None:
    with pytest.raises(LawcodeErrors) as info:
        validate_facts(book, {f"x.f{i}": 1 for i in range(100_000)})
    errors = info.value.errors
    assert len(errors) == 11 and errors[-1].message == "and 99,990 more problems with the facts"
    assert sum("known facts:" in (e.hint or "") for e in errors) == 1  # the list is given once
    assert len(str(info.value)) < 2000


def test_hints_list_at_most_ten_known_facts() -> None:
    bundled = lawcode.load()
    e = one_error(bundled.data, {"zzzzzz": 1})
    assert e.hint is not None and e.hint.count(",") <= 9 and "more" in e.hint


@pytest.mark.parametrize("fact, value, fragment", [
    ("person.sex", "y" * 1_000_000, "(1,000,000 characters)"),
    ("person.sex", 10**5000, "an integer of about 5,001 digits"),
    ("person.children", 10**5000, "out of range"),
    ("person.children", 1 << 63, "out of range"),
    ("person.birth_date", "x" * 1_000_000, "bad date 'xxxx"),
    ("person.documented", [[[[[[1]]]]]] * 1000, "["),
], ids=["1MB-enum", "5000-digits-enum", "5000-digits-int", "2**63-int", "1MB-date", "deep-list"])
def test_bad_values_are_quoted_bounded(book: Rulebook, fact: str, value: Any, fragment: str) -> None:
    e = one_error(book, {fact: value})
    assert fragment in e.message and len(str(e)) < 400


def test_an_aliased_value_is_quoted_bounded(book: Rulebook) -> None:
    value: list[Any] = ["lol"] * 9
    for _ in range(9):
        value = [value] * 9  # 9**9 strings, as YAML aliases build them
    e = one_error(book, {"person.sex": value})
    assert len(str(e)) < 400
