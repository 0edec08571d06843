"""Languages: the Russian catalog is complete and current; dates and plurals come from babel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from lawcode.render import i18n

SRC = Path(__file__).resolve().parent.parent / "src" / "lawcode"
KEYWORDS = {"_": (2,), "gettext": (2,), "N_": None}


def extracted_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_russian_catalog_is_complete_and_current() -> None:
    with i18n.po_path("ru").open("rb") as f:
        catalog = read_po(f, locale="ru")
    ids = {m.id for m in catalog if m.id}
    untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not m.string)]
    assert not untranslated, f"untranslated or fuzzy: {untranslated}"
    missing = extracted_messages() - ids
    assert not missing, f"run `make catalog` and translate: {sorted(missing)}"
    stale = ids - extracted_messages()
    assert not stale, f"no longer used, run `make catalog`: {sorted(stale)}"


@pytest.mark.parametrize(("n", "text"), [(1, "1 день"), (2, "2 дня"), (5, "5 дней"), (11, "11 дней"),
                                         (21, "21 день"), (22, "22 дня"), (111, "111 дней")])
def test_russian_day_plurals(n: int, text: str) -> None:
    assert i18n.format_days(n, "ru") == text


def test_dates_in_both_languages() -> None:
    day = dt.date(2023, 4, 14)
    assert i18n.format_date(day, "ru") == "14 апреля 2023 г."
    assert i18n.format_date(day, "en") == "14 April 2023"


def test_english_needs_no_catalog() -> None:
    assert i18n.gettext("en", "Reasons") == "Reasons"
    assert i18n.gettext("ru", "Reasons") == "Основания"
