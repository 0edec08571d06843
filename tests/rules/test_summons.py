"""The summons rules through the public API: service channels (53-FZ art. 31, 127-FZ), the day a
summons counts as served, the channel, and the 412-FZ 30-day limit (53-FZ art. 7.1).

Expected values are counted by hand from LAW.md §2 and §11, not taken from the program.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

D = dt.date
ASKED = D(2024, 5, 1)
ART_31 = "53-FZ art. 31 (as amended by 127-FZ of 14.04.2023)"
GK_191 = "by analogy: GK RF art. 191"
NONE: dict[str, Any] = {
    "summons.handed_over_on": None,
    "summons.mail_delivered_on": None,
    "summons.posted_to_account_on": None,
    "summons.placed_in_register_on": None,
}


def facts(**given: Any) -> dict[str, Any]:
    """All four channels known not to have happened, except those given (``mail=...`` etc.)."""
    names = {"hand": "summons.handed_over_on", "mail": "summons.mail_delivered_on",
             "account": "summons.posted_to_account_on", "register": "summons.placed_in_register_on"}
    out = dict(NONE)
    for short, value in given.items():
        out[names[short]] = value
    return out


def explanation(d: Any) -> dict[str, Any]:
    """The node of the decision graph that answers the question (with the whole graph under "nodes")."""
    doc = d.to_dict()
    json.dumps(doc)  # the document is JSON all the way down
    assert doc["format"] == "lawcode.decision/2"
    return {**doc["nodes"][doc["answer"]], "nodes": doc["nodes"]}


def channel_node(expl: dict[str, Any]) -> dict[str, Any]:
    """The node that names the channel: served_on's own case, or, when the summons was served in
    written or electronic form, the case of summons.served_directly_on it relied on."""
    if expl["case"] == "directly":
        assert "summons.served_directly_on" in expl["uses"]
        direct: dict[str, Any] = expl["nodes"]["summons.served_directly_on"]
        return direct
    return expl


def rejected(expl: dict[str, Any]) -> dict[str, str]:
    """Rejected cases of served_on and of the direct channels it relied on."""
    nodes = [expl, *(n for name, n in expl["nodes"].items() if name == "summons.served_directly_on")]
    return {r["case"]: r["reason"] for node in nodes for r in node["rejected"]}


# -- each channel alone ------------------------------------------------------------------------------
@pytest.mark.parametrize(("given", "served", "case", "channel"), [
    ({"hand": D(2024, 4, 3)}, D(2024, 4, 3), "in-person", "in_person"),
    ({"mail": D(2024, 4, 5)}, D(2024, 4, 5), "registered-mail", "registered_mail"),
    ({"account": D(2024, 4, 2)}, D(2024, 4, 2), "personal-account", "personal_account"),
])
def test_direct_channel_serves_on_its_own_day(book, given, served, case, channel) -> None:
    d = book.explain("summons.served_on", facts(**given), on=ASKED)
    assert (d.value, d.status, d.missing) == (served, "decided", ())
    assert d.citations == ("53-FZ art. 31", ART_31)  # served in writing/electronically; the channel's wording
    expl = explanation(d)
    assert channel_node(expl)["case"] == case
    assert expl["value"] == served.isoformat()
    assert d.to_dict()["unverified"] == []  # one channel alone: nothing competes
    via = book.explain("summons.served_via", facts(**given), on=ASKED)
    assert (via.value, via.status) == (channel, "decided")


@pytest.mark.parametrize(("placed", "last_day", "served"), [
    (D(2024, 4, 1), D(2024, 4, 8), D(2024, 4, 9)),
    (D(2024, 4, 25), D(2024, 5, 2), D(2024, 5, 3)),      # over a month end
    (D(2024, 2, 25), D(2024, 3, 3), D(2024, 3, 4)),      # over 29 February 2024
    (D(2023, 12, 28), D(2024, 1, 4), D(2024, 1, 5)),     # over a year end
])
def test_register_served_from_the_eighth_day(book, placed, last_day, served) -> None:
    d = book.explain("summons.served_on", facts(register=placed), on=ASKED)
    assert (d.value, d.status, d.missing) == (served, "decided", ())
    # the register serves only a summons not already served directly: that "not served directly" (art. 31) is cited too
    assert d.citations == (ART_31, GK_191, "53-FZ art. 31")
    doc = d.to_dict()
    assert [u["case"] for u in doc["unverified"]] == ["register"]
    assert "seventh day" in doc["unverified"][0]["note"]
    applied = doc["nodes"][doc["answer"]]
    assert applied["case"] == "register" and applied["unverified"]
    # the derivation shows both dates: the period D+1..D+7, then served on D+8
    counted, after = applied["counts"]
    assert counted["function"] == "expiry"
    assert (after["function"], after["value"]) == ("day_after", served.isoformat())
    assert counted["args"] == [placed.isoformat(), 7, (placed + dt.timedelta(days=1)).isoformat()]
    assert counted["value"] == last_day.isoformat()
    assert applied["value"] == served.isoformat()
    assert book.explain("summons.served_via", facts(register=placed), on=ASKED).value == "register"


def test_register_explanation_in_russian(book) -> None:
    d = book.explain("summons.served_on", facts(register=D(2024, 4, 1)), on=ASKED, lang="ru")
    text = str(d)
    assert "по истечении семи дней с даты размещения" in text
    assert "9 апреля 2024" in text and "8 апреля 2024" in text
    assert "ст. 31 53-ФЗ (в ред. 127-ФЗ от 14.04.2023)" in text


# -- several channels: the earliest wins, the losers are shown ----------------------------------------
@pytest.mark.parametrize(("mail", "served", "winner", "loser"), [
    (D(2024, 4, 5), D(2024, 4, 5), "registered-mail", "register"),   # before the seven days ran out
    (D(2024, 4, 8), D(2024, 4, 8), "registered-mail", "register"),   # on their last day
    (D(2024, 4, 12), D(2024, 4, 9), "register", "registered-mail"),  # after: the register served first
])
def test_letter_and_register(book, mail, served, winner, loser) -> None:
    d = book.explain("summons.served_on", facts(mail=mail, register=D(2024, 4, 1)), on=ASKED)
    assert (d.value, d.status) == (served, "decided")
    expl = explanation(d)
    assert channel_node(expl)["case"] == winner
    # the register competes with service in written or electronic form as a whole (S4's own words): it
    # serves only "if not already served", so it fails its condition when the letter came first, and the
    # direct channel is superseded when the register's day came first
    assert rejected(expl)[{"registered-mail": "directly"}.get(loser, loser)] == (
        "condition_false" if winner == "registered-mail" else "superseded")
    assert d.to_dict()["unverified"] == ([] if winner == "registered-mail" else
                                         [{"rule": "summons.served_on", "case": "register",
                                           "note": d.to_dict()["unverified"][0]["note"]}])
    via = book.explain("summons.served_via", facts(mail=mail, register=D(2024, 4, 1)), on=ASKED)
    assert via.value == {"registered-mail": "registered_mail", "register": "register"}[winner]


def test_personal_delivery_and_electronic_same_week(book) -> None:
    d = book.explain("summons.served_on", facts(hand=D(2024, 4, 4), account=D(2024, 4, 2)), on=ASKED)
    expl = explanation(d)
    assert (d.value, channel_node(expl)["case"]) == (D(2024, 4, 2), "personal-account")
    assert rejected(expl)["in-person"] == "not_earliest"
    # which of two direct channels counts is a reading (LAW.md §2): the answer says so
    assert [(u["rule"], u["case"]) for u in d.to_dict()["unverified"]] == [
        ("summons.served_directly_on", "combine-earliest")]
    d = book.explain("summons.served_on", facts(hand=D(2024, 4, 1), account=D(2024, 4, 3)), on=ASKED)
    assert (d.value, channel_node(explanation(d))["case"]) == (D(2024, 4, 1), "in-person")


def test_same_day_tie_names_the_direct_channel(book) -> None:
    """A letter on the register's eighth day: same date either way; the channel is the letter."""
    f = facts(mail=D(2024, 4, 9), register=D(2024, 4, 1))
    d = book.explain("summons.served_on", f, on=ASKED)
    assert (d.value, channel_node(explanation(d))["case"]) == (D(2024, 4, 9), "registered-mail")
    assert book.explain("summons.served_via", f, on=ASKED).value == "registered_mail"


