"""One running scenario: the facts its steps set, the questions it asks, and the checks of the answers.

Every step text reaches ``ScenarioState.run``, which matches it against the rulebook's vocabulary
and performs the phrase's action (``perform``). A step that cannot run or a check that fails
stops the scenario with a message in the feature's language, located at the step.
"""

from __future__ import annotations

from typing import Any, NoReturn, assert_never

import pytest

from lawcode.api import Decision, Rulebook
from lawcode.errors import LawcodeError, LawcodeErrors, Location, safe_text
from lawcode.render.i18n import gettext
from lawcode.render.words import value_text
from lawcode.review import reading
from lawcode.review.messages import BadValue, listing, quoted
from lawcode.review.vocabulary import Action, StepError, StepMatch, Vocabulary
from lawcode.rulebook.citations import cite_text


class ScenarioState:
    """What one scenario has said so far: its facts, its question, the decision, where it is."""

    def __init__(self, book: Rulebook, vocabulary: Vocabulary):
        self.book, self.vocabulary = book, vocabulary
        self.facts: dict[str, Any] = {}
        self.fact_lines: dict[str, int] = {}
        self.decision: Decision | None = None
        self.decisions: list[Decision] = []
        self.scenario_name = ""
        self.scenario_line = 0
        self.lang = "en"
        self.file = "<feature>"
        self.line = 0
        self.text = ""

    def where(self) -> Location:
        return Location(self.file, self.line, None, None)

    def fail(self, message: str, hint: str | None = None, with_explanation: bool = False) -> NoReturn:
        text = f"{self.file}:{self.line}: {message}"
        if hint:
            text += "\n  " + gettext(self.lang, "hint") + f": {hint}"
        if with_explanation and self.decision is not None:
            law = self.the_law(self.decision)
            if law:
                text += "\n\n" + gettext(self.lang, "What decided it:") + "\n" + law
            text += "\n\n" + gettext(self.lang, "The decision and its explanation:") + "\n" + str(self.decision)
        pytest.fail(safe_text(text), pytrace=False)

    def perform(self, m: StepMatch, table: Any) -> None:
        """Do what the step's phrase says (every action handled: mypy checks the match is exhaustive)."""
        action = m.phrase.action
        match action:
            case Action.FACT:
                self.do_fact(m, table)
            case Action.FACTS_TABLE:
                self.do_facts_table(m, table)
            case Action.ASK_ON:
                self.do_ask_on(m, table)
            case Action.ASK:
                self.do_ask(m, table)
            case Action.ANSWER:
                self.do_answer(m, table)
            case Action.UNDETERMINED_NEEDS:
                self.do_undetermined_needs(m, table)
            case Action.UNDETERMINED:
                self.do_undetermined(m, table)
            case Action.CITES:
                self.do_cites(m, table)
            case Action.SAYS:
                self.do_says(m, table)
            case Action.RESTS_ON:
                self.do_rests_on(m, table)
            case Action.FLAGGED:
                self.do_flagged(m, table)
            case Action.NOT_FLAGGED:
                self.do_not_flagged(m, table)
            case _:
                assert_never(action)

    def the_law(self, d: Decision) -> str:
        """The case that decided the answer, in the feature's language: its words, its citation, and the
        statute's own words where the case quotes them: what a reviewer compares with the law first."""
        lines = []
        for case, text in reading.deciding_cases(d):
            cites = "; ".join(cite_text(c, self.lang) for c in case.cite)
            lines.append(f"  {case.id}: {text}")
            lines.append(f"    {cites}" + (" [" + gettext(self.lang, "unverified") + "]" if case.unverified else ""))
            if case.quote is not None:
                lines.append(f"    «{case.quote.text}» ({case.quote.source})")
        return "\n".join(lines)

    # -- steps ------------------------------------------------------------------------------
    def run(self, text: str, datatable: list[list[str]] | None) -> None:
        problem: tuple[str, str | None] | None = None
        try:
            match = self.vocabulary.match(text, self.lang, self.where())
            self.perform(match, datatable)
        except StepError as e:
            problem = (e.message, e.hint)
        except BadValue as e:
            problem = (e.message, e.hint)
        except LawcodeErrors as e:
            problem = ("\n".join(str(x) for x in e.errors), None)
        except LawcodeError as e:
            problem = (str(e), None)
        if problem is not None:
            self.fail(*problem)

    def set_fact(self, name: str, value: Any) -> None:
        if name in self.facts and self.facts[name] != value:
            self.fail(gettext(self.lang, "fact {name} is set twice (first on line {line})")
                      .format(name=name, line=self.fact_lines[name]),
                      gettext(self.lang, "keep one of the two steps"))
        self.facts[name] = value
        self.fact_lines[name] = self.line

    def do_fact(self, m: StepMatch, table: Any) -> None:
        fact = m.phrase.fact
        assert fact is not None
        self.set_fact(fact.name, m.phrase.fixed_value if m.phrase.fixed else m.values["value"])

    def do_facts_table(self, m: StepMatch, table: list[list[str]] | None) -> None:
        if not table or len(table) < 2:
            self.fail(gettext(self.lang, "a facts table needs a header row and at least one fact"),
                      "| fact | value |" if self.lang != "ru" else "| факт | значение |")
        for row in table[1:]:
            if len(row) < 2:
                self.fail(gettext(self.lang, "each row of the facts table needs a fact and a value"))
            name = self.vocabulary.fact_name(row[0].strip(), self.lang)
            self.set_fact(name, self.vocabulary.fact_value(self.book.facts[name], row[1].strip(), self.lang))

    def do_ask_on(self, m: StepMatch, table: Any) -> None:
        self.decision = self.book.explain(m.values["question"], self.facts, on=m.values["date"], lang=self.lang)
        self.decisions.append(self.decision)

    def do_ask(self, m: StepMatch, table: Any) -> None:
        self.decision = self.book.explain(m.values["question"], self.facts, lang=self.lang)
        self.decisions.append(self.decision)

    def asked(self) -> Decision:
        if self.decision is None:
            question = next(iter(sorted(self.book.rules)), "QUESTION")
            example = (f"Когда я спрашиваю {question} на 15.04.2024" if self.lang == "ru"
                       else f"When I ask for {question} on 2024-04-15")
            self.fail(gettext(self.lang, "no question was asked before this step"),
                      gettext(self.lang, "add a step such as: {example}").format(example=example))
        return self.decision

    def do_answer(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        expected = self.vocabulary.answer(d.question, m.values["answer"], self.lang)
        shown = quoted(m.values["answer"], self.lang)
        if d.status != "decided":
            self.fail(gettext(self.lang, "expected the answer {expected}, but the decision is undetermined; "
                                         "it needs: {missing}").format(expected=shown,
                                                                       missing=listing(d.missing, self.lang)),
                      with_explanation=True)
        got = d.value
        if isinstance(expected, list) and isinstance(got, list):
            same = sorted(expected) == sorted(got)
        else:
            same = expected == got
        if not same:
            self.fail(gettext(self.lang, "expected the answer {expected}, got {got}")
                      .format(expected=shown, got=value_text(self.book.data, d.question, got, self.lang)),
                      with_explanation=True)

    def do_undetermined(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        if d.status != "undetermined":
            self.fail(gettext(self.lang, "expected an undetermined decision, got the answer {got}")
                      .format(got=value_text(self.book.data, d.question, d.value, self.lang)), with_explanation=True)

    def do_undetermined_needs(self, m: StepMatch, table: Any) -> None:
        self.do_undetermined(m, table)
        d = self.asked()
        if m.values["fact"] not in d.missing:
            self.fail(gettext(self.lang, "the decision does not need {fact}; it needs: {missing}")
                      .format(fact=m.values["fact"], missing=listing(d.missing, self.lang)), with_explanation=True)

    def do_cites(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        wanted = _norm(m.values["citation"])
        forms = reading.citation_forms(d)
        if not any(wanted in _norm(f) for f in forms):
            shown = [f for i, f in enumerate(forms) if i % 2 == (1 if self.lang == "ru" else 0)]
            self.fail(gettext(self.lang, "the explanation does not cite {citation}; it cites: {cites}")
                      .format(citation=quoted(m.values["citation"], self.lang), cites=listing(shown, self.lang)),
                      with_explanation=True)

    def do_says(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        if _norm(m.values["text"]) not in _norm(str(d)):
            self.fail(gettext(self.lang, "the explanation does not say {text}")
                      .format(text=quoted(m.values["text"], self.lang, step=True)), with_explanation=True)

    def do_rests_on(self, m: StepMatch, table: Any) -> None:
        d = self.asked()
        # the asked rule's case, or a case of a rule it relied on (the channel behind summons.served_on)
        cases = reading.cases_relied_on(d)
        if m.values["case"] not in cases:
            self.fail(gettext(self.lang, "the decision rests on {cases}, not on case {case}")
                      .format(cases=listing(cases, self.lang), case=quoted(m.values["case"], self.lang)),
                      with_explanation=True)

    def do_flagged(self, m: StepMatch, table: Any) -> None:
        if not reading.is_flagged(self.asked()):
            self.fail(gettext(self.lang, "the explanation is not flagged unverified"), with_explanation=True)

    def do_not_flagged(self, m: StepMatch, table: Any) -> None:
        if reading.is_flagged(self.asked()):
            self.fail(gettext(self.lang, "the explanation is flagged unverified"), with_explanation=True)


def _norm(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).lower()
