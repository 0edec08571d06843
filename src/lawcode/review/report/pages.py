"""The report's pages as HTML: the index, a page per provision group, a page per feature file.

Every text is escaped; the only script is the inline search (``assets.SCRIPT``) and the pages
read in full without it; nothing is loaded from elsewhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from html import escape
from typing import Any

from lawcode.render.words import period_text
from lawcode.review.coverage import CaseCoverage, warnings
from lawcode.review.report.assets import CSS, SCRIPT
from lawcode.review.report.site import Site, case_id, provision_id, scenario_anchor
from lawcode.review.results import ScenarioResult
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import PLACEHOLDER, Citation


def layout(site: Site, title: str, body: str, crumbs: bool = True) -> str:
    """A whole page: head with the inline style, the body, the search script, a footer."""
    nav = f"<nav class='crumbs'><a href='index.html'>← {escape(site.t['index'])}</a></nav>" if crumbs else ""
    return (f"<!DOCTYPE html>\n<html lang='{escape(site.lang)}'>\n<head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{escape(title)} — lawcode</title>\n<style>{CSS}</style></head>\n"
            f"<body><main>\n{nav}\n{body}\n<footer class='page'>{escape(site.t['report'])} · "
            f"{escape(site.cov.book.version)} · {escape(dt.date.today().isoformat())}</footer>"
            f"</main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n")


def _search_text(*parts: object) -> str:
    return escape(" ".join(str(p) for p in parts if p), quote=True)


def _mark(s: ScenarioResult) -> str:
    return "✓" if s.passed else "✗"


def _scenario_title(site: Site, s: ScenarioResult) -> str:
    row = f" <span class='example'>{escape(s.example)}</span>" if s.example else ""
    return escape(s.name or site.t["the feature file"]) + row


def _ordered(scenarios: Iterable[ScenarioResult]) -> list[ScenarioResult]:
    return sorted(dict.fromkeys(scenarios), key=lambda s: (s.lang, s.file, s.line, s.test))


def _template(text: str) -> str:
    """A case's explanation template, escaped, with its {placeholders} marked up."""
    out, pos = [], 0
    for m in PLACEHOLDER.finditer(text):
        out += [escape(text[pos:m.start()]), f"<var>{{{escape(m.group(1))}}}</var>"]
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