# -- before 127-FZ ---------------------------------------------------------------------------------
def test_letter_delivered_in_2022_did_not_serve(book) -> None:
    d = book.explain("summons.served_on", facts(mail=D(2022, 10, 10)), on=ASKED)
    assert (d.value, d.status, d.missing) == (None, "decided", ())
    expl = explanation(d)
    assert expl["case"] == "not-served"
    assert rejected(expl)["registered-mail"] == "condition_false"
    # served_on's `directly` case did not apply; the direct channels it read show why
    [directly] = [r for r in expl["rejected"] if r["case"] == "directly"]
    assert directly["uses"] == ["summons.served_directly_on"]
    direct = expl["nodes"]["summons.served_directly_on"]
    mail = next(r for r in direct["rejected"] if r["case"] == "registered-mail")
    assert "127-FZ" in mail["text"]  # the condition names the act whose entry into force it tests
    assert mail["facts"] == {"summons.mail_delivered_on": "2022-10-10"}
    assert book.explain("summons.served_via", facts(mail=D(2022, 10, 10)), on=ASKED).value is None


@pytest.mark.parametrize(("mail", "served"), [(D(2023, 4, 13), None), (D(2023, 4, 14), D(2023, 4, 14))])
def test_first_day_of_service_by_post(book, mail, served) -> None:
    assert book.explain("summons.served_on", facts(mail=mail), on=ASKED).value == served


