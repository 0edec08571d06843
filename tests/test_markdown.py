"""The Markdown explanation nests as written when a CommonMark renderer reads it (markdown-it-py).

Checked on the HTML tree, for every bundled question on every example, in both languages: every
"Considered and not applied:" is a list item of its own whose nested list holds the rejected cases
(never text run into the previous item); every rule relied on gets one section (a heading) and is
named by an item nested inside the case or rejection that read it; lists nest at most three deep,
so even a renderer with a low nesting limit shows everything.
"""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

import lawcode
from lawcode.rulebook.documents import read_facts_file

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
HEADS = {"en": "Considered and not applied:", "ru": "Рассмотрены и не применены:"}


class Node:
    def __init__(self, tag: str, parent: Node | None):
        self.tag, self.parent, self.children, self.text = tag, parent, [], ""

    def own_text(self) -> str:
        return self.text.strip()


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = Node("root", None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: object) -> None:
        node = Node(tag, self.at)
        self.at.children.append(node)
        self.at = node

    def handle_endtag(self, tag: str) -> None:
        while self.at.tag != tag and self.at.parent is not None:
            self.at = self.at.parent
        if self.at.parent is not None:
            self.at = self.at.parent

    def handle_data(self, data: str) -> None:
        self.at.text += data


def items(node: Node) -> list[Node]:
    out = []
    for child in node.children:
        if child.tag == "li":
            out.append(child)
        out.extend(items(child))
    return out


def first_text(li: Node) -> str:
    """The text of a list item before any nested list (paragraph tags included for loose lists)."""
    parts = [li.text]
    for child in li.children:
        if child.tag == "ul":
            break
        parts.append(child.text + "".join(c.text for c in child.children))
    return " ".join(p.strip() for p in parts if p.strip())


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("example", EXAMPLES, ids=[e.stem for e in EXAMPLES])
def test_markdown_nests_as_written(book: lawcode.Rulebook, example: Path, lang: str) -> None:
    facts = read_facts_file(example)
    md = MarkdownIt("commonmark")
    for question in book.rules:
        d = book.explain(question, facts, on=dt.date(2025, 1, 15), lang=lang)
        tree = Tree()
        tree.feed(md.render(d.to_markdown()))
        lis = items(tree.root)
        shown_traces = list(d.trace.walk(selections=False, rejected=True))  # the views show no selection
        rejected_cases = {r.case.id for t in shown_traces for r in t.rejected}
        heads = [li for li in lis if first_text(li) == HEADS[lang]]
        for li in lis:  # nothing runs into the text of another item
            text = first_text(li)
            assert text == HEADS[lang] or HEADS[lang] not in text, (question, text)
        for head in heads:
            [nested] = [c for c in head.children if c.tag == "ul"]
            for case in items(nested):
                if case.parent is nested:
                    assert first_text(case).split(":")[0] in rejected_cases, (question, first_text(case))
        shown = len(heads)
        expected = sum(1 for t in shown_traces if t.rejected)
        assert shown == expected, (question, shown, expected)
        headings = [n for n in tree.root.children if n.tag == "h4"]
        assert len(headings) == len(shown_traces) - 1, (question, [h.own_text() for h in headings])
        named = {h.own_text().rsplit("(", 1)[-1].rstrip(")") for h in headings}
        assert named == {t.rule for t in shown_traces[1:]}, question
        assert max((depth(li) for li in lis), default=0) <= 3, question


def depth(li: Node) -> int:
    n, node = 0, li.parent
    while node is not None:
        n += node.tag == "ul"
        node = node.parent
    return n
