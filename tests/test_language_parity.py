"""A Russian and an English scenario for the same provision must give the same decision.

Feature files are paired by name (features/en/X.feature, features/ru/X.feature) and scenarios by
position; each concrete example is run through the vocabulary (its facts and question) without
pytest-bdd, and the two decisions must agree in status, value and applied case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from lawcode import bundled_rules_dir
from lawcode.api import load as load_rulebook
from lawcode.review.features import FeatureStep, read_feature
from lawcode.review.reading import answer_cases
from lawcode.review.vocabulary import Vocabulary

FEATURES = Path(__file__).resolve().parent.parent / "features"
BOOK = load_rulebook(bundled_rules_dir())
VOCABULARY = Vocabulary(BOOK)
PAIRS = sorted(p.name for p in (FEATURES / "en").glob("*.feature") if (FEATURES / "ru" / p.name).exists())


def decisions(steps: tuple[FeatureStep, ...], lang: str) -> list[tuple[str, Any, tuple[str, ...]]]:
    """Every decision the scenario asks for: (status, value, applied cases)."""
    facts: dict[str, Any] = {}
    out = []
    for step in steps:
        m = VOCABULARY.match(step.text, lang)
        action = m.phrase.action
        if action == "fact":
            assert m.phrase.fact is not None
            facts[m.phrase.fact.name] = m.phrase.fixed_value if m.phrase.fixed else m.values["value"]
        elif action == "facts_table":
            assert step.table is not None
            for name, raw in step.table[1:]:
                facts[name.strip()] = VOCABULARY.fact_value(BOOK.facts[name.strip()], raw.strip(), lang)
        elif action in ("ask", "ask_on"):
            d = BOOK.explain(m.values["question"], facts, on=m.values.get("date"), lang=lang)
            out.append((d.status, d.value, answer_cases(d)))
    return out


@pytest.mark.parametrize("name", PAIRS)
def test_english_and_russian_scenarios_decide_alike(name: str) -> None:
    en, en_problems = read_feature(FEATURES / "en" / name)
    ru, ru_problems = read_feature(FEATURES / "ru" / name)
    assert en is not None and ru is not None, (en_problems, ru_problems)
    assert len(en.scenarios) == len(ru.scenarios), "the two files must hold the same scenarios in the same order"
    for s_en, s_ru in zip(en.scenarios, ru.scenarios, strict=True):
        rows_en, rows_ru = list(s_en.concrete_steps()), list(s_ru.concrete_steps())
        assert len(rows_en) == len(rows_ru), f"'{s_en.name}' / '{s_ru.name}': different number of examples"
        for (_, steps_en), (_, steps_ru) in zip(rows_en, rows_ru, strict=True):
            assert decisions(steps_en, "en") == decisions(steps_ru, "ru"), f"'{s_en.name}' / '{s_ru.name}'"


def test_every_english_feature_has_a_russian_twin() -> None:
    en = {p.name for p in (FEATURES / "en").glob("*.feature")}
    ru = {p.name for p in (FEATURES / "ru").glob("*.feature")}
    assert en == ru, f"only in English: {sorted(en - ru)}; only in Russian: {sorted(ru - en)}"
