"""The report's pages and how they link: page names, relative links to files, labels in the report's language.

The report is a folder: ``index.html``; a page per provision group (an act's article, e.g.
``53-FZ.31``) with its cases and the scenarios testing them; and a page per feature file with
each scenario's decisions and explanations. Every file:line links to the rule or feature file,
relative to the report folder, so the report can be opened from disk or attached to a review.
"""

from __future__ import annotations

import hashlib
import os
import re
from html import escape
from pathlib import Path
from urllib.parse import quote

from lawcode.render.i18n import N_, gettext
from lawcode.review.coverage import CaseCoverage, Coverage
from lawcode.review.results import ScenarioResult
from lawcode.rulebook.model import Citation

# The report's labels; their Russian is in the gettext catalog (make catalog).
LABELS: dict[str, str] = {
    "title": N_("Provisions, cases and scenarios"),
    "report": N_("lawcode report"),
    "index": N_("All provisions"),
    "rulebook": N_("Rulebook"),
    "version": N_("version"),
    "results": N_("results"),
    "generated": N_("generated"),
    "English": N_("English"),
    "Russian": N_("Russian"),
    "cases covered": N_("cases reached by a passing scenario"),
    "scenarios": N_("Scenarios"),
    "passed": N_("passed"),
    "failed": N_("did not pass"),
    "uncovered": N_("Cases no passing scenario reaches"),
    "all covered": N_("Every case is reached by a passing scenario in every language counted."),
    "case": N_("case"),
    "where": N_("where"),
    "missing in": N_("missing in"),
    "provisions": N_("Provisions"),
    "provision": N_("provision"),
    "in force": N_("in force"),
    "unverified": N_("unverified"),
    "note": N_("note"),
    "reasoning": N_("reasoning"),
    "rule reasoning": N_("how the rule is encoded"),
    "does not apply": N_("does not apply when"),
    "law notes": N_("law notes"),
    "when": N_("when"),
    "value": N_("value"),
    "default": N_("default case"),
    "no scenario": N_("no passing scenario in"),
    "tested by": N_("Scenarios that test it"),
    "no scenarios": N_("No scenario applies a case of this provision or carries its tag."),
    "decided": N_("decided"),
    "undetermined": N_("undetermined"),
    "asked": N_("asked"),
    "on": N_("on"),
    "failure": N_("why it did not pass"),
    "tags": N_("tags"),
    "warning": N_("Warning"),
    "source": N_("rule file"),
    "act": N_("act"),
    "cases": N_("cases"),
    "wording": N_("where the wording was read (as the rule file records it)"),
    "features": N_("Feature files"),
    "feature": N_("feature file"),
    "language": N_("language"),
    "search": N_("Search"),
    "search hint": N_("words from a case, rule, provision, scenario or file"),
    "shown": N_("shown: {n}"),
    "the feature file": N_("(the feature file)"),
}
LANG_LABEL = {"en": "English", "ru": "Russian"}


def group_of(key: str) -> str:
    """The page a provision key belongs on: its act and article (``53-FZ.22.1.а`` -> ``53-FZ.22``)."""
    return ".".join(key.split(".")[:2])


def _slug(text: str) -> str:
    ascii_part = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "page"
    if ascii_part == text:
        return text
    return f"{ascii_part}-{hashlib.sha1(text.encode()).hexdigest()[:6]}"


def anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)


def case_id(rule: str, case: str) -> str:
    return "c-" + anchor(rule) + "--" + anchor(case)


def provision_id(key: str) -> str:
    return "p-" + anchor(key)