def test_hand_over_before_127_fz_cites_the_original_wording(book) -> None:
    d = book.explain("summons.served_on", facts(hand=D(2022, 10, 12), mail=D(2022, 10, 10)), on=ASKED)
    assert d.value == D(2022, 10, 12)
    assert channel_node(explanation(d))["case"] == "in-person-before-127-FZ"
    assert d.citations == ("53-FZ art. 31", "53-FZ art. 31 para. 2")
    assert book.explain("summons.served_via", facts(hand=D(2022, 10, 12)), on=ASKED).value == "in_person"


def test_not_served_at_all(book) -> None:
    d = book.explain("summons.served_on", facts(), on=ASKED)
    assert (d.value, d.status, explanation(d)["case"]) == (None, "decided", "not-served")
    assert book.explain("summons.served_via", facts(), on=ASKED).value is None


# -- unknown channels ------------------------------------------------------------------------------
@pytest.mark.parametrize("absent", sorted(NONE))
def test_one_unknown_channel_makes_the_day_undetermined(book, absent) -> None:
    f = facts(hand=D(2024, 4, 3), account=D(2024, 4, 2), mail=D(2024, 4, 5), register=D(2024, 4, 1))
    del f[absent]
    d = book.explain("summons.served_on", f, on=ASKED)
    assert (d.value, d.status, d.missing) == (None, "undetermined", (absent,))
    via = book.explain("summons.served_via", f, on=ASKED)
    assert (via.status, via.missing) == ("undetermined", (absent,))


def test_nothing_known(book) -> None:
    d = book.explain("summons.served_on", {}, on=ASKED)
    assert d.status == "undetermined"
    assert d.missing == tuple(sorted(NONE))


# -- served_via agrees with served_on by construction --------------------------------------------------
_days = st.one_of(st.none(), st.dates(min_value=D(2022, 6, 1), max_value=D(2024, 6, 1)))


