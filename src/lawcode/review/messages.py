"""How reviewers' messages echo their input and list suggestions: short, quoted, in their language.

Every message a reviewer can cause quotes what they wrote (cut to ``ECHO_LIMIT`` characters, control characters
escaped) and lists at most ``LIST_LIMIT`` suggestions in ``LIST_CHARS`` characters, so one long cell or a rulebook
of 300 facts never buries the line that matters.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Mapping

from lawcode.errors import safe_text
from lawcode.render.i18n import gettext

ECHO_LIMIT = 80
LIST_LIMIT = 10
LIST_CHARS = 200  # characters of the items a list shows


class BadValue(ValueError):
    """A value in a step that has the right place but not the right form; ``hint`` says the fix."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.hint = hint


def echo(text: object, limit: int = ECHO_LIMIT) -> str:
    """``text`` on one line, terminal control characters escaped (``\\x1b``), cut to ``limit`` characters (the
    cut marked with an ellipsis)."""
    raw = str(text)
    flat = safe_text(" ".join(raw[:limit * 4].split()))  # enough to fill the limit, whatever the spaces
    if len(flat) <= limit and len(raw) <= limit * 4:
        return flat
    return flat[:limit - 1].rstrip() + "…"


def quoted(text: object, lang: str, step: bool = False) -> str:
    """``text`` echoed and quoted the way ``lang`` quotes: 'x' in English ("x" for a whole ``step``),
    «x» in Russian."""
    if lang == "ru":
        return f"«{echo(text)}»"
    return f'"{echo(text)}"' if step else f"'{echo(text)}'"


def listing(items: Iterable[object], lang: str, limit: int = LIST_LIMIT, quote: bool = False,
            chars: int = LIST_CHARS) -> str:
    """At most ``limit`` items joined by commas, within ``chars`` characters (so a message line stays readable:
    long labels leave fewer items), then how many were left out ('… and 12 more')."""
    all_items = list(dict.fromkeys(str(i) for i in items))
    shown: list[str] = []
    for item in all_items[:limit]:
        one = quoted(item, lang) if quote else echo(item)
        if shown and sum(len(s) + 2 for s in shown) + len(one) > chars:
            break
        shown.append(one)
    text = ", ".join(shown) or "-"
    rest = len(all_items) - len(shown)
    if rest > 0:
        text += " " + gettext(lang, "… and {count} more").format(count=rest)
    return text


def closest(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.6) -> list[str]:
    """The ``n`` candidates spelt most like ``word`` (case-insensitive), best first, by difflib's ratio.

    The ratio is quadratic, so it is measured only for the ``SHORTLIST`` candidates sharing the most three-letter
    pieces with ``word`` (set intersections): bounded time whatever the word and however many candidates.
    """
    by_lower: dict[str, str] = {}
    for c in candidates:
        by_lower.setdefault(c.lower(), c)
    probe = word.lower()[:SUGGEST_CHARS]
    names = list(by_lower)
    if len(names) > SHORTLIST:
        pieces = trigrams(probe)
        names = sorted(names, key=lambda c: -similarity(pieces, trigrams(c)))[:SHORTLIST]
    return [by_lower[c] for c in difflib.get_close_matches(probe, names, n=n, cutoff=cutoff)]


SHORTLIST = 5  # candidates whose exact similarity to a word is measured
SUGGEST_CHARS = 100  # characters of a word compared with the candidates (names and phrases are shorter)


@functools.lru_cache(maxsize=4096)
def trigrams(text: str) -> frozenset[str]:
    """The three-character pieces of `` text `` (padded, so that short words count too)."""
    padded = f" {text} "
    return frozenset(padded[i:i + 3] for i in range(len(padded) - 2))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """How many three-letter pieces two texts share (Dice's coefficient): a cheap first sort of candidates."""
    return 2 * len(a & b) / (len(a) + len(b) or 1)


def did_you_mean(word: str, candidates: Iterable[str], lang: str, everything: str | None = None,
                 aliases: Mapping[str, str] | None = None) -> str | None:
    """A hint: the closest candidates to ``word``; if none is close, ``everything`` (a label such as
    'the questions are') followed by the first candidates. ``aliases`` maps other spellings (a
    phrase, a meaning) to the candidate they stand for."""
    names = list(dict.fromkeys(candidates))
    found = closest(word, names)
    if aliases:
        found += [aliases[a] for a in closest(word, list(aliases))]
    found = list(dict.fromkeys(found))[:3]
    if found:
        return gettext(lang, "did you mean {names}?").format(
            names=(" " + gettext(lang, "or") + " ").join(quoted(f, lang) for f in found))
    if everything and names:
        return f"{everything}: {listing(names, lang)}"
    return None
