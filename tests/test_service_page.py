"""The page at / in a real browser: the operating system's Chromium, driven by Playwright.

The form is filled for examples/timeline.yaml as a person would, at 1280 and at 390 px; the answer
and the timeline are read, the page is switched to Russian, and screenshots are saved under out/.
The page must ask nothing of any other host (it works offline), never scroll sideways, and give
every control a name a screen reader can read. Without a browser the tests are skipped, saying why.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from served import Server, serving

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out"
EXAMPLE = ROOT / "examples" / "timeline.yaml"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
EXPECTED_EVENTS = {  # examples/timeline.yaml asked on 15 January 2025 (tests/test_timeline.py counts them)
    "en": ["5 November 2024", "5 November 2024", "13 November 2024", "20 November 2024", "20 November 2024",
           "20 November 2024", "11 December 2024", "20 December 2024", "20 December 2024", "20 December 2024",
           "21 December 2024"],
    "ru": ["5 ноября 2024 г.", "5 ноября 2024 г.", "13 ноября 2024 г.", "20 ноября 2024 г.", "20 ноября 2024 г.",
           "20 ноября 2024 г.", "11 декабря 2024 г.", "20 декабря 2024 г.", "20 декабря 2024 г.",
           "20 декабря 2024 г.", "21 декабря 2024 г."],
}


def _playwright() -> Any:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as e:
        pytest.skip(f"no browser test: playwright is not installed ({e}); make test installs it")
    if not Path(CHROMIUM).exists():
        pytest.skip("no browser test: Chromium is not installed (apt-get install -y chromium; .ci/run does it)")
    return sync_playwright


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serving() as s:
        yield s


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_playwright = _playwright()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def fill_facts(page: Any, facts: dict[str, Any]) -> None:
    """Fill the form as a person would: a date typed, 'did not happen' chosen, a choice selected."""
    for name, value in facts.items():
        box = page.locator(f'fieldset[data-fact="{name}"]')
        select = box.locator("select")
        if select.count():
            select.select_option("?none" if value is None else str(value).lower() if isinstance(value, bool)
                                 else str(value))
        elif value is None:
            box.get_by_role("radio", name=box.locator("input[value=none]").evaluate(
                "e => e.parentElement.textContent.trim()")).check()
        else:
            box.locator("input[type=date]").fill(value.isoformat() if isinstance(value, dt.date) else str(value))


def check_readable(page: Any, width: int) -> None:
    """No sideways scrolling; landmarks, one h1, and a name for every control."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for role in ("banner", "main", "contentinfo", "navigation", "form"):
        assert page.get_by_role(role).count() >= 1, role
    assert page.locator("h1").count() == 1
    unnamed = page.evaluate("""() => Array.from(document.querySelectorAll('input, select, button'))
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map(e => e.outerHTML)""")
    assert unnamed == []


@pytest.mark.parametrize("width", [1280, 390])
def test_a_person_reads_the_timeline_example_in_english_and_russian(server: Server, browser: Any,
                                                                    width: int) -> None:
    OUT.mkdir(exist_ok=True)
    facts = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    elsewhere: list[str] = []
    problems: list[str] = []

    def only_this_server(route: Any) -> None:
        if urlsplit(route.request.url).netloc == urlsplit(server.url).netloc:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/?lang=en")
    check_readable(page, width)

    fill_facts(page, facts)
    page.get_by_label("Question", exact=True).select_option("measures.start_on")
    page.get_by_label("Answer as of").fill("2025-01-15")
    page.get_by_role("button", name="Answer").click()
    answer = page.locator("#result .answer")
    answer.wait_for()
    assert answer.inner_text().startswith("First day of the temporary measures: 11 December 2024")
    assert page.locator("#answer-heading").evaluate("e => e === document.activeElement")  # read first
    headings = page.locator("#result h2").all_inner_texts()
    assert headings == ["Answer", "Reasons", "Facts still missing", "Timeline"]
    reasons = page.locator("#result details").first
    assert reasons.get_attribute("open") is not None
    link = reasons.locator(".cites a").first
    assert link.get_attribute("href") == "http://pravo.gov.ru/"
    events = page.locator("ol.timeline > li time").all_inner_texts()
    assert events == EXPECTED_EVENTS["en"]
    assert "Temporary measures start" in page.locator("ol.timeline").inner_text()
    check_readable(page, width)
    page.screenshot(path=str(OUT / f"page-{width}-en.png"), full_page=True)

    page.get_by_role("link", name="Русский").click()
    page.locator("#result .answer").wait_for()
    assert page.evaluate("document.documentElement.lang") == "ru"
    assert page.locator("#result .answer").inner_text().startswith("Первый день временных мер: 11 декабря 2024 г.")
    assert page.locator("ol.timeline > li time").all_inner_texts() == EXPECTED_EVENTS["ru"]
    assert page.locator("#result h2").all_inner_texts() == ["Ответ", "Основания", "Каких фактов не хватает",
                                                             "Хронология"]
    assert page.get_by_label("Вопрос", exact=True).input_value() == "measures.start_on"  # the form came along
    check_readable(page, width)
    page.screenshot(path=str(OUT / f"page-{width}-ru.png"), full_page=True)
    context.close()
    assert elsewhere == [], "the page asked another host"
    assert problems == []


def test_unknown_and_did_not_happen_are_different_answers(server: Server, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(server.url + "/?lang=en")
    page.get_by_label("Question", exact=True).select_option("summons.served_on")
    page.get_by_label("Answer as of").fill("2024-05-01")
    page.get_by_role("button", name="Answer").click()
    page.locator("#result .answer").wait_for()
    assert "Not determined" in page.locator("#result .answer").inner_text()
    missing = page.locator("ul.missing li").all_inner_texts()
    assert any("summons.handed_over_on" in m for m in missing)
    for name in ("summons.handed_over_on", "summons.sent_to_workplace_on", "summons.mail_delivered_on",
                 "summons.posted_to_account_on", "summons.placed_in_register_on"):
        page.locator(f'fieldset[data-fact="{name}"] input[value=none]').check()
    page.get_by_role("button", name="Answer").click()
    from playwright.sync_api import expect

    expect(page.locator("#result .answer")).not_to_contain_text("Not determined")  # (the page's CSP forbids eval)
    assert page.locator("#result .answer").inner_text().startswith("Date the summons counts as served: none")
    page.close()


def test_a_problem_is_shown_not_thrown(server: Server, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(server.url + "/?lang=ru")
    page.locator('fieldset[data-fact="person.birth_date"] input[type=date]').fill("9999-12-31")
    page.locator('fieldset[data-fact="person.sex"] select').select_option("male")
    page.get_by_label("Вопрос", exact=True).select_option("conscription.liable_by_age")
    page.get_by_role("button", name="Ответ").click()
    page.locator("ul.problems").wait_for()
    assert "выходит за пределы календаря" in page.locator("ul.problems").inner_text()
    page.close()
