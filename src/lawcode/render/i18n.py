"""Languages: the engine's own sentences from gettext catalogs, dates and plurals from babel.

Catalogs are ``.po`` files under ``locale/``, compiled in memory on first use (no ``.mo``
is committed or generated on disk).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path

from babel.dates import format_date as _babel_format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from babel.units import format_unit

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "lawcode"
DATE_PATTERNS = {"en": "d MMMM y", "ru": "d MMMM y 'г.'"}


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The compiled catalog of ``lang``; English is the source language and needs none."""
    path = po_path(lang)
    if lang == "en" or not path.exists():
        return NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf, domain=DOMAIN)


def N_(message: str) -> str:
    """Mark a message for the catalog (``make catalog`` extracts it) without translating it yet."""
    return message


def gettext(lang: str, message: str) -> str:
    """``message`` (English) in ``lang``."""
    return translations(lang).gettext(message)


def ngettext(lang: str, singular: str, plural: str, n: int) -> str:
    """The plural form of a message for ``n`` in ``lang`` (Russian has three)."""
    return translations(lang).ngettext(singular, plural, n)


@functools.lru_cache(maxsize=4096)
def format_date(day: dt.date, lang: str) -> str:
    """A date as a reader writes it: '14 April 2023' / '14 апреля 2023 г.'."""
    return _babel_format_date(day, DATE_PATTERNS.get(lang, DATE_PATTERNS["en"]), locale=lang)


def format_days(n: int, lang: str) -> str:
    """A count of days with the right plural form: '1 день', '2 дня', '5 дней'."""
    return format_unit(n, "duration-day", locale=lang)


def format_years(n: int, lang: str) -> str:
    """A count of years with the right plural form: '1 год', '2 года', '27 лет'."""
    return format_unit(n, "duration-year", locale=lang)
