"""Rule files without repetition: named provisions, default periods, act dates, bare codes, timeline.yaml."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

import lawcode
from lawcode.errors import LawcodeError

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
    in_force_from: 2020-06-01
    title: {en: Act two, ru: Акт второй}
    url: https://example.org/b-2
provisions:
  a1-art-1:
    act: A-1
    article: "1"
    amended_by: [B-2]
    note: {en: the paragraph is unverified, ru: пункт не установлен}
  a1-art-2-reading:
    act: A-1
    article: "2"
    status: unverified
    note: {en: our reading of article 2, ru: наше прочтение статьи 2}
"""
FACTS = """\
facts:
  event.on:
    type: date
    nullable: true
    meaning: {en: day of the event, ru: день события}
"""


def book_of(tmp_path: Path, rules: str, acts: str = ACTS, extra: dict[str, str] | None = None) -> lawcode.Rulebook:
    (tmp_path / "acts.yaml").write_text(acts, encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "r.yaml").write_text("rules:\n" + textwrap.indent(textwrap.dedent(rules), "  "), encoding="utf-8")
    for name, text in (extra or {}).items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return lawcode.load(tmp_path)


def test_a_case_cites_a_named_provision_and_is_in_force_from_its_wording(tmp_path: Path) -> None:
    book = book_of(tmp_path, """\
        r.x:
          type: bool
          title: {en: X, ru: Икс}
          cases:
            - id: new
              value: true
              cite: a1-art-1
              explain: {en: new wording, ru: новая редакция}
        """)
    case = book.rules["r.x"].cases[0]
    assert case.in_force.start == D(2020, 6, 1)  # B-2 amends A-1 art. 1 from its entry into force
    assert not case.in_force_given and not case.unverified
    assert case.cite[0].id == "a1-art-1" and case.cite[0].note is not None
    assert book.explain("r.x", {}, on=D(2020, 5, 31)).value is None  # not yet in force
    assert book.explain("r.x", {}, on=D(2020, 6, 1)).citations == ("A-1 art. 1 (as amended by B-2 of 01.01.2020)",)


def test_an_unverified_provision_flags_every_case_citing_it(tmp_path: Path) -> None:
    book = book_of(tmp_path, """\
        r.x:
          type: bool
          title: {en: X, ru: Икс}
          cases:
            - id: read
              value: true
              cite: [a1-art-2-reading]
              explain: {en: read, ru: прочитано}
        """)
    d = book.explain("r.x", {}, on=D(2024, 1, 1))
    [(rule, case)] = d.unverified
    assert (rule, case.id) == ("r.x", "read")
    assert case.note is not None and case.note.en == "our reading of article 2"


def test_an_unknown_provision_is_a_located_error_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(LawcodeError) as info:
        book_of(tmp_path, """\
            r.x:
              type: bool
              title: {en: X, ru: Икс}
              cases:
                - id: c
                  value: true
                  cite: a1-art-l
                  explain: {en: c, ru: c}
            """)
    assert "r.yaml:8:" in str(info.value) and "unknown provision 'a1-art-l'" in str(info.value)
    assert "did you mean 'a1-art-1'" in str(info.value)
    assert "lacks 'from'" not in str(info.value)  # no second problem from the first


def test_act_dates_and_bare_codes_in_expressions(tmp_path: Path) -> None:
    book = book_of(tmp_path, """\
        r.kind:
          type: enum
          title: {en: Kind, ru: Вид}
          combine: first
          values:
            late: {en: late, ru: поздно}
            early: {en: early, ru: рано}
          cases:
            - id: late
              when: event.on >= in_force_of("B-2")
              value: late
              cite: {act: A-1, article: "3"}
              explain: {en: late, ru: поздно}
            - id: early
              value: early
              cite: {act: A-1, article: "3"}
              explain: {en: early, ru: рано}
        """)
    assert book.decide("r.kind", {"event.on": "2020-06-01"}, on=D(2024, 1, 1)).value == "late"
    assert book.decide("r.kind", {"event.on": "2020-05-31"}, on=D(2024, 1, 1)).value == "early"


def test_in_force_of_an_unknown_act_is_a_located_error(tmp_path: Path) -> None:
    with pytest.raises(LawcodeError) as info:
        book_of(tmp_path, """\
            r.x:
              type: bool
              title: {en: X, ru: Икс}
              cases:
                - id: c
                  value: on >= in_force_of("B-3")
                  cite: {act: A-1, article: "1"}
                  explain: {en: c, ru: c}
            """)
    assert "unknown act 'B-3'" in str(info.value) and "did you mean 'B-2'" in str(info.value)


TIMELINE_RULE = """\
    r.day:
      type: date
      title: {en: Day, ru: День}
      cases:
        - id: seven
          value: event.on + days(7)
          cite: {act: A-1, article: "1"}
          explain: {en: seven days later, ru: семь дней спустя}
    """