# -- the index ------------------------------------------------------------------------------------
def index_page(site: Site) -> str:
    cov, t, lang = site.cov, site.t, site.lang
    book, res = cov.book, cov.results
    parts = [f"<header><h1>{escape(t['title'])}</h1>",
             f"<p class='meta'>{escape(t['rulebook'])}, {escape(t['version'])} {escape(book.version)} · sha256 "
             f"<span class='mono'>{escape(book.sha256[:12])}</span> · {escape(t['results'])}: {escape(res.source)}"
             f" · {escape(t['generated'])} {escape(dt.date.today().isoformat())}</p></header>",
             "<div class='cards'>"]
    for code in cov.langs:
        covered, total = cov.summary(code)
        pct = 100 * covered / total if total else 0
        parts.append(f"<div class='card'><div class='sub'>{escape(site.lang_name(code).capitalize())}</div>"
                     f"<div class='big'>{covered} / {total}</div><div class='sub'>{escape(t['cases covered'])}"
                     f"</div><div class='bar'><span style='width:{pct:.1f}%'></span></div></div>")
    passed = sum(s.passed for s in res.scenarios)
    failed = len(res.scenarios) - passed
    badges = site.badge(f"{passed} {t['passed']}", "ok") + (site.badge(f"{failed} {t['failed']}", "bad") if failed
                                                            else "")
    parts.append(f"<div class='card'><div class='sub'>{escape(t['scenarios'])}</div><div class='big'>"
                 f"{len(res.scenarios)}</div><div class='badges'>{badges}</div></div></div>")
    parts += [f"<p class='warning'><strong>{escape(t['warning'])}:</strong> {escape(w)}</p>"
              for w in warnings(cov, lang)]
    parts.append(site.search_box())
    parts.append(f"<script type='application/json' id='search-index'>{_search_index(site)}</script>")
    parts.append(_uncovered(site))
    parts.append(f"<section class='panel' id='provisions'><h2>{escape(t['provisions'])}</h2>"
                 f"<table class='stack'><thead><tr><th>{escape(t['provision'])}</th><th>{escape(t['act'])}</th>"
                 f"<th>{escape(t['cases'])}</th></tr></thead><tbody>")
    for group, provisions in site.groups.items():
        citation = provisions[0][1]
        page = site.group_page(group)
        for key, cit, members in provisions:
            title = cite_text(cit, lang)
            words = [key, title, *(f"{cc.label} {site.rule_title(cc)}" for cc in members)]
            parts.append(f"<tr data-search='{_search_text(*words)}'><td><a href='{page}#{provision_id(key)}'>"
                         f"{escape(title)}</a> <span class='src'>@{escape(key)}</span></td>"
                         f"<td>{escape(citation.act.title.get(lang))}</td><td>{site.coverage_badges(members)}</td></tr>")
    parts.append("</tbody></table></section>")
    parts.append(f"<section class='panel' id='features'><h2>{escape(t['features'])}</h2><table class='stack'>"
                 f"<thead><tr><th>{escape(t['feature'])}</th><th>{escape(t['language'])}</th>"
                 f"<th>{escape(t['scenarios'])}</th></tr></thead><tbody>")
    for file, scenarios in site.features.items():
        ok = sum(s.passed for s in scenarios)
        badges = site.badge(f"{ok} {t['passed']}", "ok") + (
            site.badge(f"{len(scenarios) - ok} {t['failed']}", "bad") if ok < len(scenarios) else "")
        langs = ", ".join(sorted({s.lang for s in scenarios}))
        parts.append(f"<tr data-search='{_search_text(file, *(s.name for s in scenarios))}'><td>"
                     f"<a href='{site.feature_page(file)}'><span class='mono'>{escape(file)}</span></a></td>"
                     f"<td>{escape(langs)}</td><td><span class='badges'>{badges}</span></td></tr>")
    parts.append("</tbody></table></section>")
    return layout(site, t["title"], "\n".join(parts), crumbs=False)


def _uncovered(site: Site) -> str:
    t, cov = site.t, site.cov
    missing = [cc for cc in cov.cases if not all(cc.covered(code) for code in cov.langs)]
    if not missing:
        return (f"<section class='panel good' id='uncovered'><h2>{escape(t['uncovered'])}</h2>"
                f"<p>{escape(t['all covered'])}</p></section>")
    rows = [f"<section class='panel alert' id='uncovered'><h2>{escape(t['uncovered'])} ({len(missing)})</h2>"
            f"<table class='stack'><thead><tr><th>{escape(t['case'])}</th><th>{escape(t['missing in'])}</th>"
            f"<th>{escape(t['where'])}</th></tr></thead><tbody>"]
    for cc in sorted(missing, key=lambda c: c.where):
        langs = "".join(site.badge(site.lang_name(code), "bad") for code in cov.langs if not cc.covered(code))
        rows.append(f"<tr data-search='{_search_text(cc.label, cc.where)}'><td><a href='{site.case_href(cc)}'>"
                    f"<code>{escape(cc.label)}</code></a></td><td><span class='badges'>{langs}</span></td>"
                    f"<td>{site.case_source(cc)}</td></tr>")
    rows.append("</tbody></table></section>")
    return "".join(rows)


