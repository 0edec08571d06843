"""The report in a real browser (headless Chromium): 1280 and 390 px wide, English and Russian.

Nothing may be wider than the screen (no sideways scroll, no badge or path cut off), the search
box filters offline, and with script off every page still reads. Screenshots go to
out/report-screens/ (not committed). Skipped, saying why, where Chromium or Playwright is missing:
`apt-get install -y chromium` and the `test` extra provide them (.ci/run installs Chromium).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from lawcode.cli import main

ROOT = Path(__file__).resolve().parent.parent
SCREENS = ROOT / "out" / "report-screens"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = (1280, 390)

# every element's right edge within the viewport (those hidden, and inside closed <details>, aside)
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth, out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    if (r.right > width + 1 || r.left < -1) {
      out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
    }
    if (out.length > 5) break;
  }
  return {scroll: document.documentElement.scrollWidth, width, out};
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no Chromium on this machine (apt-get install -y chromium): the report's browser checks did "
                    "not run")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright is not installed (pip install -c constraints.txt -e '.[test]'): browser checks skipped")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory, bundled_results: Path) -> dict[str, Path]:
    """The report of every bundled scenario, in English and in Russian."""
    out = {}
    for lang in ("en", "ru"):
        folder = tmp_path_factory.mktemp(f"report-{lang}")
        assert main(["report", "--results", str(bundled_results), "--out", str(folder), "--report-lang", lang]) == 0
        out[lang] = folder
    return out


def _largest(folder: Path, prefix: str) -> str:
    return max(folder.glob(f"{prefix}*.html"), key=lambda p: p.stat().st_size).name


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_pages_fit_the_screen_at_1280_and_390_px(browser: Any, reports: dict[str, Path], lang: str) -> None:
    folder = reports[lang]
    names = ["index.html", _largest(folder, "p-"), _largest(folder, "s-")]
    SCREENS.mkdir(parents=True, exist_ok=True)
    sizes = {p.name: p.stat().st_size for p in sorted(folder.glob("*.html"))}
    (SCREENS / f"sizes-{lang}.json").write_text(json.dumps(sizes, indent=1), encoding="utf-8")
    for width in WIDTHS:
        page = browser.new_page(viewport={"width": width, "height": 900})
        for name in names:
            page.goto((folder / name).as_uri())
            # open every explanation too: what a reader opens must fit as well
            page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            found = page.evaluate(OVERFLOW)
            assert found["scroll"] <= found["width"], f"{lang} {width}px {name}: scrolls sideways {found}"
            assert found["out"] == [], f"{lang} {width}px {name}: cut off: {found['out']}"
            page.screenshot(path=str(SCREENS / f"{lang}-{width}-{name.removesuffix('.html')}.png"))
        page.close()


def test_search_filters_offline_and_finds_across_pages(browser: Any, reports: dict[str, Path]) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto((reports["ru"] / "index.html").as_uri())
    assert page.is_visible("#q"), "the script shows the search box"
    page.fill("#q", "served_on register")
    hits = page.locator("#hits a")
    assert hits.count() >= 1
    first = hits.first.get_attribute("href") or ""
    assert first.startswith("p-53-FZ.31.html#c-summons.served_on--register") or "register" in first
    assert "найдено:" in page.inner_text("#count")
    page.screenshot(path=str(SCREENS / "ru-390-index-search.png"))
    group = _largest(reports["ru"], "p-")
    page.goto((reports["ru"] / group).as_uri() + "?q=нет-такого-слова")
    assert page.locator("[data-search]:visible").count() == 0, "?q= fills the box and filters"
    page.fill("#q", "")
    assert page.locator(".case:visible").count() == page.locator(".case").count()
    page.close()


def test_without_script_everything_reads_and_no_box_is_shown(browser: Any, reports: dict[str, Path]) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page = context.new_page()
    group = _largest(reports["en"], "p-")
    page.goto((reports["en"] / group).as_uri())
    assert not page.is_visible("form.search")
    assert page.locator(".case:visible").count() == page.locator(".case").count() > 0
    context.close()
