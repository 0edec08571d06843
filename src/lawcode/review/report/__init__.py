"""A static HTML report for legal reviewers: per provision, the encoded cases and the scenarios testing them.

A folder of self-contained pages (inline style and search, nothing fetched, opens from disk):
``index.html`` with the totals, the uncovered cases, the provisions and the feature files; a page
per provision group; a page per feature file with each scenario's decisions. Every text is escaped.
"""

from __future__ import annotations

from pathlib import Path

from lawcode.review.coverage import Coverage
from lawcode.review.report.pages import render_pages
from lawcode.review.report.site import Site

__all__ = ["render_pages", "report_pages", "write_report"]


def report_pages(cov: Coverage, out: Path, lang: str = "en") -> dict[str, str]:
    """Every page of the report that would be written to ``out``: file name -> HTML."""
    return render_pages(Site(cov, lang, out))


def write_report(cov: Coverage, out: Path, lang: str = "en") -> Path:
    """Write the report's pages into ``out`` (pages of an earlier report are replaced); the index's path."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[ps]-*.html"):
        old.unlink()
    for name, html in report_pages(cov, out, lang).items():
        (out / name).write_text(html, encoding="utf-8")
    return out / "index.html"
