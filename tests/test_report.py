"""The HTML report (``lawcode report``): pages per provision group and feature file, links, escaping, language.

The pages are parsed here (balanced tags, ids, links that resolve); how they look at 1280 and
390 px in a real browser is tests/test_report_browser.py.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

import pytest

from lawcode import load
from lawcode.cli import main
from lawcode.review.coverage import compute
from lawcode.review.report import report_pages, write_report
from lawcode.review.results import parse_results

AGE = "conscription.liable_by_age"
NASTY = "<script>alert('x')</script> & \"quoted\""
ROOT = Path(__file__).resolve().parent.parent


def scenario(lang: str, outcome: str, applied: list[list[str]], name: str, line: int) -> dict[str, Any]:
    return {"test": f"tests/test_features.py::test_{lang}__age__{line}", "file": f"features/{lang}/age.feature",
            "path": str(ROOT / "features" / lang / "conscription_age.feature"),
            "lang": lang, "name": name, "line": line, "tags": ["53-FZ.22.1.а"], "outcome": outcome,
            "decisions": [{"question": AGE, "on": "2024-04-15", "status": "decided", "value": True, "citations": [],
                           "applied": applied, "rejected": [], "text": f"Liable: yes\n{NASTY}",
                           "texts": {"en": f"Liable: yes\n{NASTY}", "ru": "Подлежит призыву: да"}}],
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
    """Collects ids, classes, links and the text of a page; fails on unbalanced tags."""

    VOID: ClassVar[set[str]] = {"meta", "br", "img", "hr", "link", "input"}

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.classes: list[str] = []
        self.links: list[str] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        self.classes += str(values.get("class") or "").split()
        if tag == "a" and values.get("href"):
            self.links.append(str(values["href"]))
        if tag == "script":
            self.scripts.append(values)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> after {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] in ("script", "style"):
            return
        self.text.append(data)


def parse(html: str) -> _Structure:
    s = _Structure()
    s.feed(html)
    assert s.stack == [], f"unclosed tags: {s.stack}"
    return s


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The report in both languages, written under out/ of a scratch copy's report folder."""
    out = {}
    for lang in ("en", "ru"):
        folder = tmp_path_factory.mktemp(f"report-{lang}")
        write_report(compute(load(), parse_results(RESULTS)), folder, lang)
        out[lang] = folder
    return out