def test_timeline_yaml_declares_the_events_in_order(tmp_path: Path) -> None:
    timeline = """\
timeline:
  - event: later
    rule: r.day
    label: {en: Seven days later, ru: Через семь дней}
  - event: happened
    fact: event.on
    label: {en: The event, ru: Событие}
"""
    book = book_of(tmp_path, TIMELINE_RULE, extra={"timeline.yaml": timeline})
    tl = lawcode.timeline(book, {"event.on": "2024-01-01"}, on=D(2024, 2, 1), lang="ru")
    assert [(e.date, e.event, e.label) for e in tl.events] == [
        (D(2024, 1, 1), "happened", "Событие"), (D(2024, 1, 8), "later", "Через семь дней")]


@pytest.mark.parametrize(("entry", "message"), [
    ("  - {event: x, rule: r.nope, label: {en: X, ru: Х}}", "unknown rule 'r.nope'"),
    ("  - {event: x, label: {en: X, ru: Х}}", "names one fact or one rule"),
    ("  - {event: x, rule: r.day}", "lacks 'label'"),
    ("  - {event: x, fact: event.on, label: {en: X}}", "lacks 'ru'"),
])
def test_timeline_yaml_mistakes_are_located(tmp_path: Path, entry: str, message: str) -> None:
    with pytest.raises(LawcodeError) as info:
        book_of(tmp_path, TIMELINE_RULE, extra={"timeline.yaml": "timeline:\n" + entry + "\n"})
    assert "timeline.yaml:2" in str(info.value) and message in str(info.value)


# -- the bundled rule files use it all ----------------------------------------------------------------
ROOT = Path(__file__).resolve().parent.parent


def _anchor_exists(see: str) -> bool:
    page, _, anchor = see.partition("#")
    path = ROOT / page
    return path.is_file() and (not anchor or f'<a id="{anchor}"></a>' in path.read_text(encoding="utf-8"))


def test_bundled_cases_say_in_words_when_they_do_not_apply() -> None:
    missing = [f"{r.name} / {c.id}" for r in lawcode.load().rules.values() for c in r.all_cases()
               if c.when is not None and not (c.does_not_apply and c.does_not_apply.en and c.does_not_apply.ru)]
    assert missing == [], "cases with a condition but no does_not_apply: " + ", ".join(missing)


def test_bundled_see_links_point_at_existing_law_notes() -> None:
    book = lawcode.load()
    sees = [(r.name, r.see) for r in book.rules.values()]
    sees += [(f"{r.name} / {c.id}", c.see) for r in book.rules.values() for c in r.all_cases() if c.see]
    sees += [(f"provision {pid}", p.see) for pid, p in book.data.provisions.items() if p.see]
    assert all(see for _, see in sees[:len(book.rules)]), "every rule names the law notes that explain it"
    broken = [f"{where}: {see}" for where, see in sees if see and not _anchor_exists(see)]
    assert broken == [], "see: links to a missing page or anchor: " + ", ".join(broken)



@pytest.mark.parametrize(("window", "message"), [
    ('in_annual_window(event.on, "13-01", "07-15")', "no such day"),
    ('in_annual_window(event.on, "12-01", "01-31")', "over the new year"),
])
def test_a_bad_yearly_window_is_refused_at_load(tmp_path: Path, window: str, message: str) -> None:
    rule = f"""\
        r.x:
          type: bool
          title: {{en: X, ru: Икс}}
          cases:
            - id: only
              value: {window}
              cite: {{act: A-1, article: "1"}}
              explain: {{en: x, ru: икс}}
        """
    with pytest.raises(LawcodeError, match=message):
        book_of(tmp_path, rule)


def test_working_days_after_counts_on_the_production_calendar(tmp_path: Path) -> None:
    book = book_of(tmp_path, """\
        r.by:
          type: date
          title: {en: By, ru: До}
          cases:
            - id: five
              value: working_days_after(event.on, 5)
              cite: {act: A-1, article: "1"}
              explain: {en: "by {value}", ru: "до {value}"}
        """)
    d = book.explain("r.by", {"event.on": "2023-12-11"}, on=D(2024, 1, 1))
    assert d.value == D(2023, 12, 18)
    assert "5 working days after 11 December 2023 on the Russian production calendar" in str(d)
    assert "рабочих дн. после 11 декабря 2023 г." in str(d.in_language("ru"))
    with pytest.raises(LawcodeError, match="production calendar is not known"):
        book.decide("r.by", {"event.on": "2099-12-28"}, on=D(2024, 1, 1))


def test_bundled_rule_files_point_at_the_shipped_law_notes() -> None:
    for path in [*(ROOT / "rules").rglob("*.yaml"), *(ROOT / "features").rglob("*.feature")]:
        text = path.read_text(encoding="utf-8")
        assert "LAW.md" not in text and "shared/" not in text, f"{path} points at the team digest, not docs/law"