def _search_index(site: Site) -> str:
    """Every case and scenario of the report, for the index's search: text, link, where."""
    entries: list[dict[str, str]] = []
    for cc in site.cov.cases:
        entries.append({"t": f"{cc.label} — {site.rule_title(cc)}", "h": site.case_href(cc), "s": cc.where,
                        "k": " ".join(cc.keys())})
    for s in site.cov.results.scenarios:
        entries.append({"t": f"{_mark(s)} {s.name}" + (f" [{s.example}]" if s.example else ""),
                        "h": site.scenario_href(s), "s": s.where, "k": " ".join(s.tags)})
    # inside <script> no "<" may open a tag or a comment: JSON can say it as \u003c
    return json.dumps(entries, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")


# -- a provision group ------------------------------------------------------------------------------
def group_page(site: Site, provisions: list[tuple[str, Citation, list[CaseCoverage]]]) -> str:
    lang = site.lang
    first = provisions[0][1]
    act = first.act
    group = Citation(act, first.article) if first.article else Citation(act)
    title = cite_text(group, lang)
    parts = [f"<header><h1>{escape(title)}</h1><p class='act'><a href='{escape(act.url)}'>"
             f"{escape(act.title.get(lang))}</a></p></header>", site.search_box()]
    for key, citation, members in provisions:
        parts.append(_provision(site, key, citation, members))
    return layout(site, title, "\n".join(parts))


def _provision(site: Site, key: str, citation: Citation, members: list[CaseCoverage]) -> str:
    t, lang = site.t, site.lang
    parts = [f"<section class='provision' id='{provision_id(key)}'>",
             f"<h2>{escape(cite_text(citation, lang))}<span class='key'>@{escape(key)}</span></h2>"]
    notes = {c.note.get(lang): c for cc in members for c in cc.case.cite if c.key() == key and c.note is not None}
    for note, named in notes.items():  # a provision's own note, shown wherever it is cited
        label = t["unverified"] if named.status == "unverified" else t["note"]
        parts.append(f"<p class='note'><strong>{escape(label)}:</strong> {escape(note)}</p>")
    parts += list(dict.fromkeys(site.law_link(c.see) for cc in members for c in cc.case.cite
                                if c.key() == key and c.see))
    parts += [_case(site, cc) for cc in members]
    pairs = {(cc.rule, cc.case.id) for cc in members}
    tests = _ordered(s for s in site.cov.results.scenarios if s.applied() & pairs or key in s.tags)
    parts.append(f"<h3>{escape(t['tested by'])} ({len(tests)})</h3>")
    if not tests:
        parts.append(f"<p class='missing'>{escape(t['no scenarios'])}</p>")
    else:
        parts.append("<ul class='scenarios'>")
        for s in tests:
            parts.append(f"<li class='{'pass' if s.passed else 'fail'}' data-search='"
                         f"{_search_text(s.name, s.example, s.where, *s.tags)}'><span class='mark'>{_mark(s)}</span>"
                         f"<span class='lang'>{escape(s.lang)}</span><a href='{site.scenario_href(s)}'>"
                         f"{_scenario_title(site, s)}</a> {site.scenario_source(s)}</li>")
        parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts)


def _case(site: Site, cc: CaseCoverage) -> str:
    t, lang, case = site.t, site.lang, cc.case
    rule = site.cov.book.rules[cc.rule]
    covered = all(cc.covered(code) for code in site.cov.langs)
    badges = [site.badge(f"{t['in force']} {period_text(case.in_force, lang)}", "plain")]
    if case.unverified:
        badges.append(site.badge(t["unverified"], "warn"))
    if rule.default is case:
        badges.append(site.badge(t["default"], "plain"))
    for code in site.cov.langs:
        n = len(cc.in_lang(code))
        badges.append(site.badge(f"{code} {'✓ ' + str(n) if n else '✗'}", "ok" if n else "bad"))
    explain = case.explain.get(lang)
    parts = [f"<div class='case{'' if covered else ' uncovered'}' id='{case_id(cc.rule, case.id)}' "
             f"data-search='{_search_text(cc.label, rule.title.get(lang), explain, cc.where)}'>",
             f"<div class='case-head'><code>{escape(cc.rule)} / {escape(case.id)}</code>{''.join(badges)}</div>",
             f"<div class='title'>{escape(rule.title.get(lang))}</div>",
             f"<p class='explain'>{_template(explain)}</p>"]
    if case.quote is not None:
        cites = "; ".join(cite_text(c, lang) for c in case.cite)
        parts.append(f"<blockquote class='quote' lang='ru'>{escape(case.quote.text)}<footer>— {escape(cites)}<br>"
                     f"{escape(t['wording'])}: <span lang='en'>{escape(case.quote.source)}</span></footer>"
                     "</blockquote>")
    if case.note is not None:
        label = t["unverified"] if case.unverified else t["note"]
        parts.append(f"<p class='note'><strong>{escape(label)}:</strong> {escape(case.note.get(lang))}</p>")
    if case.does_not_apply is not None:
        parts.append(f"<p class='note'><strong>{escape(t['does not apply'])}:</strong> "
                     f"{_template(case.does_not_apply.get(lang))}</p>")
    if case.reasoning is not None:
        parts.append(f"<p class='reasoning'><strong>{escape(t['reasoning'])}:</strong> "
                     f"{escape(case.reasoning.get(lang))}</p>")
    if rule.reasoning is not None:
        parts.append(f"<details class='reasoning'><summary>{escape(t['rule reasoning'])}</summary>"
                     f"<p>{escape(rule.reasoning.get(lang))}</p></details>")
    parts.append(site.law_link(case.see or rule.see))
    missing = [site.lang_name(code) for code in site.cov.langs if not cc.covered(code)]
    if missing:
        parts.append(f"<p class='missing'>{escape(t['no scenario'])} {escape(', '.join(missing))}</p>")
    parts.append("<dl class='expr'>")
    if case.when is not None:
        parts.append(f"<dt>{escape(t['when'])}</dt><dd><pre>{escape(case.when.source)}</pre></dd>")
    parts.append(f"<dt>{escape(t['value'])}</dt><dd><pre>{escape(case.value.source)}</pre></dd>"
                 f"<dt>{escape(t['source'])}</dt><dd>{site.case_source(cc)}</dd></dl></div>")
    return "".join(parts)