def pages(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.html"))}


def text_of(html: str) -> str:
    return " ".join(" ".join(parse(html).text).split())


def test_an_index_and_a_page_per_provision_group_and_feature_file(written: dict[str, Path]) -> None:
    names = set(pages(written["en"]))
    assert {"index.html", "p-53-FZ.22.html", "p-53-FZ.31.html", "p-GK.191.html", "p-53-FZ.7_1.html"} <= names
    assert sum(n.startswith("s-") for n in names) == 2, "one page per feature file (en and ru)"
    book = load()
    every = "".join(pages(written["en"]).values())
    for rule in book.rules.values():
        for case in rule.all_cases():
            anchor = "c-" + re.sub(r"[^\w.-]", "-", rule.name) + "--" + re.sub(r"[^\w.-]", "-", case.id)
            assert f"id='{anchor}'" in every, f"no section for {rule.name} / {case.id}"
    age = parse(pages(written["en"])["p-53-FZ.22.html"])
    assert "p-53-FZ.22.1.а" in age.ids and "c-conscription.liable_by_age--aged-18-to-30" in age.ids
    text = " ".join(age.text)
    assert "53-FZ art. 22 para. 1 «а»" in text
    assert 'Federal Law of 28.03.1998 No. 53-FZ "On Military Duty and Military Service"' in text
    assert "on >= anniversary(person.birth_date, 18, \"last_day\")" in text, "the expression source is shown"
    assert "in force from 1 January 2024" in text


def test_links_resolve_to_pages_anchors_and_files(written: dict[str, Path]) -> None:
    folder = written["en"]
    all_pages = pages(folder)
    ids = {name: parse(html).ids for name, html in all_pages.items()}
    files = 0
    for name, html in all_pages.items():
        for href in parse(html).links:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                continue
            target = unquote(parts.path) or name
            if target.endswith(".html"):
                assert target in all_pages, f"{name}: {href}"
                assert not parts.fragment or parts.fragment in ids[target], f"{name}: {href}"
            else:
                files += 1
                assert not Path(target).is_absolute(), f"{name}: {href} is not relative"
                assert (folder / target).resolve().is_file(), f"{name}: {href} names no file"
    assert files > 50, "rule and feature files are linked"
    group = all_pages["p-53-FZ.22.html"]
    found = re.search(r"href='([^']+)'><span class='src mono'>rules/conscription/age\.yaml:\d+:\d+</span>", group)
    assert found, "file:line mentions link to the rule file"
    assert (folder / unquote(found.group(1))).resolve() == (ROOT / "rules" / "conscription" / "age.yaml").resolve()


def test_acts_link_to_their_own_address(tmp_path: Path) -> None:
    import shutil

    from lawcode import bundled_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    acts = (rules / "acts.yaml").read_text(encoding="utf-8")
    acts = acts.replace("url: http://pravo.gov.ru/\n", "url: http://pravo.gov.ru/proxy/ips/?docbody=&nd=102052227\n", 1)
    (rules / "acts.yaml").write_text(acts, encoding="utf-8")
    html = report_pages(compute(load(rules), parse_results(RESULTS)), tmp_path / "out", "en")["p-53-FZ.22.html"]
    assert "href='http://pravo.gov.ru/proxy/ips/?docbody=&amp;nd=102052227'>Federal Law of 28.03.1998 No. 53-FZ" \
        in html


def test_statutory_wording_is_quoted_with_its_source(written: dict[str, Path]) -> None:
    quote = next(c.quote for c in load().rules["exit_ban.starts_on"].cases if c.id == "register-437-FZ")
    assert quote is not None and quote.text.startswith("Гражданам, подлежащим призыву")
    text = text_of("".join(html for name, html in pages(written["ru"]).items() if name.startswith("p-")))
    assert quote.text in text and quote.source in text
    assert "где прочитан текст (как записано в файле правил)" in text
    assert "— п. 1 ст. 7.1 53-ФЗ (в ред. 437-ФЗ от 04.08.2023)" in text, "the provision quoted, in Russian"


def test_all_text_is_escaped_nothing_is_fetched_and_the_script_is_inline(written: dict[str, Path]) -> None:
    for name, html in pages(written["en"]).items():
        s = parse(html)
        assert all(set(attrs) <= {"type", "id"} for attrs in s.scripts), f"{name}: a script from elsewhere"
        assert "<script>alert" not in html, name
        assert "<link" not in html and "@import" not in html and "src=" not in html, name
    feature = next(html for name, html in pages(written["en"]).items() if name.startswith("s-en"))
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quoted&quot;" in feature
    assert NASTY in " ".join(parse(feature).text), "the escaped text reads as written"
    index = pages(written["en"])["index.html"]
    data = re.search(r"<script type='application/json' id='search-index'>(.*?)</script>", index, re.S)
    assert data is not None
    entries = json.loads(data.group(1))
    assert any(e["t"].startswith("✓ a man of 23 <script>") for e in entries), "the index data is JSON, not HTML"


def test_every_page_reads_without_script_and_the_search_box_appears_with_it(written: dict[str, Path]) -> None:
    for name, html in pages(written["en"]).items():
        assert "<form class='search' role='search' hidden>" in html, name  # shown by the script only
        assert re.search(r"<(section|div|li|tr) [^>]*hidden", html) is None, f"{name}: content hidden without script"


def test_scenarios_show_pass_or_fail_language_and_location(written: dict[str, Path]) -> None:
    all_pages = pages(written["en"])
    group = parse(all_pages["p-53-FZ.22.html"])
    assert "pass" in group.classes and "fail" in group.classes
    text = " ".join(group.text)
    assert "features/en/age.feature:3" in text and "features/ru/age.feature:4" in text
    assert "✓" in text and "✗" in text
    ru = next(html for name, html in all_pages.items() if name.startswith("s-ru"))
    assert "expected no" in text_of(ru), "a failing scenario shows why"
    assert "<details open>" in ru, "a failing scenario's explanation is open"


def test_uncovered_cases_are_highlighted(written: dict[str, Path]) -> None:
    index = pages(written["en"])["index.html"]
    assert "id='uncovered'" in index
    uncovered = index[index.index("id='uncovered'"):index.index("</section>", index.index("id='uncovered'"))]
    assert "conscription.liable_by_age / aged-18-to-30" in uncovered, "its Russian scenario failed"
    assert "summons.served_on / register" in uncovered
    assert "conscription.liable_by_age / not-male" in uncovered, "reached in Russian only"
    assert "href='p-53-FZ.22.html#c-conscription.liable_by_age--aged-18-to-30'" in uncovered


def test_russian_report_speaks_russian(written: dict[str, Path]) -> None:
    all_pages = pages(written["ru"])
    assert all("<html lang='ru'>" in html for html in all_pages.values())
    index = text_of(all_pages["index.html"])
    assert "Нормы" in index and "Файлы сценариев" in index and "Поиск" in index and "отчёт lawcode" in index
    group = text_of(all_pages["p-53-FZ.22.html"])
    assert "подп. «а» п. 1 ст. 22 53-ФЗ" in group and "Все нормы" in group and "действует с 1 января 2024 г." in group
    english = next(html for name, html in all_pages.items() if name.startswith("s-en"))
    assert "Подлежит призыву: да" in english, "an English scenario's explanation is shown in Russian"
    for html in all_pages.values():  # the report's own words, not the reviewers' scenario names
        words = set(re.findall(r"\b(Search|Provisions|Scenarios|passed|did not pass|rule file|in force)\b",
                               text_of(html)))
        assert not words, words


def test_no_page_of_the_bundled_report_is_over_a_megabyte(tmp_path: Path, bundled_results: Path) -> None:
    for lang in ("en", "ru"):
        assert main(["report", "--results", str(bundled_results), "--out", str(tmp_path / lang), "--report-lang",
                     lang]) == 0
        sizes = {p.name: p.stat().st_size for p in (tmp_path / lang).glob("*.html")}
        assert max(sizes.values()) < 1_000_000, sizes


def test_command_writes_the_report_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    results = tmp_path / "results.json"
    results.write_text(json.dumps(RESULTS, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "p-stale.html").write_text("from an earlier report", encoding="utf-8")
    assert main(["report", "--results", str(results), "--out", str(tmp_path / "report"), "--report-lang", "ru"]) == 0
    index = tmp_path / "report" / "index.html"
    assert f"wrote {index}" in capsys.readouterr().out
    parse(index.read_text(encoding="utf-8"))
    assert not (tmp_path / "report" / "p-stale.html").exists(), "pages of an earlier report are replaced"


def test_reasoning_does_not_apply_provision_notes_and_law_notes_are_shown(tmp_path: Path) -> None:
    import shutil

    from lawcode import bundled_rules_dir

    rules = tmp_path / "repo" / "rules"
    shutil.copytree(bundled_rules_dir(), rules)
    (tmp_path / "repo" / "docs" / "law").mkdir(parents=True)
    (tmp_path / "repo" / "docs" / "law" / "age.md").write_text("# age\n", encoding="utf-8")
    # the bundled not-male case cites the named provision art-22-p1a and says when it does not apply: give that
    # provision a note and a page of its own here, and the case other words and a reasoning, and look for them
    acts = (rules / "acts.yaml").read_text(encoding="utf-8")
    bundled = ('  art-22-p1a:\n    {act: 53-FZ, article: "22", paragraph: "1", subparagraph: "а", '
               'see: docs/law/who-is-called-up.md#art-22-1}\n')
    assert bundled in acts
    acts = acts.replace(bundled, '  art-22-p1a:\n    act: 53-FZ\n    article: "22"\n    paragraph: "1"\n'
                        '    subparagraph: "а"\n'
                        '    note: {en: "read in an old consolidated wording", ru: "прочитано в старой редакции"}\n'
                        '    see: docs/law/age.md#art-22\n')
    (rules / "acts.yaml").write_text(acts, encoding="utf-8")
    age = rules / "conscription" / "age.yaml"
    said = "        does_not_apply: {en: the person is a man, ru: это мужчина}\n"
    assert said in age.read_text(encoding="utf-8")
    text = age.read_text(encoding="utf-8").replace(
        said, '        does_not_apply: {en: "he is a man", ru: "он мужчина"}\n'
              '        reasoning: {en: "sex as recorded decides", ru: "решает пол по записи"}\n', 1)
    age.write_text(text, encoding="utf-8")
    html = report_pages(compute(load(rules), parse_results(RESULTS)), tmp_path / "out", "en")["p-53-FZ.22.html"]
    assert "does not apply when:</strong> he is a man" in html
    assert "reasoning:</strong> sex as recorded decides" in html
    assert "note:</strong> read in an old consolidated wording" in html
    assert re.search(r"href='[./]*repo/docs/law/age\.md#art-22'>", html), "the law notes are linked"