class Site:
    """What every page needs: the coverage, the language, the labels and where everything is."""

    def __init__(self, cov: Coverage, lang: str, out: Path):
        self.cov, self.lang, self.out = cov, lang, out.resolve()
        self.t = {key: gettext(lang, text) for key, text in LABELS.items()}
        self.groups: dict[str, list[tuple[str, Citation, list[CaseCoverage]]]] = {}
        for key, citation, members in cov.provisions():
            self.groups.setdefault(group_of(key), []).append((key, citation, members))
        self.case_page: dict[tuple[str, str], str] = {}
        for group, provisions in self.groups.items():
            for _key, _citation, members in provisions:
                for cc in members:
                    self.case_page.setdefault((cc.rule, cc.case.id), self.group_page(group))
        self.features: dict[str, list[ScenarioResult]] = {}
        for s in cov.results.scenarios:
            self.features.setdefault(s.file, []).append(s)

    # -- names of pages ---------------------------------------------------------------------
    @staticmethod
    def group_page(group: str) -> str:
        return f"p-{_slug(group)}.html"

    def feature_page(self, file: str) -> str:
        langs = {s.lang for s in self.features.get(file, ())}
        prefix = langs.pop() if len(langs) == 1 else "feature"
        return f"s-{prefix}-{_slug(Path(file).stem)}-{hashlib.sha1(file.encode()).hexdigest()[:6]}.html"

    def case_href(self, cc: CaseCoverage) -> str:
        return f"{self.case_page[(cc.rule, cc.case.id)]}#{case_id(cc.rule, cc.case.id)}"

    def scenario_href(self, s: ScenarioResult) -> str:
        return f"{self.feature_page(s.file)}#{scenario_anchor(s)}"

    # -- links to files ---------------------------------------------------------------------
    def file_href(self, path: str) -> str | None:
        """A link from the report folder to ``path`` (absolute, or relative to the working directory)."""
        if not path:
            return None
        target = Path(path) if Path(path).is_absolute() else Path.cwd() / path
        try:
            relative = os.path.relpath(target.resolve(), self.out)
        except ValueError:  # another drive
            return target.resolve().as_uri()
        return quote(relative.replace(os.sep, "/"))

    def law_link(self, see: str | None) -> str:
        """A link to the page of the law notes a rule, case or provision names (``see:``), resolved against the
        rules' repository (docs/law/... next to rules/); '' when it names none."""
        if not see:
            return ""
        page, _, fragment = see.partition("#")
        target = Path(self.cov.book.root).resolve().parent / page
        href = self.file_href(str(target)) if target.is_file() else None
        shown = f"<span class='src mono'>{escape(see)}</span>"
        link = f"<a class='path' href='{escape(href + ('#' + fragment if fragment else ''))}'>{shown}</a>" \
            if href else shown
        return f"<p class='see'><strong>{escape(self.t['law notes'])}:</strong> {link}</p>"

    def file_link(self, shown: str, path: str | None = None) -> str:
        """``shown`` (a path, with its :line) as a link to the file; plain text when there is no file."""
        file = path or shown.split(":")[0]
        href = self.file_href(file)
        text = f"<span class='src mono'>{escape(shown)}</span>"
        return f"<a class='path' href='{escape(href)}'>{text}</a>" if href else text

    def case_source(self, cc: CaseCoverage) -> str:
        location = cc.case.location
        return self.file_link(cc.where, location.file if location else None)

    def scenario_source(self, s: ScenarioResult) -> str:
        return self.file_link(s.where, s.path or s.file)

    # -- small pieces -------------------------------------------------------------------------
    def rule_title(self, cc: CaseCoverage) -> str:
        return self.cov.book.rules[cc.rule].title.get(self.lang)

    def lang_name(self, code: str) -> str:
        return self.t[LANG_LABEL[code]]

    def badge(self, text: str, kind: str) -> str:
        return f"<span class='badge b-{kind}'>{escape(text)}</span>"

    def coverage_badges(self, members: list[CaseCoverage]) -> str:
        out = []
        for code in self.cov.langs:
            covered = sum(cc.covered(code) for cc in members)
            out.append(self.badge(f"{code} {covered}/{len(members)}", "ok" if covered == len(members) else "bad"))
        return f"<span class='badges'>{''.join(out)}</span>"

    def search_box(self) -> str:
        t = self.t
        return (f"<form class='search' role='search' hidden><label for='q'>{escape(t['search'])}</label>"
                f"<input id='q' type='search' autocomplete='off' placeholder='{escape(t['search hint'])}'>"
                f"<p class='count' id='count' aria-live='polite' data-template='{escape(t['shown'])}'></p>"
                "<ol class='hits' id='hits' hidden></ol></form>")


def scenario_anchor(s: ScenarioResult) -> str:
    return "s-" + anchor(f"{s.line}-{s.example or ''}-{hashlib.sha1(s.test.encode()).hexdigest()[:6]}")