# -- a feature file ---------------------------------------------------------------------------------
def feature_page(site: Site, file: str, scenarios: list[ScenarioResult]) -> str:
    t = site.t
    path = next((s.path for s in scenarios if s.path), "") or file
    parts = [f"<header><h1><code>{escape(file)}</code></h1><p class='meta'>{site.file_link(file, path)} · "
             f"{escape(t['language'])}: {escape(', '.join(sorted({s.lang for s in scenarios})))}</p></header>",
             site.search_box()]
    parts += [_scenario(site, s) for s in scenarios]
    return layout(site, file, "\n".join(parts))


def _scenario(site: Site, s: ScenarioResult) -> str:
    t = site.t
    tags = " ".join(_tag_link(site, tag) for tag in s.tags)
    parts = [f"<section class='scenario {'pass' if s.passed else 'fail'}' id='{scenario_anchor(s)}' "
             f"data-search='{_search_text(s.name, s.example, s.where, *s.tags)}'>",
             f"<h2><span class='mark'>{_mark(s)}</span>{_scenario_title(site, s)}</h2>",
             f"<p class='meta'>{site.scenario_source(s)}" + (f" · {escape(t['tags'])}: {tags}" if tags else "")
             + "</p>"]
    for d in s.decisions:
        status = t.get(d.status, d.status)
        parts.append(f"<div class='decision'><details{' open' if not s.passed else ''}><summary>"
                     f"{escape(t['asked'])} <code>{escape(d.question)}</code> {escape(t['on'])} {escape(d.on)} — "
                     f"{escape(status)}</summary><pre>{escape(d.text_in(site.lang))}</pre></details></div>")
    if s.failure:
        parts.append(f"<div class='decision failure'><h3>{escape(t['failure'])}</h3><pre>{escape(s.failure)}</pre>"
                     "</div>")
    parts.append("</section>")
    return "\n".join(parts)


def _tag_link(site: Site, tag: str) -> str:
    for group, provisions in site.groups.items():
        if any(key == tag for key, _, _ in provisions):
            return f"<a href='{site.group_page(group)}#{provision_id(tag)}'>@{escape(tag)}</a>"
    return f"<span class='mono'>@{escape(tag)}</span>"


def render_pages(site: Site) -> dict[str, str]:
    """Every page of the report: file name -> HTML."""
    pages: dict[str, Any] = {"index.html": index_page(site)}
    for group, provisions in site.groups.items():
        pages[site.group_page(group)] = group_page(site, provisions)
    for file, scenarios in site.features.items():
        pages[site.feature_page(file)] = feature_page(site, file, scenarios)
    return pages