@settings(max_examples=300, deadline=None)
@given(hand=_days, mail=_days, account=_days, register=_days)
def test_served_via_agrees_with_served_on(book, hand, mail, account, register) -> None:
    f = facts(hand=hand, mail=mail, account=account, register=register)
    on = book.explain("summons.served_on", f, on=ASKED)
    via = book.explain("summons.served_via", f, on=ASKED)
    assert on.status == via.status == "decided"
    reform = D(2023, 4, 14)
    candidates = {
        "in_person": hand,
        "registered_mail": mail if mail and mail >= reform else None,
        "personal_account": account if account and account >= reform else None,
        "register": register + dt.timedelta(days=8) if register and register >= reform else None,
    }
    dated = {k: v for k, v in candidates.items() if v is not None}
    assert on.value == (min(dated.values()) if dated else None)
    if on.value is None:
        assert via.value is None
    else:
        assert candidates[via.value] == on.value
        # ties: the first channel in the order in person, letter, account, register
        assert via.value == next(k for k, v in candidates.items() if v == on.value)


# -- 412-FZ: appearance date at most 30 days after placement ------------------------------------------
LIMIT = "summons.appear_on_within_limit"


@pytest.mark.parametrize(("placed", "appear", "within"), [
    (D(2026, 1, 10), D(2026, 1, 20), True),
    (D(2026, 1, 10), D(2026, 2, 9), True),     # D+30, the last permissible day
    (D(2026, 1, 10), D(2026, 2, 10), False),   # D+31
    (D(2026, 12, 15), D(2027, 1, 14), True),
    (D(2026, 12, 15), D(2027, 1, 15), False),
])
def test_30_day_limit_from_2026(book, placed, appear, within) -> None:
    f = {"summons.placed_in_register_on": placed, "summons.appear_on": appear}
    d = book.explain(LIMIT, f, on=D(2027, 2, 1))
    assert (d.value, d.status, d.missing) == (within, "decided", ())
    assert d.citations == ("53-FZ art. 7.1 (as amended by 412-FZ of 04.11.2025)", GK_191)
    doc = d.to_dict()
    assert [u["case"] for u in doc["unverified"]] == ["within-30-days"]
    expl = doc["nodes"][doc["answer"]]
    assert expl["case"] == "within-30-days"
    assert expl["decided_on"] == placed.isoformat()  # the version follows the placement date
    [counted] = expl["counts"]
    assert counted["value"] == (placed + dt.timedelta(days=30)).isoformat()


def test_no_limit_before_412_fz(book) -> None:
    f = {"summons.placed_in_register_on": D(2025, 6, 2), "summons.appear_on": D(2025, 9, 1)}
    d = book.explain(LIMIT, f, on=D(2026, 3, 1))
    assert (d.value, d.status) == (True, "decided")
    doc = d.to_dict()
    assert explanation(d)["case"] == "no-limit-before-412-FZ"
    assert doc["unverified"] == []
    assert rejected(explanation(d))["within-30-days"] == "not_in_force"
    assert d.citations == ("53-FZ art. 7.1 (as amended by 127-FZ of 14.04.2023)",)


def test_placed_between_412_fz_and_2026_is_flagged(book) -> None:
    f = {"summons.placed_in_register_on": D(2025, 12, 15), "summons.appear_on": D(2026, 2, 20)}
    d = book.explain(LIMIT, f, on=D(2026, 3, 1))
    assert d.value is True
    assert [u["case"] for u in d.to_dict()["unverified"]] == ["no-limit-412-FZ-pending"]


def test_not_in_register(book) -> None:
    f = {"summons.placed_in_register_on": None, "summons.appear_on": D(2026, 6, 1)}
    d = book.explain(LIMIT, f, on=D(2026, 3, 1))
    assert (d.value, explanation(d)["case"]) == (True, "not-in-register")


@pytest.mark.parametrize(("f", "needs"), [
    ({"summons.appear_on": D(2026, 2, 1)}, "summons.placed_in_register_on"),
    ({"summons.placed_in_register_on": D(2026, 1, 10)}, "summons.appear_on"),
])
def test_limit_undetermined(book, f, needs) -> None:
    d = book.explain(LIMIT, f, on=D(2026, 3, 1))
    assert (d.status, d.missing) == ("undetermined", (needs,))
