"""The page at ``/``: a form generated from the rulebook's facts, and where the answer is shown.

The HTML is made here, once per language, from the rulebook: each fact becomes a group whose
choices keep "unknown" and "did not happen" apart (dates as date inputs, choices as selects), with
the fact's meaning as its label. ``static/page.js`` (served by the app, no other origin) sends the
form to ``/v1/explain`` and ``/v1/timeline`` and shows the answer first, then the reasons, the
facts still missing and the timeline. Nothing is loaded from elsewhere: it works offline.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from lawcode.api import Rulebook
from lawcode.render.i18n import N_, gettext
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import Citation

# The page's own words (their Russian is in the gettext catalog).
WORDS: dict[str, str] = {
    "title": N_("What the law says about your situation"),
    "intro": N_("Enter what you know. Leave a fact “unknown” if you do not know it; choose “did not happen” if you "
                "know it did not happen. The answer says which facts it still needs. Nothing you enter is stored."),
    "skip": N_("Skip to the form"),
    "language": N_("Language"),
    "situation": N_("Your situation"),
    "ask": N_("The question"),
    "question": N_("Question"),
    "on": N_("Answer as of"),
    "submit": N_("Answer"),
    "unknown": N_("unknown"),
    "not_happened": N_("did not happen"),
    "on_date": N_("on the date"),
    "date_of": N_("{meaning}: date"),
    "yes": N_("yes"),
    "no": N_("no"),
    "none": N_("none"),
    "answer": N_("Answer"),
    "as_of": N_("as of {date}"),
    "undetermined": N_("Not determined: facts needed"),
    "reasons": N_("Reasons"),
    "rejected": N_("Considered and not applied"),
    "facts_read": N_("Facts read"),
    "see_above": N_("see above"),
    "missing": N_("Facts still missing"),
    "no_missing": N_("None: the facts given are enough."),
    "timeline": N_("Timeline"),
    "no_events": N_("No dated legal consequences follow from these facts."),
    "cites": N_("Citations"),
    "unverified": N_("unverified"),
    "unverified_head": N_("Readings not verified against the official text"),
    "working": N_("Working…"),
    "failed": N_("The answer could not be given"),
    "rulebook": N_("Rulebook {version}"),
    "api": N_("API description (OpenAPI)"),
}


def _words(lang: str) -> dict[str, str]:
    return {key: gettext(lang, text) for key, text in WORDS.items()}


def cited(book: Rulebook) -> dict[str, Citation]:
    """Every provision a decision of ``book`` can cite, by its canonical (English) form."""
    out: dict[str, Citation] = {}
    for rule in book.rules.values():
        for case in (*rule.all_cases(), *([rule.combination] if rule.combination is not None else [])):
            for c in case.cite:
                out.setdefault(cite_text(c), c)
    return dict(sorted(out.items()))


def _data(book: Rulebook, lang: str) -> dict[str, Any]:
    """What the script needs to show an answer in ``lang``: words, labels of facts, answers and citations."""
    citations = {text: {"text": cite_text(c, lang), "url": c.act.url} for text, c in cited(book).items()}
    return {
        "lang": lang,
        "words": _words(lang),
        "facts": {name: {"meaning": f.meaning.get(lang), "type": str(f.type),
                         "values": {k: v.get(lang) for k, v in f.values.items()}} for name, f in book.facts.items()},
        "rules": {name: {"title": r.title.get(lang), "type": str(r.type),
                         "values": {k: v.get(lang) for k, v in r.values.items()}} for name, r in book.rules.items()},
        "citations": citations,
    }


def _fact(i: int, name: str, book: Rulebook, lang: str, w: dict[str, str]) -> str:
    fact = book.facts[name]
    meaning = escape(fact.meaning.get(lang))
    head = (f'<fieldset class="fact" id="fact-{i}" data-fact="{escape(name)}" data-type="{fact.type}">'
            f'<legend>{meaning} <code>{escape(name)}</code></legend>')
    if fact.type in ("enum", "bool"):
        options = [("?unknown", w["unknown"])]
        if fact.nullable:
            options.append(("?none", w["not_happened"]))
        if fact.type == "bool":
            options += [("true", w["yes"]), ("false", w["no"])]
        else:
            options += [(code, text.get(lang)) for code, text in fact.values.items()]
        choices = "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in options)
        return (f'{head}<label class="sr-only" for="v-{i}">{meaning}</label>'
                f'<select id="v-{i}" name="v-{i}">{choices}</select></fieldset>')
    kind = {"date": "date", "int": "number"}.get(str(fact.type), "text")
    radios = [("unknown", w["unknown"], True)]
    if fact.nullable:
        radios.append(("none", w["not_happened"], False))
    radios.append(("value", w["on_date"] if kind == "date" else "=", False))
    label = escape(w["date_of"].format(meaning=fact.meaning.get(lang)))
    body = "".join(f'<label><input type="radio" name="s-{i}" value="{v}"{" checked" if c else ""}> '
                   f'{escape(t)}</label>' for v, t, c in radios)
    return (f'{head}<div class="choices">{body}<input type="{kind}" id="v-{i}" name="v-{i}" aria-label="{label}">'
            f'</div></fieldset>')


def page_html(book: Rulebook, lang: str) -> str:
    """The whole page in ``lang`` (en or ru)."""
    w = _words(lang)
    facts = "\n".join(_fact(i, name, book, lang, w) for i, name in enumerate(book.facts))
    questions = "".join(f'<option value="{escape(name)}">{escape(rule.title.get(lang))} ({escape(name)})</option>'
                        for name, rule in sorted(book.rules.items(), key=lambda item: item[1].title.get(lang)))
    other = {"en": ("ru", "Русский"), "ru": ("en", "English")}[lang]
    data = json.dumps(_data(book, lang), ensure_ascii=False).replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(w["title"])} — lawcode</title>
<link rel="stylesheet" href="/page.css">
</head>
<body>
<a class="skip" href="#ask">{escape(w["skip"])}</a>
<header>
<nav aria-label="{escape(w["language"])}"><a id="lang-switch" href="/?lang={other[0]}" hreflang="{other[0]}" \
lang="{other[0]}">{other[1]}</a></nav>
<h1>{escape(w["title"])}</h1>
<p>{escape(w["intro"])}</p>
</header>
<main>
<form id="ask" aria-labelledby="situation-heading">
<h2 id="situation-heading">{escape(w["situation"])}</h2>
{facts}
<h2>{escape(w["ask"])}</h2>
<div class="ask">
<label for="question">{escape(w["question"])}</label>
<select id="question" name="question">{questions}</select>
<label for="on">{escape(w["on"])}</label>
<input type="date" id="on" name="on" required>
<button type="submit">{escape(w["submit"])}</button>
</div>
</form>
<p id="status" role="status"></p>
<section id="result" aria-labelledby="answer-heading" hidden></section>
</main>
<footer>
<p>{escape(w["rulebook"].format(version=book.version))} · sha256 {book.sha256[:12]}… · \
<a href="/openapi.json">{escape(w["api"])}</a></p>
</footer>
<script type="application/json" id="lawcode-data">{data}</script>
<script src="/page.js" defer></script>
</body>
</html>
"""
