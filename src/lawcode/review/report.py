"""A static HTML report for legal reviewers: per provision, the encoded cases and the scenarios testing them.

One self-contained page (inline CSS, no script, no external asset) with an anchor per provision
and per case, so it can be opened from disk or attached to a review. Every text is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape
from pathlib import Path

from lawcode.render.i18n import N_, gettext
from lawcode.render.words import period_text
from lawcode.review.coverage import CaseCoverage, Coverage
from lawcode.review.results import ScenarioResult
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import LANGS, PLACEHOLDER, Citation

# The report's labels; their Russian is in the gettext catalog (make catalog).
LABELS: dict[str, str] = {
    "title": N_("Provisions, cases and scenarios"),
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
    "all covered": N_("Every case is reached by a passing scenario in English and in Russian."),
    "case": N_("case"),
    "rule": N_("rule"),
    "where": N_("where"),
    "missing in": N_("missing in"),
    "provisions": N_("Provisions"),
    "in force": N_("in force"),
    "unverified": N_("unverified"),
    "note": N_("note"),
    "when": N_("when"),
    "value": N_("value"),
    "default": N_("default case"),
    "no scenario": N_("no passing scenario in"),
    "applied by": N_("applied by"),
    "scenario(s)": N_("scenario(s)"),
    "tested by": N_("Scenarios that test it"),
    "no scenarios": N_("No scenario applies a case of this provision or carries its tag."),
    "decided": N_("decided"),
    "undetermined": N_("undetermined"),
    "asked": N_("asked"),
    "on": N_("on"),
    "failure": N_("why it did not pass"),
    "tagged": N_("tagged"),
    "warning": N_("Warning"),
    "lang": N_("language"),
    "reading": N_("our reading, not verified against the official text"),
    "source": N_("rule file"),
    "act": N_("act"),
    "cases": N_("cases"),
    "as of": N_("as in force"),
}
LANG_LABEL = {"en": "English", "ru": "Russian"}

CSS = """
:root { --ink:#1d2430; --muted:#5b6472; --line:#d9dee6; --bg:#f6f7f9; --ok:#1d7a46; --okbg:#e6f4ec;
  --bad:#b42318; --badbg:#fdecea; --warn:#8a5a00; --warnbg:#fff4d6; --accent:#2f5fa7; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color:var(--ink); background:var(--bg); }
main { max-width:1120px; margin:0 auto; padding:28px 32px 64px; }
h1 { font-size:28px; margin:0 0 4px; } h2 { font-size:21px; margin:0 0 6px; } h3 { font-size:16px; margin:18px 0 8px; }
a { color:var(--accent); text-decoration:none; } a:hover { text-decoration:underline; }
code, pre, .mono { font-family:"SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size:13px; }
.meta { color:var(--muted); margin:0 0 20px; }
.cards { display:grid; grid-template-columns:repeat(3, 1fr); gap:14px; margin:0 0 22px; }
.card { background:#fff; border:1px solid var(--line); border-radius:10px; padding:14px 16px; }
.card .big { font-size:26px; font-weight:650; } .card .sub { color:var(--muted); font-size:13px; }
.bar { height:8px; background:var(--badbg); border-radius:4px; overflow:hidden; margin-top:8px; }
.bar span { display:block; height:100%; background:var(--ok); }
.panel { background:#fff; border:1px solid var(--line); border-radius:10px; padding:18px 20px; margin:0 0 22px; }
.panel.alert { border-left:5px solid var(--bad); }
.panel.good { border-left:5px solid var(--ok); }
.warning { background:var(--warnbg); color:var(--warn); border-radius:8px; padding:8px 12px; margin:0 0 12px; }
table { border-collapse:collapse; width:100%; }
th, td { text-align:left; padding:6px 8px; border-bottom:1px solid var(--line); vertical-align:top; }
td.mono { white-space:nowrap; }
th { font-size:12px; text-transform:uppercase; letter-spacing:.04em; color:var(--muted); font-weight:600; }
.toc td:first-child, .toc td:last-child, td.nowrap { white-space:nowrap; }
.badge { display:inline-block; border-radius:999px; padding:1px 9px; font-size:12px; font-weight:600;
  white-space:nowrap; margin:0 3px 3px 0; }
.b-ok { background:var(--okbg); color:var(--ok); } .b-bad { background:var(--badbg); color:var(--bad); }
.b-warn { background:var(--warnbg); color:var(--warn); } .b-plain { background:#eef1f5; color:var(--muted); }
section.provision { background:#fff; border:1px solid var(--line); border-radius:10px; padding:20px 22px;
  margin:0 0 22px; }
.provision > .act { color:var(--muted); margin:0 0 14px; }
.key { color:var(--muted); font-weight:400; font-size:14px; margin-left:8px; }
.case { border:1px solid var(--line); border-left:5px solid var(--ok); border-radius:8px; padding:12px 14px;
  margin:0 0 12px; }
.case.uncovered { border-left-color:var(--bad); background:#fffafa; }
.case-head { display:flex; flex-wrap:wrap; align-items:baseline; gap:6px 10px; }
.case-head code { font-size:14px; font-weight:650; overflow-wrap:anywhere; }
.case .title { color:var(--muted); font-size:13px; }
.explain { margin:8px 0; }
.explain var { font-style:normal; color:var(--accent); font-family:monospace; font-size:13px; }
.quote { margin:8px 0; padding:6px 12px; border-left:3px solid #8a9bb0; background:#f4f6f9; font-size:14px; }
.quote footer { color:var(--muted, #666); font-size:12px; margin-top:4px; }
.note { background:var(--warnbg); border-radius:6px; padding:6px 10px; margin:8px 0; font-size:14px; }
.missing { color:var(--bad); font-weight:600; font-size:14px; margin:6px 0; }
dl.expr { display:grid; grid-template-columns:max-content 1fr; gap:4px 12px; margin:8px 0; }
dl.expr dt { color:var(--muted); font-size:13px; padding-top:3px; } dl.expr dd { margin:0; }
pre { background:#f3f5f8; border-radius:6px; padding:6px 10px; margin:0; white-space:pre-wrap;
  word-break:break-word; }
.src { color:var(--muted); font-size:12px; }
details { margin:4px 0; } summary { cursor:pointer; }
ul.scenarios { list-style:none; margin:0; padding:0; }
ul.scenarios > li { border-bottom:1px solid var(--line); padding:4px 0; }
.mark { display:inline-block; width:1.2em; font-weight:700; }
.pass .mark { color:var(--ok); } .fail .mark { color:var(--bad); }
.lang { display:inline-block; min-width:2em; text-align:center; font-size:11px; font-weight:700; border-radius:4px;
  background:#eef1f5; color:var(--muted); margin-right:6px; text-transform:uppercase; }
.decision { margin:8px 0 10px 1.6em; } .decision h4 { margin:0 0 4px; font-size:13px; font-weight:600; }
.example { font-family:monospace; font-size:12px; color:var(--muted); background:#eef1f5; border-radius:4px;
  padding:0 5px; }
.applied-list { margin:4px 0 0 0; padding-left:1.2em; font-size:13px; }
footer { color:var(--muted); font-size:12px; margin-top:30px; }
@media (max-width: 760px) { .cards { grid-template-columns:1fr; } main { padding:16px; }
  td.mono { white-space:normal; word-break:break-all; } }
"""


class _Page:
    """Builds the page as a list of already-escaped HTML fragments."""

    def __init__(self, cov: Coverage, lang: str):
        self.cov, self.lang = cov, lang
        self.t = {key: gettext(lang, text) for key, text in LABELS.items()}
        self.parts: list[str] = []

    def add(self, *html: str) -> None:
        self.parts.extend(html)

    def lang_name(self, code: str) -> str:
        return self.t[LANG_LABEL[code]]

    # -- top of the page ---------------------------------------------------------------------
    def header(self) -> None:
        book, res, t = self.cov.book, self.cov.results, self.t
        self.add(f"<header><h1>{escape(t['title'])}</h1>",
                 f"<p class='meta'>{escape(t['rulebook'])}, {escape(t['version'])} {escape(book.version)} · "
                 f"sha256 <span class='mono'>{escape(book.sha256[:12])}</span> · {escape(t['results'])}: "
                 f"{escape(res.source)} · {escape(t['generated'])} {escape(dt.date.today().isoformat())}</p></header>")

    def summary(self) -> None:
        t = self.t
        self.add("<div class='cards'>")
        for code in LANGS:
            covered, total = self.cov.summary(code)
            pct = 100 * covered / total if total else 0
            self.add(f"<div class='card'><div class='sub'>{escape(self.lang_name(code).capitalize())}</div>"
                     f"<div class='big'>{covered} / {total}</div><div class='sub'>{escape(t['cases covered'])}"
                     f"</div><div class='bar'><span style='width:{pct:.1f}%'></span></div></div>")
        scenarios = self.cov.results.scenarios
        passed = sum(s.passed for s in scenarios)
        failed = len(scenarios) - passed
        self.add(f"<div class='card'><div class='sub'>{escape(t['scenarios'])}</div><div class='big'>"
                 f"{len(scenarios)}</div><div class='sub'><span class='badge b-ok'>{passed} {escape(t['passed'])}"
                 f"</span>" + (f"<span class='badge b-bad'>{failed} {escape(t['failed'])}</span>" if failed else "")
                 + "</div></div></div>")
        from lawcode.review.coverage import warnings

        for w in warnings(self.cov, self.lang):
            self.add(f"<p class='warning'><strong>{escape(t['warning'])}:</strong> {escape(w)}</p>")

    def uncovered(self) -> None:
        t = self.t
        missing = [cc for cc in self.cov.cases if not all(cc.covered(code) for code in LANGS)]
        if not missing:
            self.add(f"<section class='panel good'><h2>{escape(t['uncovered'])}</h2>"
                     f"<p>{escape(t['all covered'])}</p></section>")
            return
        self.add(f"<section class='panel alert' id='uncovered'><h2>{escape(t['uncovered'])} ({len(missing)})</h2>",
                 f"<table><thead><tr><th>{escape(t['case'])}</th><th>{escape(t['missing in'])}</th>"
                 f"<th>{escape(t['where'])}</th></tr></thead><tbody>")
        for cc in sorted(missing, key=lambda c: c.where):
            langs = "".join(f"<span class='badge b-bad'>{escape(self.lang_name(code))}</span>"
                            for code in LANGS if not cc.covered(code))
            self.add(f"<tr><td><a href='#{_case_id(cc)}'><code>{escape(cc.label)}</code></a></td>"
                     f"<td class='nowrap'>{langs}</td>"
                     f"<td class='mono'>{escape(cc.where)}</td></tr>")
        self.add("</tbody></table></section>")

    def toc(self, provisions: list[tuple[str, Citation, list[CaseCoverage]]]) -> None:
        t = self.t
        self.add(f"<section class='panel toc'><h2>{escape(t['provisions'])}</h2><table><tbody>")
        for key, citation, members in provisions:
            badges = "".join(self.coverage_badge(code, sum(cc.covered(code) for cc in members), len(members))
                             for code in LANGS)
            self.add(f"<tr><td><a href='#{_provision_id(key)}'>{escape(cite_text(citation, self.lang))}</a></td>"
                     f"<td>{escape(citation.act.title.get(self.lang))}</td><td>{badges}</td></tr>")
        self.add("</tbody></table></section>")

    def coverage_badge(self, code: str, covered: int, total: int) -> str:
        cls = "b-ok" if covered == total else "b-bad"
        return f"<span class='badge {cls}'>{escape(code)} {covered}/{total}</span>"

    # -- provisions ----------------------------------------------------------------------------
    def provision(self, key: str, citation: Citation, members: list[CaseCoverage]) -> None:
        act = citation.act
        self.add(f"<section class='provision' id='{_provision_id(key)}'>",
                 f"<h2>{escape(cite_text(citation, self.lang))}<span class='key'>@{escape(key)}</span></h2>",
                 f"<p class='act'>{escape(act.title.get(self.lang))} · <a href='{escape(act.url)}'>"
                 f"{escape(act.url)}</a></p>")
        for cc in members:
            self.case(cc)
        self.scenarios(key, members)
        self.add("</section>")

    def case(self, cc: CaseCoverage) -> None:
        t, case = self.t, cc.case
        rule = self.cov.book.rules[cc.rule]
        covered = all(cc.covered(code) for code in LANGS)
        badges = [f"<span class='badge b-plain'>{escape(t['in force'])} "
                  f"{escape(period_text(case.in_force, self.lang))}</span>"]
        if case.unverified:
            badges.append(f"<span class='badge b-warn'>{escape(t['unverified'])}</span>")
        if rule.default is case:
            badges.append(f"<span class='badge b-plain'>{escape(t['default'])}</span>")
        for code in LANGS:
            n = len(cc.in_lang(code))
            badges.append(f"<span class='badge {'b-ok' if n else 'b-bad'}'>{escape(code)} "
                          f"{'✓ ' + str(n) if n else '✗'}</span>")
        self.add(f"<div class='case{'' if covered else ' uncovered'}' id='{_case_id(cc)}'>",
                 f"<div class='case-head'><code>{escape(cc.rule)} / {escape(case.id)}</code>{''.join(badges)}"
                 "</div>", f"<div class='title'>{escape(rule.title.get(self.lang))}</div>",
                 f"<p class='explain'>{_template(case.explain.get(self.lang))}</p>")
        if case.quote is not None:
            self.add(f"<blockquote class='quote' lang='ru'>{escape(case.quote.text)}"
                     f"<footer>{escape(case.quote.source)}</footer></blockquote>")
        if case.note is not None:
            label = t["unverified"] if case.unverified else t["note"]
            self.add(f"<p class='note'><strong>{escape(label)}:</strong> {escape(case.note.get(self.lang))}</p>")
        missing = [self.lang_name(code) for code in LANGS if not cc.covered(code)]
        if missing:
            self.add(f"<p class='missing'>{escape(t['no scenario'])} {escape(', '.join(missing))}</p>")
        self.add("<dl class='expr'>")
        if case.when is not None:
            self.add(f"<dt>{escape(t['when'])}</dt><dd><pre>{escape(case.when.source)}</pre></dd>")
        self.add(f"<dt>{escape(t['value'])}</dt><dd><pre>{escape(case.value.source)}</pre></dd>",
                 f"<dt>{escape(t['source'])}</dt><dd class='src mono'>{escape(cc.where)}</dd></dl>")
        applied = [*cc.passing, *cc.failing]
        if applied:
            self.add(f"<details><summary>{escape(t['applied by'])} {len(applied)} {escape(t['scenario(s)'])}"
                     "</summary><ul class='applied-list'>")
            for s in _ordered(applied):
                self.add(f"<li class='{'pass' if s.passed else 'fail'}'>{_scenario_line(s)}</li>")
            self.add("</ul></details>")
        self.add("</div>")

    def scenarios(self, key: str, members: list[CaseCoverage]) -> None:
        t = self.t
        pairs = {(cc.rule, cc.case.id) for cc in members}
        tests = [s for s in self.cov.results.scenarios if s.applied() & pairs or key in s.tags]
        self.add(f"<h3>{escape(t['tested by'])} ({len(tests)})</h3>")
        if not tests:
            self.add(f"<p class='missing'>{escape(t['no scenarios'])}</p>")
            return
        self.add("<ul class='scenarios'>")
        for s in _ordered(tests):
            self.add(f"<li class='{'pass' if s.passed else 'fail'}'><details><summary>{_scenario_line(s)}</summary>")
            for d in s.decisions:
                status = t.get(d.status, d.status)
                self.add(f"<div class='decision'><h4>{escape(t['asked'])} <code>{escape(d.question)}</code> "
                         f"{escape(t['on'])} {escape(d.on)} — {escape(status)}</h4><pre>{escape(d.text)}</pre></div>")
            if s.failure:
                self.add(f"<div class='decision'><h4>{escape(t['failure'])}</h4><pre>{escape(s.failure)}</pre></div>")
            self.add("</details></li>")
        self.add("</ul>")

    def render(self) -> str:
        provisions = self.cov.provisions()
        self.header()
        self.summary()
        self.uncovered()
        self.toc(provisions)
        for key, citation, members in provisions:
            self.provision(key, citation, members)
        body = "\n".join(self.parts)
        return (f"<!DOCTYPE html>\n<html lang='{escape(self.lang)}'>\n<head><meta charset='utf-8'>"
                "<meta name='viewport' content='width=device-width, initial-scale=1'>"
                f"<title>lawcode — {escape(self.t['title'])}</title>\n<style>{CSS}</style></head>\n"
                f"<body><main>\n{body}\n<footer>lawcode report · {escape(self.cov.book.root)}</footer>"
                "</main></body>\n</html>\n")


def _scenario_line(s: ScenarioResult) -> str:
    """Outcome mark, language, name, the example row of an outline, and file:line."""
    example = s.test.rpartition("[")[2].rstrip("]") if s.test.endswith("]") else ""
    if "\\u" in example:  # pytest writes non-ASCII test ids as \uXXXX escapes
        example = example.encode("ascii", "backslashreplace").decode("unicode_escape")
    row = f" <span class='example'>{escape(example)}</span>" if example else ""
    return (f"<span class='mark'>{'✓' if s.passed else '✗'}</span><span class='lang'>{escape(s.lang)}</span>"
            f"{escape(s.name)}{row} <span class='src mono'>{escape(s.where)}</span>")


def _ordered(scenarios: Iterable[ScenarioResult]) -> list[ScenarioResult]:
    return sorted(dict.fromkeys(scenarios), key=lambda s: (s.lang, s.file, s.line, s.test))


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in text)


def _provision_id(key: str) -> str:
    return escape("p-" + _anchor(key))


def _case_id(cc: CaseCoverage) -> str:
    return escape("c-" + _anchor(cc.rule) + "--" + _anchor(cc.case.id))


def _template(text: str) -> str:
    """A case's explanation template, escaped, with its {placeholders} marked up."""
    out, pos = [], 0
    for m in PLACEHOLDER.finditer(text):
        out += [escape(text[pos:m.start()]), f"<var>{{{escape(m.group(1))}}}</var>"]
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def render_report(cov: Coverage, lang: str = "en") -> str:
    """The whole report as one HTML document."""
    return _Page(cov, lang).render()


def write_report(cov: Coverage, out: Path, lang: str = "en") -> Path:
    """Write ``out/index.html`` and return its path."""
    out.mkdir(parents=True, exist_ok=True)
    index = out / "index.html"
    index.write_text(render_report(cov, lang), encoding="utf-8")
    return index
