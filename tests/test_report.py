"""The HTML report (``lawcode report``): provisions, cases, scenarios with pass/fail, escaping, uncovered cases."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest

from lawcode import load
from lawcode.cli import main
from lawcode.review.coverage import compute
from lawcode.review.report import render_report
from lawcode.review.results import parse_results

AGE = "conscription.liable_by_age"
NASTY = "<script>alert('x')</script> & \"quoted\""


def scenario(lang: str, outcome: str, applied: list[list[str]], name: str, line: int) -> dict[str, Any]:
    return {"test": f"tests/test_features.py::test_{lang}__age__{line}", "file": f"features/{lang}/age.feature",
            "lang": lang, "name": name, "line": line, "tags": ["53-FZ.22.1.а"], "outcome": outcome,
            "decisions": [{"question": AGE, "on": "2024-04-15", "status": "decided", "value": True, "citations": [],
                           "applied": applied, "rejected": [], "text": f"Liable: yes\n{NASTY}"}],
            "failure": None if outcome == "passed" else f"expected no {NASTY}"}


RESULTS = {
    "format": "lawcode.results/1", "rulebook": None,
    "scenarios": [
        scenario("en", "passed", [[AGE, "aged-18-to-30"]], f"a man of 23 {NASTY}", 3),
        scenario("ru", "failed", [[AGE, "aged-18-to-30"]], "мужчина 23 лет", 4),
        scenario("ru", "passed", [[AGE, "not-male"]], "женщина", 12),
    ],
}


class _Structure(HTMLParser):
    """Collects element ids, classes and the text of the page; fails on unbalanced tags."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.classes: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        self.classes += str(values.get("class") or "").split()
        self.scripts += tag == "script"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def page() -> str:
    return render_report(compute(load(), parse_results(RESULTS)), "en")


def parse(html: str) -> _Structure:
    s = _Structure()
    s.feed(html)
    assert s.stack == [], f"unclosed tags: {s.stack}"
    return s


def test_every_provision_and_case_has_its_section(page: str) -> None:
    s = parse(page)
    book = load()
    assert "p-53-FZ.22.1.а" in s.ids and "p-53-FZ.31" in s.ids and "p-GK.191" in s.ids
    for rule in book.rules.values():
        for case in rule.all_cases():
            anchor = "c-" + re.sub(r"[^\w.-]", "-", rule.name) + "--" + re.sub(r"[^\w.-]", "-", case.id)
            assert anchor in s.ids, f"no section for {rule.name} / {case.id}"
    assert "c-conscription.liable_by_age--aged-18-to-30" in s.ids
    text = " ".join(s.text)
    assert "53-FZ art. 22 para. 1 «а»" in text
    assert 'Federal Law of 28.03.1998 No. 53-FZ "On Military Duty and Military Service"' in text
    assert "on >= anniversary(person.birth_date, 18, \"last_day\")" in text, "the expression source is shown"
    assert "in force from 1 January 2024" in text


def test_statutory_wording_is_quoted_with_its_source(page: str) -> None:
    text = " ".join(parse(page).text)
    quote = next(c.quote for c in load().rules["exit_ban.starts_on"].cases if c.id == "register-437-FZ")
    assert quote is not None and quote.text.startswith("Гражданам, подлежащим призыву")
    assert quote.text in text and quote.source in text


def test_all_text_is_escaped_and_there_is_no_script_or_external_asset(page: str) -> None:
    s = parse(page)
    assert s.scripts == 0 and "<script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in page
    assert NASTY in " ".join(s.text), "the escaped text reads as written"
    assert not re.search(r"(src|href)=['\"](https?:)?//(?!pravo\.gov\.ru)", page), "no external assets"
    assert "<link" not in page and "@import" not in page


def test_scenarios_show_pass_or_fail_language_and_location(page: str) -> None:
    s = parse(page)
    assert "pass" in s.classes and "fail" in s.classes
    text = " ".join(s.text)
    assert "features/en/age.feature:3" in text and "features/ru/age.feature:4" in text
    assert "✓" in text and "✗" in text
    assert "expected no" in text, "a failing scenario shows why"
    assert page.count("<details>") >= 3, "explanations are collapsible"


def test_uncovered_cases_are_highlighted(page: str) -> None:
    s = parse(page)
    assert "uncovered" in s.ids
    assert "uncovered" in s.classes
    uncovered = page[page.index("id='uncovered'"):page.index("</section>", page.index("id='uncovered'"))]
    assert "conscription.liable_by_age / aged-18-to-30" in uncovered, "its Russian scenario failed"
    assert "summons.served_on / register" in uncovered
    assert "conscription.liable_by_age / not-male" in uncovered, "reached in Russian only"


def test_russian_report_speaks_russian() -> None:
    html = render_report(compute(load(), parse_results(RESULTS)), "ru")
    assert "<html lang='ru'>" in html
    assert "подп. «а» п. 1 ст. 22 53-ФЗ" in html and "Нормы" in html


def test_command_writes_index_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps(RESULTS, ensure_ascii=False), encoding="utf-8")
    assert main(["report", "--results", str(results), "--out", str(tmp_path / "report"), "--lang", "ru"]) == 0
    index = tmp_path / "report" / "index.html"
    assert f"wrote {index}" in capsys.readouterr().out
    parse(index.read_text(encoding="utf-8"))
