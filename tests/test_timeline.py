"""The timeline (``lawcode.timeline`` and ``lawcode timeline``): dated legal consequences in date order.

The expected timeline of examples/timeline.yaml is counted by hand from LAW.md (see the comments in that
file): register placement 5 Nov 2024 -> exit ban (437-FZ); served from 13 Nov (D+8); appearance date
20 Nov -> fine exposure and criminal risk; measures from 11 Dec (A+21); appeared 20 Dec -> ban and
measures end; measures lifted by 21 Dec.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import lawcode
from lawcode.api import timeline
from lawcode.errors import LawcodeError
from lawcode.render.timeline import FORMAT, Timeline
from lawcode.rulebook.documents import read_facts_file

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "timeline.yaml"
ON = D(2025, 1, 15)
EXPECTED = [
    (D(2024, 11, 5), "placed_in_register"),
    (D(2024, 11, 5), "exit_ban_starts"),
    (D(2024, 11, 13), "served"),
    (D(2024, 11, 20), "appearance_due"),
    (D(2024, 11, 20), "fine_exposure"),
    (D(2024, 11, 20), "criminal_risk"),
    (D(2024, 12, 11), "measures_start"),
    (D(2024, 12, 20), "appeared"),
    (D(2024, 12, 20), "exit_ban_ends"),
    (D(2024, 12, 20), "measures_end"),
    (D(2024, 12, 21), "measures_lifted_by"),
]


def example() -> dict[str, Any]:
    return dict(read_facts_file(EXAMPLE))


def test_the_bundled_example_gives_the_hand_counted_timeline(book: lawcode.Rulebook) -> None:
    tl = timeline(book, example(), on=ON)
    assert isinstance(tl, Timeline)
    assert [(e.date, e.event) for e in tl.events] == EXPECTED
    assert tl.undetermined == ()
    assert tl.on == ON and tl.lang == "en"


def test_every_rule_event_is_the_rulebook_answer_with_its_reasons(book: lawcode.Rulebook) -> None:
    facts = example()
    for e in timeline(book, facts, on=ON).events:
        if e.is_fact:
            assert e.citations == () and e.value == facts[e.question]
            continue
        d = book.explain(e.question, facts, on=ON)
        assert (d.value, e.date) == (e.value, e.value)
        assert tuple(e.citations) == tuple(d.trace.citations) and e.citations
        assert e.text and e.text in str(d)
        assert bool(e.unverified) == bool(d.trace.unverified)


def test_events_carry_their_provisions_and_flags(book: lawcode.Rulebook) -> None:
    events = {e.event: e for e in timeline(book, example(), on=ON).events}
    from lawcode.rulebook.citations import cite_text

    def cites(code: str) -> list[str]:
        return [cite_text(c) for c in events[code].citations]

    assert "53-FZ art. 7.1 para. 1 (as amended by 437-FZ of 04.08.2023)" in cites("exit_ban_starts")
    assert "114-FZ art. 15.1 (as amended by 437-FZ of 04.08.2023)" in cites("exit_ban_ends")
    assert "MVD Order No. 426" in cites("measures_lifted_by")
    assert "KoAP RF art. 21.5 (as amended by 404-FZ of 31.07.2023)" in cites("fine_exposure")
    assert "UK RF art. 328 part 1" in cites("criminal_risk")
    # the example says nothing of his reserve, exemption, deferment or bars: the presumption that he is subject to
    # call-up is stated and flagged
    assert {u.case for u in events["exit_ban_starts"].unverified} == {"presumed-subject"}
    assert {u.case for u in events["measures_start"].unverified} == {"twenty-days", "presumed-subject"}
    assert "within one day" in events["measures_lifted_by"].text


def test_russian_timeline(book: lawcode.Rulebook) -> None:
    tl = timeline(book, example(), on=ON, lang="ru")
    text = tl.to_text()
    assert text.startswith("Хронология правовых последствий (на 15 января 2025 г.)")
    assert "11 декабря 2024 г.  Начинаются временные меры [не проверено]" in text
    assert "в редакции 437-ФЗ" in text
    assert "п. 1 ст. 7.1 53-ФЗ (в ред. 437-ФЗ от 04.08.2023)" in text
    assert [(e.date, e.event) for e in tl.events] == EXPECTED


def test_text_lists_events_in_date_order_with_reasons(book: lawcode.Rulebook) -> None:
    text = timeline(book, example(), on=ON).to_text()
    assert text.startswith("Timeline of legal consequences (as of 15 January 2025)")
    lines = [line for line in text.splitlines() if line[:1].isdigit()]
    assert lines[0] == "5 November 2024  Summons placed in the register of summonses"
    assert lines[-1] == "21 December 2024  Latest day to lift the temporary measures [unverified]"
    assert "Readings not verified against the official text" in text
    assert "measures.start_on / twenty-days" in text


def test_markdown(book: lawcode.Rulebook) -> None:
    md = timeline(book, example(), on=ON).to_markdown()
    assert md.startswith("## Timeline of legal consequences (as of 15 January 2025)")
    assert "| Date | Event | Why | Citations |" in md
    assert "| 11 December 2024 | Temporary measures start *(unverified)*<br>`measures.start_on` |" in md


def test_json_document(book: lawcode.Rulebook) -> None:
    doc = json.loads(timeline(book, example(), on=ON).to_json())
    assert doc["format"] == FORMAT == "lawcode.timeline/1"
    assert doc["on"] == "2025-01-15" and doc["lang"] == "en"
    assert doc["rulebook"]["sha256"] == book.sha256
    assert [(e["date"], e["event"]) for e in doc["events"]] == [(d.isoformat(), c) for d, c in EXPECTED]
    for e in doc["events"]:
        assert set(e) >= {"date", "event", "question", "value", "citations", "text", "unverified"}
    start = next(e for e in doc["events"] if e["event"] == "measures_start")
    assert start["value"] == "2024-12-11"
    assert start["question"] == "measures.start_on"
    # the measures' own provisions, then art. 31, whose served date chose the version in force (the register,
    # and that the summons was not already served directly)
    assert start["citations"] == ["53-FZ art. 7.1 (as amended by 127-FZ of 14.04.2023)", "by analogy: GK RF art. 191",
                                  "53-FZ art. 31 (as amended by 127-FZ of 14.04.2023)", "53-FZ art. 31",
                                  "53-FZ art. 22 para. 1 «а»", "53-FZ art. 22 para. 2"]
    assert [u["case"] for u in start["unverified"]] == ["twenty-days", "presumed-subject"]
    assert doc["undetermined"] == []


def test_undetermined_consequences_name_the_facts_they_need(book: lawcode.Rulebook) -> None:
    facts = example()
    del facts["person.appeared_on"]
    tl = timeline(book, facts, on=ON)
    missing = {u.question: u.missing for u in tl.undetermined}
    assert missing["measures.start_on"] == ("person.appeared_on",)
    assert "person.appeared_on" in missing["liability.fine_exposed_from"]
    assert [(e.date, e.event) for e in tl.events][:4] == EXPECTED[:4]  # what does not depend on it stays
    assert "Not determined: facts needed" in tl.to_text()
    assert json.loads(tl.to_json())["undetermined"][0]["missing"]


def test_a_summons_never_served_has_few_consequences(book: lawcode.Rulebook) -> None:
    facts = {**example(), "summons.placed_in_register_on": None, "person.appeared_on": None}
    tl = timeline(book, facts, on=ON)
    assert [e.event for e in tl.events] == ["appearance_due"]


def test_bad_facts_are_refused(book: lawcode.Rulebook) -> None:
    with pytest.raises(LawcodeError):
        timeline(book, {"person.valid_reason": "business_trip"}, on=ON)
    with pytest.raises(LawcodeError):
        timeline(book, {"summons.appear_on": "soon"}, on=ON)


def _without_liability(book: lawcode.Rulebook, tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(book.root, rules)
    shutil.rmtree(rules / "liability")
    return rules


def test_the_timeline_lists_what_timeline_yaml_declares(book: lawcode.Rulebook, tmp_path: Path) -> None:
    rules = _without_liability(book, tmp_path)
    events = (rules / "timeline.yaml").read_text(encoding="utf-8").split("  - event: ")
    kept = [e for e in events if "liability." not in e]
    (rules / "timeline.yaml").write_text("  - event: ".join(kept), encoding="utf-8")
    tl = timeline(lawcode.load(rules), example(), on=ON)
    assert [e.event for e in tl.events] == [c for _, c in EXPECTED if c not in ("fine_exposure", "criminal_risk")]


def test_a_timeline_event_naming_no_rule_is_a_located_error(book: lawcode.Rulebook, tmp_path: Path) -> None:
    rules = _without_liability(book, tmp_path)
    with pytest.raises(LawcodeError) as info:
        lawcode.load(rules)
    assert "timeline.yaml" in str(info.value) and "unknown rule 'liability.fine_exposed_from'" in str(info.value)


def test_the_public_api_exposes_it() -> None:
    assert "timeline" in lawcode.__all__
    assert lawcode.timeline is timeline


# -- the real console script ------------------------------------------------------------------------
def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("lawcode")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "lawcode"]
    return subprocess.run([*command, *args], capture_output=True, text=True, input=stdin, cwd=ROOT, timeout=60)


def test_cli_json() -> None:
    r = run("timeline", "--facts", str(EXAMPLE), "--on", "2025-01-15", "--format", "json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["format"] == "lawcode.timeline/1"
    assert [(e["date"], e["event"]) for e in doc["events"]] == [(d.isoformat(), c) for d, c in EXPECTED]


def test_cli_text_russian_and_markdown() -> None:
    r = run("timeline", "--facts", str(EXAMPLE), "--on", "2025-01-15", "--lang", "ru")
    assert r.returncode == 0, r.stderr
    assert "5 ноября 2024 г.  Начинается запрет на выезд из России" in r.stdout
    r = run("timeline", "--facts", str(EXAMPLE), "--on", "2025-01-15", "--format", "markdown")
    assert r.returncode == 0 and r.stdout.startswith("## Timeline")


def test_cli_stdin_and_rules_option() -> None:
    facts = json.dumps({k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in example().items()})
    r = run("timeline", "--facts", "-", "--on", "2025-01-15", "--format", "json", "--rules", str(ROOT / "rules"),
            stdin=facts)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["events"]) == len(EXPECTED)


def test_cli_bad_input_exits_2_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("person.valid_reason: business_trip\n", encoding="utf-8")
    r = run("timeline", "--facts", str(bad), "--on", "2025-01-15")
    assert r.returncode == 2
    assert "person.valid_reason" in r.stderr and "Traceback" not in r.stderr
    r = run("timeline", "--facts", str(EXAMPLE), "--on", "15.01.2025")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    r = run("timeline")
    assert r.returncode == 2 and "--facts" in r.stderr


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("example", sorted((ROOT / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_timeline_documents_match_the_shipped_schema(example: Path, lang: str) -> None:
    from importlib.resources import files

    import jsonschema

    schema = json.loads(files("lawcode").joinpath("schemas", "timeline.schema.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    book = lawcode.load()
    doc = timeline(book, read_facts_file(example), on="2025-01-15", lang=lang).to_dict()
    assert doc["format"] == FORMAT
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    assert errors == []
    # a document that breaks it is refused (the schema is not vacuous)
    assert list(jsonschema.Draft202012Validator(schema).iter_errors({**doc, "events": [{"date": "someday"}]}))


def test_timeline_takes_an_iso_question_date_and_checks_the_language() -> None:
    book = lawcode.load()
    facts = read_facts_file(EXAMPLE)
    assert timeline(book, facts, on="2025-01-15").on == ON
    with pytest.raises(LawcodeError, match="bad question date"):
        timeline(book, facts, on="2025-13-01")
    with pytest.raises(LawcodeError, match="unknown language"):
        timeline(book, facts, on=ON, lang="de")
