"""The restriction rules through the public API: valid reasons (53-FZ art. 7 para. 2), the exit ban
(53-FZ art. 7.1 para. 1, 114-FZ art. 15.1; 127-FZ and 437-FZ wordings), the 20-day temporary measures
and their lifting (53-FZ art. 7.1; MVD Order 426), and liability (KoAP art. 21.5, 404-FZ; UK art. 328).

Expected values are counted by hand from LAW.md §3-§5, §7 and §11, not taken from the program:
- a summons placed in the register on D and served through no other channel counts as served from D+8
  (rules/summons/service.yaml, next-day reading of "по истечении семи дней");
- the 20 days after the appearance date A run A+1..A+20, so the measures apply from A+21;
- "within one day" after the appearance or confirmation day E ends with E+1.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest

import lawcode
from lawcode.errors import LawcodeError

D = dt.date
SIX = ["entrepreneur_registration", "self_employed_registration", "real_estate_registration", "driving",
       "vehicle_registration", "credit"]
ART_7_1_1_437 = "53-FZ art. 7.1 para. 1 (as amended by 437-FZ of 04.08.2023)"
ART_15_1_437 = "114-FZ art. 15.1 (as amended by 437-FZ of 04.08.2023)"
ART_7_1_1_127 = "53-FZ art. 7.1 para. 1 (as amended by 127-FZ of 14.04.2023)"
ART_7_1_437 = "53-FZ art. 7.1 (as amended by 437-FZ of 04.08.2023)"
ART_7_1_127 = "53-FZ art. 7.1 (as amended by 127-FZ of 14.04.2023)"
ART_7_2 = "53-FZ art. 7 para. 2"
GK_191 = "by analogy: GK RF art. 191"
# a man of 24 shown to be subject to call-up (conscription.excluded_from_call_up / not-excluded), so that the answers
# do not rest on the rulebook's presumption; his status is cited with art. 22 para. 1 «а» and para. 2
SUBJECT = {"person.sex": "male", "person.birth_date": D(2000, 5, 10), "person.reserve_enrolled_on": None,
           "person.exempted_on": None, "person.deferment_from": None, "person.bar_to_call_up": None}
ART_22 = {"53-FZ art. 22 para. 1 «а»", "53-FZ art. 22 para. 2"}


def summons(**given: Any) -> dict[str, Any]:
    """A summons with every channel known not to have happened, except those given; he has not
    appeared and has no reason, unless given."""
    names = {"hand": "summons.handed_over_on", "mail": "summons.mail_delivered_on",
             "account": "summons.posted_to_account_on", "register": "summons.placed_in_register_on",
             "work": "summons.sent_to_workplace_on", "appear": "summons.appear_on",
             "appeared": "person.appeared_on", "reason": "person.valid_reason",
             "documented": "person.valid_reason_documented", "confirmed": "person.valid_reason_confirmed_on"}
    out: dict[str, Any] = {name: None for key, name in names.items()
                           if key not in ("appear", "documented", "confirmed")}
    out.update(SUBJECT)
    for short, value in given.items():
        out[names[short]] = value
    return out


# A 2024 electronic-era summons: placed in the register on 5 November 2024 (served from 13 November),
# appearance on 20 November 2024. A+20 = 10 December, measures from 11 December 2024.
REGISTER_2024 = {"register": D(2024, 11, 5), "appear": D(2024, 11, 20)}


def flagged(d: Any) -> set[str]:
    return {f"{rule}/{case.id}" for rule, case in d.trace.unverified}


# -- valid reasons ----------------------------------------------------------------------------------
@pytest.mark.parametrize("reason", ["illness", "relative", "force_majeure", "accepted"])
def test_each_statutory_reason_excuses_when_documented(book: lawcode.Rulebook, reason: str) -> None:
    d = book.explain("non_appearance.excused", {"person.valid_reason": reason, "person.valid_reason_documented": True},
                     on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", True)
    assert d.trace.applied[0].case.id == reason.replace("_", "-")
    assert d.citations == (ART_7_2,)
    assert not d.trace.unverified


@pytest.mark.parametrize("reason", ["illness", "relative", "force_majeure", "accepted"])
def test_an_undocumented_reason_does_not_excuse(book: lawcode.Rulebook, reason: str) -> None:
    d = book.explain("non_appearance.excused", {"person.valid_reason": reason, "person.valid_reason_documented": False},
                     on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", False)
    assert d.trace.applied[0].case.id == "not-documented"
    assert "confirmed by documents" in str(d)
    assert "документального подтверждения" in str(d.in_language("ru"))


def test_no_reason_does_not_excuse_and_needs_no_documents(book: lawcode.Rulebook) -> None:
    d = book.explain("non_appearance.excused", {"person.valid_reason": None}, on=D(2024, 5, 1))
    assert (d.status, d.value, d.missing) == ("decided", False, ())


def test_a_reason_without_its_proof_status_is_undetermined(book: lawcode.Rulebook) -> None:
    d = book.explain("non_appearance.excused", {"person.valid_reason": "illness"}, on=D(2024, 5, 1))
    assert d.status == "undetermined"
    assert d.missing == ("person.valid_reason_documented",)


@pytest.mark.parametrize("outside", ["business_trip", "holiday_abroad", "work"])
def test_a_reason_outside_the_statutory_list_is_refused_as_input(book: lawcode.Rulebook, outside: str) -> None:
    with pytest.raises(LawcodeError) as info:
        book.explain("non_appearance.excused", {"person.valid_reason": outside, "person.valid_reason_documented": True},
                     on=D(2024, 5, 1))
    message = str(info.value)
    assert "person.valid_reason" in message
    assert "illness, relative, force_majeure, accepted" in message


# -- exit ban: the two wordings ---------------------------------------------------------------------
def test_437_fz_wording_ban_from_register_placement(book: lawcode.Rulebook) -> None:
    d = book.explain("exit_ban.starts_on", summons(**REGISTER_2024), on=D(2024, 12, 1))
    assert (d.status, d.value) == ("decided", D(2024, 11, 5))
    assert d.trace.applied[0].case.id == "register-437-FZ"
    assert set(d.citations) == {ART_7_1_1_437, ART_15_1_437} | ART_22
    assert "437-FZ" in str(d) and "register of summonses" in str(d)
    assert "437-ФЗ" in str(d.in_language("ru"))
    assert not d.trace.unverified


def test_127_fz_wording_ban_from_the_day_served(book: lawcode.Rulebook) -> None:
    d = book.explain("exit_ban.starts_on", summons(hand=D(2023, 6, 1), appear=D(2023, 6, 15)), on=D(2023, 6, 2))
    assert (d.status, d.value) == ("decided", D(2023, 6, 1))
    assert d.trace.applied[0].case.id == "served-127-FZ"
    assert ART_7_1_1_127 in d.citations
    assert "127-FZ" in str(d) and "counts as served" in str(d)


@pytest.mark.parametrize(("placed", "starts", "case"), [
    # placed on 3 August 2023, the last day of the 127-FZ wording, served (D+8) after it: the 127-FZ wording is
    # applied through the transitional case, flagged (the transitional articles were not read)
    (D(2023, 8, 3), D(2023, 8, 11), "sent-before-437-FZ-served-after"),
    # placed on 4 August 2023, the first day of the 437-FZ wording: the ban runs from placement
    (D(2023, 8, 4), D(2023, 8, 4), "register-437-FZ"),
])
def test_the_wordings_around_4_august_2023(book: lawcode.Rulebook, placed: dt.date, starts: dt.date,
                                           case: str) -> None:
    d = book.explain("exit_ban.starts_on", summons(register=placed, appear=D(2023, 8, 25)), on=D(2023, 9, 1))
    assert (d.status, d.value) == ("decided", starts)
    assert d.trace.applied[0].case.id == case
    assert d.trace.decided_on == placed


def test_workplace_ban_from_the_day_sent(book: lawcode.Rulebook) -> None:
    f = summons(work=D(2024, 3, 1), hand=D(2024, 3, 5), appear=D(2024, 3, 20))
    d = book.explain("exit_ban.starts_on", f, on=D(2024, 3, 2))
    assert (d.status, d.value) == ("decided", D(2024, 3, 1))
    assert d.trace.applied[0].case.id == "workplace-437-FZ"
    assert set(d.citations) == {ART_7_1_437} | ART_22
    assert book.explain("exit_ban.in_force", f, on=D(2024, 3, 1)).value is True
    assert book.explain("exit_ban.in_force", f, on=D(2024, 2, 29)).value is False


def test_workplace_and_register_the_earlier_wins(book: lawcode.Rulebook) -> None:
    earlier_register = summons(work=D(2024, 3, 1), register=D(2024, 2, 28), appear=D(2024, 3, 20))
    d = book.explain("exit_ban.starts_on", earlier_register, on=D(2024, 3, 2))
    assert (d.value, d.trace.applied[0].case.id) == (D(2024, 2, 28), "register-437-FZ")
    same_day = summons(work=D(2024, 3, 1), register=D(2024, 3, 1), appear=D(2024, 3, 20))
    d = book.explain("exit_ban.starts_on", same_day, on=D(2024, 3, 2))
    assert (d.value, d.trace.applied[0].case.id) == (D(2024, 3, 1), "register-437-FZ")


def test_workplace_under_127_fz_waits_for_service(book: lawcode.Rulebook) -> None:
    d = book.explain("exit_ban.starts_on", summons(work=D(2023, 5, 2), hand=D(2023, 5, 4), appear=D(2023, 5, 20)),
                     on=D(2023, 5, 10))
    assert (d.value, d.trace.applied[0].case.id) == (D(2023, 5, 4), "served-127-FZ")


def test_no_exit_ban_of_this_kind_before_127_fz(book: lawcode.Rulebook) -> None:
    f = summons(hand=D(2023, 3, 1), appear=D(2023, 3, 15))
    d = book.explain("exit_ban.starts_on", f, on=D(2023, 5, 1))
    assert (d.status, d.value) == ("decided", None)
    assert d.trace.applied[0].case.id == "before-127-FZ"
    # 127-FZ introduced the ban; the served date that selected the pre-127-FZ version rests on art. 31 (para. 2 of
    # the original wording for the hand-over)
    assert d.citations == ("127-FZ", "53-FZ art. 31", "53-FZ art. 31 para. 2")
    # that art. 7.1 does not reach a summons served before 14.04.2023 is a reading (transitional articles not read)
    assert flagged(d) == {"exit_ban.starts_on/before-127-FZ"}
    assert book.explain("exit_ban.in_force", f, on=D(2023, 5, 1)).value is False


def test_never_served_under_437_fz_no_ban_flagged(book: lawcode.Rulebook) -> None:
    d = book.explain("exit_ban.starts_on", summons(appear=D(2024, 5, 20)), on=D(2024, 5, 1))
    assert (d.status, d.value) == ("decided", None)
    assert flagged(d) == {"exit_ban.starts_on/not-placed-437-FZ"}


def test_sent_to_workplace_but_never_served_the_ban_still_runs(book: lawcode.Rulebook) -> None:
    f = summons(work=D(2024, 3, 1), appear=D(2024, 3, 20))
    assert book.explain("exit_ban.starts_on", f, on=D(2024, 5, 1)).value == D(2024, 3, 1)
    assert book.explain("measures.start_on", f, on=D(2024, 5, 1)).value is None


def test_unknown_channel_leaves_the_ban_undetermined(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024)
    del f["summons.sent_to_workplace_on"]
    d = book.explain("exit_ban.starts_on", f, on=D(2024, 12, 1))
    assert d.status == "undetermined"
    assert "summons.sent_to_workplace_on" in d.missing


def test_the_ban_lasts_until_he_appears(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, appeared=D(2024, 12, 20))
    assert book.explain("exit_ban.ends_on", f, on=D(2025, 1, 1)).value == D(2024, 12, 20)
    before = book.explain("exit_ban.in_force", f, on=D(2024, 12, 19))
    assert before.value is True
    assert "114-FZ art. 15.1" in before.citations
    assert book.explain("exit_ban.in_force", f, on=D(2024, 12, 20)).value is False
    never = summons(**REGISTER_2024)
    assert book.explain("exit_ban.in_force", never, on=D(2026, 1, 1)).value is True


def test_a_valid_reason_does_not_end_the_ban(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, reason="illness", documented=True, confirmed=D(2024, 11, 25))
    assert book.explain("exit_ban.in_force", f, on=D(2024, 12, 1)).value is True


# -- temporary measures -------------------------------------------------------------------------------
def test_measures_from_the_21st_day_after_the_appearance_date(book: lawcode.Rulebook) -> None:
    d = book.explain("measures.start_on", summons(**REGISTER_2024), on=D(2024, 12, 15))
    assert (d.status, d.value) == ("decided", D(2024, 12, 11))
    assert set(d.citations) >= {ART_7_1_127, GK_191}
    assert flagged(d) == {"measures.start_on/twenty-days"}
    text = str(d)
    assert "21 November 2024 to 10 December 2024" in text  # the count is shown
    assert "unverified" in text


def test_measures_in_force_only_from_the_start_day(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024)
    assert book.explain("measures.in_force", f, on=D(2024, 12, 10)).value == []
    d = book.explain("measures.in_force", f, on=D(2024, 12, 11))
    assert d.value == SIX
    assert "driving" in d.to_json()
    assert book.explain("measures.applied", f, on=D(2024, 12, 11)).value is True


def test_an_undocumented_reason_does_not_stop_the_measures(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, reason="relative", documented=False, confirmed=D(2024, 11, 25))
    assert book.explain("measures.start_on", f, on=D(2024, 12, 15)).value == D(2024, 12, 11)
    assert book.explain("liability.fine_exposed_from", f, on=D(2024, 12, 15)).value == D(2024, 11, 20)


def test_a_reason_confirmed_by_the_20th_day_prevents_the_measures(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, reason="illness", documented=True, confirmed=D(2024, 12, 10))
    d = book.explain("measures.start_on", f, on=D(2024, 12, 15))
    assert (d.value, d.trace.applied[0].case.id) == (None, "reason-confirmed-within-20-days")
    assert book.explain("liability.fine_exposed_from", f, on=D(2024, 12, 15)).value is None


def test_appearing_by_the_20th_day_prevents_the_measures_but_not_the_fine(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, appeared=D(2024, 12, 10))
    d = book.explain("measures.start_on", f, on=D(2024, 12, 15))
    assert (d.value, d.trace.applied[0].case.id) == (None, "appeared-within-20-days")
    assert d.trace.unverified
    assert book.explain("liability.fine_exposed_from", f, on=D(2024, 12, 15)).value == D(2024, 11, 20)


def test_appearing_on_the_date_no_measures_no_fine(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, appeared=D(2024, 11, 20))
    d = book.explain("measures.start_on", f, on=D(2024, 12, 15))
    assert (d.value, d.trace.applied[0].case.id) == (None, "appeared-by-date")
    assert not d.trace.unverified
    assert book.explain("liability.fine_exposed_from", f, on=D(2024, 12, 15)).value is None
    assert book.explain("liability.fine_range_rub", f, on=D(2024, 12, 15)).value == []


def test_no_measures_for_a_summons_never_served(book: lawcode.Rulebook) -> None:
    d = book.explain("measures.start_on", summons(appear=D(2024, 5, 20)), on=D(2024, 7, 1))
    assert (d.value, d.trace.applied[0].case.id) == (None, "not-served")
    assert book.explain("measures.in_force", summons(appear=D(2024, 5, 20)), on=D(2024, 7, 1)).value == []


def test_summons_served_after_its_appearance_date_flagged(book: lawcode.Rulebook) -> None:
    f = summons(hand=D(2024, 5, 25), appear=D(2024, 5, 20))
    d = book.explain("measures.start_on", f, on=D(2024, 7, 1))
    assert (d.value, d.trace.applied[0].case.id) == (None, "served-after-appearance-date")
    assert flagged(d) == {"measures.start_on/served-after-appearance-date"}


def test_unknown_appearance_leaves_the_measures_undetermined(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024)
    del f["person.appeared_on"]
    d = book.explain("measures.start_on", f, on=D(2024, 12, 15))
    assert d.status == "undetermined"
    assert d.missing == ("person.appeared_on",)


# -- lifting ------------------------------------------------------------------------------------------
def test_lifted_within_one_day_of_appearance(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, appeared=D(2024, 12, 20))
    assert book.explain("measures.ended_on", f, on=D(2025, 1, 1)).value == D(2024, 12, 20)
    d = book.explain("measures.lifted_by", f, on=D(2025, 1, 1))
    assert (d.status, d.value) == ("decided", D(2024, 12, 21))
    assert "MVD Order No. 426" in d.citations
    assert "measures.lifted_by/within-one-day" in flagged(d)
    note = d.trace.applied[0].case.note
    assert note is not None and "MVD Order 426" in note.en and "unverified" in note.en
    assert book.explain("measures.in_force", f, on=D(2024, 12, 19)).value == SIX
    assert book.explain("measures.in_force", f, on=D(2024, 12, 20)).value == []


def test_lifted_within_one_day_of_a_confirmed_reason(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024, reason="force_majeure", documented=True, confirmed=D(2024, 12, 16))
    assert book.explain("measures.start_on", f, on=D(2025, 1, 1)).value == D(2024, 12, 11)
    assert book.explain("measures.ended_on", f, on=D(2025, 1, 1)).value == D(2024, 12, 16)
    assert book.explain("measures.lifted_by", f, on=D(2025, 1, 1)).value == D(2024, 12, 17)
    assert book.explain("measures.in_force", f, on=D(2024, 12, 16)).value == []


def test_nothing_to_lift_while_he_stays_away(book: lawcode.Rulebook) -> None:
    d = book.explain("measures.lifted_by", summons(**REGISTER_2024), on=D(2025, 1, 1))
    assert (d.status, d.value) == ("decided", None)


# -- liability ----------------------------------------------------------------------------------------
def test_fine_under_404_fz(book: lawcode.Rulebook) -> None:
    f = summons(**REGISTER_2024)
    d = book.explain("liability.fine_exposed_from", f, on=D(2024, 12, 15))
    assert (d.status, d.value) == ("decided", D(2024, 11, 20))
    assert "KoAP RF art. 21.5 (as amended by 404-FZ of 31.07.2023)" in d.citations
    assert "liability.fine_exposed_from/fine-404-FZ" in flagged(d)
    r = book.explain("liability.fine_range_rub", f, on=D(2024, 12, 15))
    assert r.value == [10000, 30000]
    assert "10,000 to 30,000" in str(r)


def test_fine_before_404_fz_is_the_reported_500_to_3000_flagged(book: lawcode.Rulebook) -> None:
    f = summons(hand=D(2023, 9, 1), appear=D(2023, 9, 15))
    d = book.explain("liability.fine_exposed_from", f, on=D(2023, 10, 15))
    assert (d.value, d.trace.applied[0].case.id) == (D(2023, 9, 15), "fine-before-404-FZ")
    r = book.explain("liability.fine_range_rub", f, on=D(2023, 10, 15))
    assert (r.value, r.trace.applied[0].case.id) == ([500, 3000], "fine-before-404-FZ")
    assert r.trace.unverified


def test_criminal_risk_is_separate_and_flagged(book: lawcode.Rulebook) -> None:
    d = book.explain("liability.criminal_risk_from", summons(**REGISTER_2024), on=D(2024, 12, 15))
    assert d.value == D(2024, 11, 20)
    assert "UK RF art. 328 part 1" in d.citations
    assert "part 1" in str(d) and "200,000" in str(d)
    assert d.trace.unverified
    none = book.explain("liability.criminal_risk_from", summons(appear=D(2024, 5, 20)), on=D(2024, 7, 1))
    assert none.value is None


# -- regional extension point -------------------------------------------------------------------------
CONTRACT = ["exit_ban.starts_on", "exit_ban.in_force", "measures.start_on", "measures.in_force", "measures.lifted_by",
            "non_appearance.excused", "summons.served_on"]


def test_the_regional_illustration_changes_no_contract_answer(book: lawcode.Rulebook, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(book.root, rules)
    shutil.rmtree(rules / "restrictions" / "regional")
    without = lawcode.load(rules)
    assert "regional.illustration.measures" in book.rules
    assert "regional.illustration.measures" not in without.rules
    cases = [summons(**REGISTER_2024), summons(**REGISTER_2024, appeared=D(2024, 12, 20)),
             summons(work=D(2024, 3, 1), appear=D(2024, 3, 20))]
    for facts in cases:
        for on in (D(2024, 3, 1), D(2024, 12, 11), D(2025, 1, 1)):
            for q in CONTRACT:
                a, b = book.explain(q, facts, on=on), without.explain(q, facts, on=on)
                assert (a.status, a.value, a.citations) == (b.status, b.value, b.citations), (q, on)


def test_the_regional_illustration_is_marked_as_such(book: lawcode.Rulebook) -> None:
    d = book.explain("regional.illustration.measures", summons(**REGISTER_2024), on=D(2024, 12, 11))
    assert d.value == ["regional_support_suspended"]
    own = [case for rule, case in d.trace.unverified if rule == "regional.illustration.measures"]
    assert own and all(case.note is not None and "illustration" in case.note.en for case in own)
