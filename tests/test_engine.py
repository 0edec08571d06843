"""The interpreter: versions in force, unknown versus null, combining cases, rules reading rules, decisions."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

import lawcode
from lawcode.engine.trace import reason_code
from lawcode.errors import ConflictError, UnknownQuestionError, UsageError
from lawcode.rulebook.model import Rulebook

D = dt.date

ACTS = """\
acts:
  A-1:
    number: А-1
    date: 2000-01-01
    title: {en: Act one, ru: Акт первый}
    url: https://example.org/a-1
  B-2:
    number: Б-2
    date: 2020-01-01
    title: {en: Act two, ru: Акт второй}
    url: https://example.org/b-2
"""
FACTS = """\
facts:
  person.sex:
    type: enum
    values:
      male: {en: male, ru: мужской}
      female: {en: female, ru: женский}
    meaning: {en: sex, ru: пол}
  person.documented:
    type: bool
    meaning: {en: documented, ru: подтверждено}
  event.on:
    type: date
    nullable: true
    meaning: {en: day of the event, ru: день события}
  other.on:
    type: date
    nullable: true
    meaning: {en: day of the other event, ru: день другого события}
  third.on:
    type: date
    nullable: true
    meaning: {en: day of the third event, ru: день третьего события}
"""


def make_book(tmp_path: Path, rules: str, facts: str = FACTS, acts: str = ACTS) -> Rulebook:
    """Write a small rulebook (acts, facts, one rule file) and load it."""
    (tmp_path / "acts.yaml").write_text(acts, encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(facts, encoding="utf-8")
    (tmp_path / "rules.yaml").write_text("rules:\n" + textwrap.indent(textwrap.dedent(rules), "  "), encoding="utf-8")
    return lawcode.load(tmp_path)


def case(cid: str, value: str, when: str | None = None, since: str = "2000-01-01", until: str | None = None,
         act: str = "A-1", article: str = "1") -> str:
    period = f"{{from: {since}" + (f", until: {until}}}" if until else "}")
    lines = [f"  - id: {cid}"]
    if when is not None:
        lines.append(f"    when: '{when}'")
    lines += [f"    value: '{value}'", f'    cite: {{act: {act}, article: "{article}"}}', f"    in_force: {period}",
              f"    explain: {{en: 'case {cid} ({{value}})', ru: 'случай {cid} ({{value}})'}}"]
    return "\n".join("  " + line for line in lines) + "\n"


def rule(name: str, typ: str, cases: list[str], combine: str = "unique", extra: str = "") -> str:
    head = f"{name}:\n  type: {typ}\n  title: {{en: {name}, ru: {name}}}\n  combine: {combine}\n"
    return head + textwrap.indent(textwrap.dedent(extra), "  ") + "  cases:\n" + "".join(cases)


def rejected(d: Any) -> dict[str, str]:
    return {r.case.id: reason_code(r.reason) for r in d.trace.rejected}


# -- versions in force -----------------------------------------------------------------------------
VERSIONED = rule("limit", "int", [
    case("old", "27", until="2019-12-31"),
    case("new", "30", since="2020-01-01", act="B-2"),
])


@pytest.mark.parametrize(
    "on, value, winner, loser",
    [
        (D(2019, 12, 31), 27, "old", "new"),  # last day of the old version (until is inclusive)
        (D(2020, 1, 1), 30, "new", "old"),  # first day of the new one
        (D(2005, 6, 1), 27, "old", "new"),
    ],
)
def test_version_in_force_on_the_question_date(tmp_path: Path, on: dt.date, value: int, winner: str,
                                               loser: str) -> None:
    book = make_book(tmp_path, VERSIONED)
    d = book.explain("limit", {}, on=on)
    assert (d.status, d.value) == ("decided", value)
    assert [a.case.id for a in d.trace.applied] == [winner]
    assert rejected(d) == {loser: "not_in_force"}


def test_before_any_version_nothing_applies(tmp_path: Path) -> None:
    d = make_book(tmp_path, VERSIONED).explain("limit", {}, on=D(1999, 1, 1))
    assert d.status == "decided" and d.value is None
    assert d.trace.note == "no_case"
    assert rejected(d) == {"old": "not_in_force", "new": "not_in_force"}


DECIDED_ON = rule("limit", "int", [
    case("old", "27", until="2019-12-31"),
    case("new", "30", since="2020-01-01"),
], extra="decided_on: event.on\n")


def test_decided_on_selects_the_version_by_the_event_date(tmp_path: Path) -> None:
    book = make_book(tmp_path, DECIDED_ON)
    d = book.explain("limit", {"event.on": "2019-06-01"}, on=D(2024, 1, 1))
    assert d.value == 27
    assert d.trace.decided_on == D(2019, 6, 1)
    doc = d.to_dict()
    assert doc["nodes"][doc["answer"]]["decided_on"] == "2019-06-01"
    assert book.explain("limit", {"event.on": "2020-06-01"}, on=D(2019, 1, 1)).value == 30


def test_decided_on_unknown_makes_the_decision_undetermined(tmp_path: Path) -> None:
    d = make_book(tmp_path, DECIDED_ON).explain("limit", {}, on=D(2024, 1, 1))
    assert d.status == "undetermined"
    assert d.missing == ("event.on",)
    assert d.trace.note == "relevant_date_unknown"


def test_decided_on_null_falls_back_to_the_question_date(tmp_path: Path) -> None:
    d = make_book(tmp_path, DECIDED_ON).explain("limit", {"event.on": None}, on=D(2024, 1, 1))
    assert (d.status, d.value) == ("decided", 30)
    assert d.trace.note == "relevant_date_null"
    assert d.trace.decided_on == D(2024, 1, 1)


# -- unknown (absent) versus null ------------------------------------------------------------------
HAPPENED = rule("event.happened", "bool", [case("main", "happened(event.on)")])


def test_absent_fact_is_unknown(tmp_path: Path) -> None:
    d = make_book(tmp_path, HAPPENED).explain("event.happened", {}, on=D(2024, 1, 1))
    assert d.status == "undetermined" and not d.decided
    assert d.value is None
    assert d.missing == ("event.on",)
    assert d.to_dict()["missing"] == ["event.on"]


def test_null_fact_is_known_not_to_have_happened(tmp_path: Path) -> None:
    d = make_book(tmp_path, HAPPENED).explain("event.happened", {"event.on": None}, on=D(2024, 1, 1))
    assert (d.status, d.value, d.missing) == ("decided", False, ())
    assert d.trace.applied[0].inputs == {"event.on": None}


def test_missing_lists_every_fact_that_could_change_the_answer(tmp_path: Path) -> None:
    book = make_book(tmp_path, rule("r", "bool", [
        case("a", "true", when='person.sex == "male" and person.documented'),
        case("b", "false", when="happened(event.on)"),
    ], combine="first"))
    d = book.explain("r", {}, on=D(2024, 1, 1))
    assert d.status == "undetermined"
    # both facts of case a are needed: if sex turns out male, documented decides
    assert set(d.missing) == {"person.sex", "person.documented", "event.on"}
    d = book.explain("r", {"person.sex": "female"}, on=D(2024, 1, 1))
    assert d.missing == ("event.on",)  # case a is false whatever person.documented
    d = book.explain("r", {"person.sex": "female", "event.on": "2024-01-01"}, on=D(2024, 1, 1))
    assert (d.status, d.value) == ("decided", False)


# -- combine: first --------------------------------------------------------------------------------
def first_rule(pending_value: str) -> str:
    return rule("r", "bool", [
        case("pending", pending_value, when="person.documented"),
        case("sure", "true", when='person.sex == "male"'),
        case("later", "false"),
    ], combine="first")


def test_first_applicable_case_wins_and_later_ones_are_superseded(tmp_path: Path) -> None:
    d = make_book(tmp_path, first_rule("false")).explain(
        "r", {"person.documented": False, "person.sex": "male"}, on=D(2024, 1, 1))
    assert (d.status, d.value) == ("decided", True)
    assert rejected(d) == {"pending": "condition_false", "later": "superseded"}


def test_first_with_a_pending_earlier_case_that_agrees_is_decided(tmp_path: Path) -> None:
    d = make_book(tmp_path, first_rule("true")).explain("r", {"person.sex": "male"}, on=D(2024, 1, 1))
    assert (d.status, d.value) == ("decided", True)
    assert d.missing == ()
    assert rejected(d)["pending"] == "same_value"
    assert [a.case.id for a in d.trace.applied] == ["sure"]


def test_first_with_a_pending_earlier_case_that_disagrees_is_undetermined(tmp_path: Path) -> None:
    d = make_book(tmp_path, first_rule("false")).explain("r", {"person.sex": "male"}, on=D(2024, 1, 1))
    assert d.status == "undetermined"
    assert d.missing == ("person.documented",)
    assert rejected(d)["pending"] == "undetermined"


# -- combine: unique -------------------------------------------------------------------------------
UNIQUE = rule("r", "bool", [
    case("man", "true", when='person.sex == "male"'),
    case("documented", "false", when="person.documented"),
])


def test_unique_with_one_applicable_case(tmp_path: Path) -> None:
    d = make_book(tmp_path, UNIQUE).explain("r", {"person.sex": "male", "person.documented": False},
                                            on=D(2024, 1, 1))
    assert (d.status, d.value) == ("decided", True)
    assert rejected(d) == {"documented": "condition_false"}


def test_unique_conflict_names_both_cases(tmp_path: Path) -> None:
    book = make_book(tmp_path, UNIQUE)
    with pytest.raises(ConflictError) as info:
        book.explain("r", {"person.sex": "male", "person.documented": True}, on=D(2024, 1, 1))
    message = info.value.message
    assert "'man'" in message and "'documented'" in message and "'r'" in message
    assert "combine: first" in (info.value.hint or "")
    assert info.value.location is not None and info.value.location.line is not None


def test_unique_with_a_pending_case_that_may_conflict_is_undetermined(tmp_path: Path) -> None:
    d = make_book(tmp_path, UNIQUE).explain("r", {"person.sex": "male"}, on=D(2024, 1, 1))
    assert d.status == "undetermined"
    assert d.missing == ("person.documented",)


# -- combine: earliest / latest --------------------------------------------------------------------
def dates_rule(combine: str) -> str:
    return rule("when", "date", [
        case("event", "event.on", when="happened(event.on)"),
        case("other", "other.on", when="happened(other.on)"),
        case("third", "third.on + days(1)", when="happened(third.on)"),
    ], combine=combine)


@pytest.mark.parametrize(
    "combine, facts, value, winner, reasons",
    [
        ("earliest", {"event.on": "2024-03-01", "other.on": "2024-02-01", "third.on": None}, D(2024, 2, 1), "other",
         {"event": "not_earliest", "third": "condition_false"}),
        ("latest", {"event.on": "2024-03-01", "other.on": "2024-02-01", "third.on": "2024-03-01"}, D(2024, 3, 2),
         "third", {"event": "not_latest", "other": "not_latest"}),
        ("earliest", {"event.on": "2024-03-01", "other.on": None, "third.on": "2024-03-05"}, D(2024, 3, 1), "event",
         {"other": "condition_false", "third": "not_earliest"}),
    ],
)
def test_earliest_and_latest(tmp_path: Path, combine: str, facts: dict[str, Any], value: dt.date, winner: str,
                             reasons: dict[str, str]) -> None:
    d = make_book(tmp_path, dates_rule(combine)).explain("when", facts, on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", value)
    assert [a.case.id for a in d.trace.applied] == [winner]
    assert rejected(d) == reasons


def test_earliest_with_an_unknown_date_that_could_be_earlier_is_undetermined(tmp_path: Path) -> None:
    d = make_book(tmp_path, dates_rule("earliest")).explain(
        "when", {"event.on": "2024-03-01", "other.on": None}, on=D(2024, 5, 1))
    assert d.status == "undetermined"
    assert d.missing == ("third.on",)


def test_earliest_when_nothing_happened_is_null(tmp_path: Path) -> None:
    d = make_book(tmp_path, dates_rule("earliest")).explain(
        "when", {"event.on": None, "other.on": None, "third.on": None}, on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", None)
    assert d.to_dict()["value"] is None


def test_earliest_with_a_pending_condition_whose_date_is_later_is_decided(tmp_path: Path) -> None:
    book = make_book(tmp_path, rule("when", "date", [
        case("known-date", "event.on", when="happened(event.on)"),
        case("maybe-later", 'date("2024-12-31")', when="person.documented"),
    ], combine="earliest"))
    d = book.explain("when", {"event.on": "2024-03-01"}, on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", D(2024, 3, 1))
    assert rejected(d) == {"maybe-later": "not_earliest"}
    assert d.missing == ()
    d = book.explain("when", {"event.on": "2025-03-01"}, on=D(2024, 5, 1))
    assert d.status == "undetermined"  # the pending case would now win
    assert d.missing == ("person.documented",)


# -- combine: all ----------------------------------------------------------------------------------
ALL = rule("measures", "list", [
    case("ban", '["exit_ban"]', when="happened(event.on)"),
    case("credit", '["credit", "exit_ban"]', when="happened(other.on)"),
    case("driving", '["driving"]', when="person.documented"),
], combine="all")


def test_all_joins_the_values_of_every_applicable_case(tmp_path: Path) -> None:
    d = make_book(tmp_path, ALL).explain(
        "measures", {"event.on": "2024-01-01", "other.on": "2024-01-02", "person.documented": False},
        on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", ["exit_ban", "credit"])
    assert [a.case.id for a in d.trace.applied] == ["ban", "credit"]


def test_all_with_nothing_applicable_is_an_empty_list(tmp_path: Path) -> None:
    d = make_book(tmp_path, ALL).explain(
        "measures", {"event.on": None, "other.on": None, "person.documented": False}, on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", [])
    assert d.to_dict()["value"] == []


def test_all_with_a_pending_case_is_undetermined(tmp_path: Path) -> None:
    d = make_book(tmp_path, ALL).explain("measures", {"event.on": "2024-01-01", "other.on": None}, on=D(2024, 5, 1))
    assert d.status == "undetermined"
    assert d.missing == ("person.documented",)


# -- default ---------------------------------------------------------------------------------------
def test_default_case_applies_when_no_other_does(tmp_path: Path) -> None:
    book = make_book(tmp_path, rule("r", "bool", [case("man", "true", when='person.sex == "male"')], extra="""\
        default:
          value: false
          cite: {act: B-2, article: "9"}
          in_force: {from: 2000-01-01}
          explain: {en: nothing else applies, ru: иное не применяется}
        """))
    d = book.explain("r", {"person.sex": "female"}, on=D(2024, 1, 1))
    assert (d.status, d.value) == ("decided", False)
    assert [a.case.id for a in d.trace.applied] == ["default"]
    assert d.citations == ("B-2 art. 9",)
    d = book.explain("r", {"person.sex": "male"}, on=D(2024, 1, 1))
    assert (d.value, d.citations) == (True, ("A-1 art. 1",))
    assert book.explain("r", {}, on=D(2024, 1, 1)).status == "undetermined"


# -- rules reading rules ---------------------------------------------------------------------------
CHAIN = (
    rule("deadline", "date", [case("week", "event.on + days(7)", when="happened(event.on)", article="2")],
         combine="earliest")
    + rule("late", "bool", [case("past", "happened(deadline) and on > deadline", act="B-2", article="5")])
)


def test_rule_reading_a_rule_cites_both_and_nests_the_trace(tmp_path: Path) -> None:
    d = make_book(tmp_path, CHAIN).explain("late", {"event.on": "2024-04-01"}, on=D(2024, 4, 15))
    assert (d.status, d.value) == ("decided", True)
    assert d.citations == ("B-2 art. 5", "A-1 art. 2")
    doc = d.to_dict()
    assert doc["citations"] == ["B-2 art. 5", "A-1 art. 2"]
    node = doc["nodes"][doc["answer"]]
    assert node["uses"] == ["deadline"]
    because = doc["nodes"]["deadline"]
    assert because["value"] == "2024-04-08"
    assert because["facts"] == {"event.on": "2024-04-01"}
    assert node["facts"] == {}


def test_undetermined_child_makes_the_parent_undetermined(tmp_path: Path) -> None:
    d = make_book(tmp_path, CHAIN).explain("late", {}, on=D(2024, 4, 15))
    assert d.status == "undetermined"
    assert d.missing == ("event.on",)


def test_child_decided_null_is_used_as_null(tmp_path: Path) -> None:
    d = make_book(tmp_path, CHAIN).explain("late", {"event.on": None}, on=D(2024, 4, 15))
    assert (d.status, d.value) == ("decided", False)


# -- the decision document -------------------------------------------------------------------------
def test_decision_json_shape(tmp_path: Path) -> None:
    d = make_book(tmp_path, CHAIN).explain("late", {"event.on": "2024-04-01"}, on=D(2024, 4, 15), lang="ru")
    doc = json.loads(d.to_json())
    assert doc == d.to_dict()
    for key in ("format", "rulebook", "question", "on", "lang", "status", "value", "missing", "citations",
                "unverified", "answer", "nodes", "text"):
        assert key in doc, key
    assert doc["format"] == "lawcode.decision/2"
    assert set(doc["rulebook"]) >= {"version", "sha256"}
    assert len(doc["rulebook"]["sha256"]) == 64
    assert (doc["question"], doc["on"], doc["lang"], doc["status"], doc["value"]) == (
        "late", "2024-04-15", "ru", "decided", True)
    assert doc["answer"] == "late" and set(doc["nodes"]) == {"late", "deadline"}
    for key in ("rule", "case", "cite", "text", "facts", "counts", "uses", "rejected"):
        assert key in doc["nodes"]["late"], key
    assert doc["nodes"]["late"]["rule"] == "late"
    assert doc["nodes"]["late"]["case"] == "past"
    assert doc["text"] == str(d)
    assert "15 апреля 2024 г." in doc["text"]


def test_decision_in_another_language(tmp_path: Path) -> None:
    d = make_book(tmp_path, CHAIN).explain("late", {"event.on": "2024-04-01"}, on=D(2024, 4, 15))
    assert "15 April 2024" in str(d)
    ru = d.in_language("ru")
    assert ru.value == d.value and ru.lang == "ru"
    assert "15 апреля 2024 г." in str(ru)
    assert d.to_markdown().startswith("## ")


def test_sha256_changes_with_the_rules(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert make_book(tmp_path / "a", VERSIONED).sha256 != make_book(tmp_path / "b", UNIQUE).sha256


def test_sha256_identifies_the_rules_not_where_they_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    b, c = make_book(tmp_path / "b", UNIQUE), make_book(tmp_path / "c", UNIQUE)
    monkeypatch.chdir(tmp_path)
    b_from_elsewhere = lawcode.load(tmp_path / "b")
    assert b.sha256 == b_from_elsewhere.sha256
    assert b.sha256 == c.sha256


def test_unknown_question_suggests_the_closest(tmp_path: Path) -> None:
    book = make_book(tmp_path, CHAIN)
    with pytest.raises(UnknownQuestionError) as info:
        book.explain("lat", {}, on=D(2024, 1, 1))
    assert "did you mean 'late'" in (info.value.hint or "")


def test_unknown_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        make_book(tmp_path, CHAIN).explain("late", {}, on=D(2024, 1, 1), lang="de")


def test_question_date_defaults_to_today(tmp_path: Path) -> None:
    d = make_book(tmp_path, HAPPENED).explain("event.happened", {"event.on": None})
    assert d.on == dt.date.today()


# -- the bundled rules -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundled() -> Rulebook:
    return lawcode.load()


def test_bundled_rules_load(bundled: Rulebook) -> None:
    assert "conscription.liable_by_age" in bundled.rules
    assert bundled.facts and bundled.acts
    assert set(bundled.data.order) == set(bundled.rules)


@pytest.mark.parametrize("on", [D(2019, 1, 1), D(2023, 6, 1), D(2024, 4, 15), D(2026, 1, 1)])
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_bundled_rule_explains_on_empty_facts(bundled: Rulebook, on: dt.date, lang: str) -> None:
    for name in sorted(bundled.rules):
        d = bundled.explain(name, {}, on=on, lang=lang)
        assert d.status in ("decided", "undetermined"), name
        if d.status == "undetermined":
            assert d.missing, name
            assert set(d.missing) <= set(bundled.facts), name
        json.loads(d.to_json())
        assert str(d)


def test_bundled_liability_by_age(bundled: Rulebook) -> None:
    facts = {"person.sex": "male", "person.birth_date": "1996-06-01"}
    before = bundled.explain("conscription.liable_by_age", facts, on=D(2023, 6, 1))
    assert (before.status, before.value) == ("decided", False)  # 27 on 1 June 2023, under the old limit
    facts = {"person.sex": "male", "person.birth_date": "1997-06-01"}
    after = bundled.explain("conscription.liable_by_age", facts, on=D(2024, 4, 15))
    assert after.decided
    assert any("439-FZ" in c for c in after.citations)
    women = bundled.explain("conscription.liable_by_age", {"person.sex": "female"}, on=D(2024, 4, 15))
    assert (women.status, women.value) == ("decided", False)


def test_module_level_explain_uses_the_bundled_rules() -> None:
    d = lawcode.explain("conscription.liable_by_age", {"person.sex": "female"}, on=D(2024, 4, 15), lang="ru")
    assert d.value is False and d.lang == "ru"


UNVERIFIED_COMBINATION = """\
status: unverified
note: {en: 'that the earliest counts is a reading', ru: 'что действует самый ранний, — прочтение'}
"""


def test_an_unverified_combination_flags_only_answers_it_decided(tmp_path: Path) -> None:
    book = make_book(tmp_path, rule("when", "date", [
        case("event", "event.on", when="happened(event.on)"),
        case("other", "other.on", when="happened(other.on)"),
    ], combine="earliest", extra=UNVERIFIED_COMBINATION))
    both = book.explain("when", {"event.on": "2024-03-01", "other.on": "2024-02-01"}, on=D(2024, 5, 1))
    assert [(rule, c.id) for rule, c in both.trace.unverified] == [("when", "combine-earliest")]
    assert both.to_dict()["unverified"] == [{"rule": "when", "case": "combine-earliest",
                                             "note": "that the earliest counts is a reading"}]
    assert "that the earliest counts is a reading" in str(both)
    alone = book.explain("when", {"event.on": "2024-03-01", "other.on": None}, on=D(2024, 5, 1))
    assert alone.value == D(2024, 3, 1) and alone.trace.unverified == ()


def test_an_unverified_combination_needs_a_note(tmp_path: Path) -> None:
    with pytest.raises(lawcode.LawcodeErrors) as info:
        make_book(tmp_path, rule("when", "date", [case("event", "event.on")], combine="earliest",
                                 extra="status: unverified\n"))
    assert "an unverified rule needs a note" in str(info.value)


# -- depth ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("length", [250, 1500])
def test_a_long_chain_of_rules_reading_rules_is_answered(tmp_path: Path, length: int) -> None:
    rules = [rule(f"r{i}", "bool", [case("next", f"r{i + 1}")]) for i in range(length - 1)]
    rules.append(rule(f"r{length - 1}", "bool", [case("last", "happened(event.on)")]))
    book = make_book(tmp_path, "".join(rules))
    assert book.decide("r0", {"event.on": "2024-01-01"}, on=D(2024, 5, 1)).value is True
    d = book.explain("r0", {"event.on": None}, on=D(2024, 5, 1))
    assert (d.value, d.status) == (False, "decided")
    assert len(d.citations) == 1  # every rule cites A-1 art. 1
    assert len(d.to_dict()["nodes"]) == length
    undetermined = book.decide("r0", {}, on=D(2024, 5, 1))
    assert (undetermined.status, undetermined.missing) == ("undetermined", ("event.on",))


SETTLED = rule("r", "bool", [
    case("first", "true", when="not happened(event.on)"),
    case("later", "true", when="event.on < other.on"),  # other.on null: ordering a null is an error
], combine="first")


def test_under_first_a_later_case_cannot_make_a_settled_answer_fail(tmp_path: Path) -> None:
    book = make_book(tmp_path, SETTLED)
    facts = {"event.on": None, "other.on": None}
    assert book.decide("r", facts, on=D(2024, 1, 1)).value is True
    d = book.explain("r", facts, on=D(2024, 1, 1))
    assert d.value is True and d.trace.value is True
    assert rejected(d)["later"] == "superseded"
    assert "an earlier case applies (first)" in str(d)
    with pytest.raises(lawcode.LawcodeError, match="cannot order a null value"):  # not settled: the error stands
        book.decide("r", {"event.on": "2024-01-01", "other.on": None}, on=D(2024, 1, 1))
