"""The fast path: every rule of a rulebook compiled once to a generated Python function.

``decide`` runs these functions and nothing else: no contexts, no traces, no reasons. Each rule's
function picks the cases in force on its relevant date, computes each case's condition and value
with the statements ``language.pysource`` writes, and hands the outcomes to the same combination
code the explaining evaluator uses (``engine.combine``). It records per rule only what
citations and flags need: which cases applied, which rules they used, whether the combination
chose, and, when undetermined, the missing facts.

A rule's result is a tuple ``(value, missing, applied, selection_uses, chose)``: ``value`` is
UNKNOWN when undetermined (``missing`` then names the facts), ``applied`` holds
``(case index, rules used)`` pairs (the default case has index ``len(rule.cases)``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from lawcode.engine.combine import COMBINERS, Outcome, Verdict
from lawcode.engine.evaluate import conflict
from lawcode.engine.facts import fact_converter, unknown_fact_error
from lawcode.errors import N_, DateArithmeticError, EvaluationError, LawcodeError, Location, Message
from lawcode.language import UNKNOWN
from lawcode.language.pysource import Emitter, Val, runtime_namespace
from lawcode.rulebook.citations import cite_text
from lawcode.rulebook.model import Case, Citation, Combine, FactType, Rule, Rulebook, RuleType

U = UNKNOWN
Result = tuple[Any, Any, tuple[tuple[int, tuple[int, ...]], ...], tuple[int, ...], bool]
RuleFn = Callable[[Mapping[str, Any], dt.date, dict[int, Result]], Result]
_NATIVE = {FactType.DATE: dt.date, FactType.BOOL: bool, FactType.INT: int, FactType.TEXT: str}


class _CaseVars:
    """How the generated code names one case's outcome, and the tests and records built from it."""

    __slots__ = ("applied", "cond", "k", "known", "known_now", "uses", "value")

    def __init__(self, k: int, cond: str, value: str, known: str, known_now: str, applied: str, uses: str):
        self.k, self.cond, self.value, self.known, self.applied, self.uses = k, cond, value, known, applied, uses
        self.known_now = known_now  # the test, once the case counts, that neither its condition nor value is unknown


class _Program:
    """The source and namespace of one rulebook's generated module, written rule by rule.

    In a rule's function, each case keeps its own records: ``m<k>`` the facts it missed (None until
    one is missed: facts are usually known) and ``u<k>`` the rules it read (only for a case that
    reads rules); the version selection keeps ``ms`` and ``us``.
    """

    def __init__(self, book: Rulebook):
        self.book = book
        self.index = {name: i for i, name in enumerate(book.rules)}
        self.namespace: dict[str, Any] = runtime_namespace()
        self.namespace.update(DateArithmeticError=DateArithmeticError)
        self.source: list[str] = []
        self.missed, self.used = "m", "u"  # the record lists of the part being written

    # -- how generated code reads facts and rules -------------------------------------------------
    def _miss(self, em: Emitter, what: str, extend: bool = False) -> None:
        m = self.missed
        with em.block(f"if {m} is None:"):
            em.line(f"{m} = []")
        em.line(f"{m}.{'extend' if extend else 'append'}({what})")

    def read_fact(self, em: Emitter, name: str) -> Val:
        fact = self.book.facts[name]
        t = em.tmp()
        key = em.const(name)
        em.line(f"{t} = F.get({key}, U)")
        with em.block(f"if {t} is U:"):
            self._miss(em, key)
        native = _NATIVE.get(fact.type)
        if fact.type == FactType.ENUM:
            # a value that is not text (a list, a mapping) cannot be looked up in a set: check it too
            test = f"{t}.__class__ is not str or {t} not in {em.const(frozenset(fact.values))}"
        elif native is not None:
            test = f"{t}.__class__ is not {em.const(native)}"
            if fact.nullable:
                test = f"{t} is not None and {test}"
        else:  # pragma: no cover - every fact type is listed above
            test = "True"
        with em.block(f"elif {test}:"):
            em.line(f"{t} = {em.const(fact_converter(fact))}(F, {t})")
        return Val(t, unknown=True, null=fact.nullable)

    def read_rule(self, em: Emitter, name: str) -> Val:
        j = self.index[name]
        r, t = em.tmp(), em.tmp()
        em.line(f"{r} = M.get({j})")
        with em.block(f"if {r} is None:"):
            em.line(f"{r} = R{j}(F, on, M)")
        em.line(f"{self.used}.append({j})")
        em.line(f"{t} = {r}[0]")
        with em.block(f"if {t} is U:"):
            self._miss(em, f"{r}[1]", extend=True)
        return Val(t)

    # -- one rule ------------------------------------------------------------------------------------
    def rule(self, rule: Rule) -> None:
        i = self.index[rule.name]
        em = Emitter(self.namespace, self.read_fact, self.read_rule)
        selection = "()"
        if rule.relevant_date is not None:
            self._selection(em, rule, i)
            if rule.relevant_date.rules:
                em.line("sel = tuple(us)")
                selection = "sel"
        else:
            em.line("d = on")
        # under `first`, the first case known to apply decides: later cases cannot change the answer, so
        # they are not evaluated (unless the rule's own flag needs to know whether they would apply)
        early = rule.combine == Combine.FIRST and rule.combination is None
        if early:
            em.line("pend = False")
        cases = []
        for k, case in enumerate(rule.cases):
            c = self._case(em, rule, k, case)
            cases.append(c)
            if early:
                with em.block(f"if x{k}:"):
                    with em.block(f"if not pend{' and ' + c.known_now if c.known_now else ''}:"):
                        em.line(f"r = ({c.value}, (), {c.applied}, {selection}, False)")
                        em.line(f"M[{i}] = r")
                        em.line("return r")
                    em.line("pend = True")
        if early:
            with em.block("if not pend:"):
                em.line(f"r = NOCASE{i}({selection}, d, F, on, M)")
                em.line(f"M[{i}] = r")
                em.line("return r")
            self._slow(em, i, cases, selection)
        else:
            self._combine(em, rule, i, cases, selection)
        em.line(f"M[{i}] = r")
        em.line("return r")
        self.source.append(f"def R{i}(F, on, M):")
        self.source.extend(em.lines)
        self.source.append("")
        self._default(rule, i)
        slow, no_case = _finishers(rule, i, self.namespace)
        self.namespace[f"SLOW{i}"], self.namespace[f"NOCASE{i}"] = slow, no_case

    def _combine(self, em: Emitter, rule: Rule, i: int, cases: list[_CaseVars], selection: str) -> None:
        """The combination, written out for ``first`` and ``unique`` when no case is unknown (the common
        case); otherwise, and for the other combinations, the shared ``engine.combine`` code."""
        known = " and ".join(c.known for c in cases if c.known) or "True"
        fast = rule.combine in (Combine.FIRST, Combine.UNIQUE, Combine.EARLIEST, Combine.LATEST)
        if fast:
            if rule.combine == Combine.UNIQUE and len(cases) > 1:
                known += " and " + " + ".join(f"x{c.k}" for c in cases) + " <= 1"  # else: a conflict
            em.line(f"if {known}:")
            em.depth += 1
            if rule.combine in (Combine.EARLIEST, Combine.LATEST):
                self._extreme(em, rule, i, cases, selection)
            else:
                keyword = "if"
                for n, c in enumerate(cases):
                    later = " or ".join(f"x{d.k}" for d in cases[n + 1:]) if rule.combine == Combine.FIRST else ""
                    with em.block(f"{keyword} x{c.k}:"):
                        em.line(f"r = ({c.value}, (), {c.applied}, {selection}, {later or 'False'})")
                    keyword = "elif"
                if cases:
                    em.line("else:")
                    em.depth += 1
                em.line(f"r = NOCASE{i}({selection}, d, F, on, M)")
                if cases:
                    em.depth -= 1
            em.depth -= 1
            em.line("else:")
            em.depth += 1
        self._slow(em, i, cases, selection)
        if fast:
            em.depth -= 1

    @staticmethod
    def _slow(em: Emitter, i: int, cases: list[_CaseVars], selection: str) -> None:
        """Hand every case that counts to the shared combination code (``SLOW<i>``)."""
        em.line("outs = []")
        for c in cases:
            with em.block(f"if x{c.k}:"):
                em.line(f"outs.append(({c.k}, {c.cond}, {c.value}, m{c.k}, {c.uses}))")
        em.line(f"r = SLOW{i}(outs, {selection}, d, F, on, M)")

    @staticmethod
    def _extreme(em: Emitter, rule: Rule, i: int, cases: list[_CaseVars], selection: str) -> None:
        """``earliest``/``latest`` with every case known: the first best date wins; the combination chose
        when two cases gave a date."""
        better = "<" if rule.combine == Combine.EARLIEST else ">"
        em.line("b = -1")
        em.line("bv = None")
        em.line("n = 0")
        for c in cases:
            with em.block(f"if x{c.k} and {c.value} is not None:"):
                em.line("n += 1")
                with em.block(f"if b < 0 or {c.value} {better} bv:"):
                    em.line(f"b = {c.k}")
                    em.line(f"bv = {c.value}")
        keyword = "if"
        for c in cases:
            with em.block(f"{keyword} b == {c.k}:"):
                em.line(f"r = (bv, (), {c.applied}, {selection}, n > 1)")
            keyword = "elif"
        with em.block("else:" if cases else "if True:"):
            em.line(f"r = NOCASE{i}({selection}, d, F, on, M)")

    def _guarded(self, em: Emitter, on_error: Callable[[DateArithmeticError], Exception], body: Callable[[], None]) \
            -> None:
        """``body``'s statements, with a date count that cannot be made turned into ``on_error``'s error."""
        with em.block("try:"):
            body()
        with em.block("except DateArithmeticError as e:"):
            em.line(f"raise {em.const(on_error)}(e) from None")

    def _selection(self, em: Emitter, rule: Rule, i: int) -> None:
        expr = rule.relevant_date
        assert expr is not None
        self.missed, self.used = "ms", "us"
        em.line("ms = None")
        if expr.rules:
            em.line("us = []")

        def body() -> None:
            em.line(f"w = {em.value(expr.tree)}")

        self._guarded(em, _expression_error(expr.source, expr.location), body)
        with em.block("if w is U:"):
            em.line(f"r = (U, frozenset(ms or ()), (), {'tuple(us)' if expr.rules else '()'}, False)")
            em.line(f"M[{i}] = r")
            em.line("return r")
        em.line("d = on if w is None else w")

    def _case(self, em: Emitter, rule: Rule, k: int, case: Case) -> _CaseVars:
        """The statements evaluating one case into ``x<k>`` (it counts), ``c<k>`` and ``v<k>``."""
        period = case.in_force
        test = f"{em.const(period.start)} <= d" + (f" <= {em.const(period.until)}" if period.until else "")
        reads_rules = bool(case.value.rules or (case.when.rules if case.when is not None else ()))
        self.missed, self.used = f"m{k}", f"u{k}"
        em.line(f"x{k} = False")
        em.line(f"m{k} = None")
        found: dict[str, Val] = {}
        with em.block(f"if {test}:"):
            if reads_rules:
                em.line(f"u{k} = []")

            def body() -> None:
                if case.when is None:
                    found["c"] = Val("True", unknown=False, null=False)
                    found["v"] = em.value(case.value.tree)
                    em.line(f"v{k} = {found['v']}")
                    em.line(f"x{k} = True")
                    return
                c = found["c"] = em.value(case.when.tree)
                em.line(f"c{k} = {c}")
                with em.block(f"if c{k} is not False:"):
                    if c.null:  # a null yes/no fact or rule: the condition is neither yes nor no
                        with em.block(f"if c{k} is None:"):
                            em.line(f"raise {em.const(_not_yes_no(case))}(c{k})")
                    found["v"] = em.value(case.value.tree)
                    em.line(f"v{k} = {found['v']}")
                    em.line(f"x{k} = True")

            self._guarded(em, _case_error(rule, case), body)
        cond, value = found["c"], found["v"]
        cond_name = cond.src if case.when is None else f"c{k}"
        unknown = [f"{n} is not U" for n, v in ((cond_name, cond), (f"v{k}", value)) if v.unknown]
        known = f"(not x{k} or ({' and '.join(unknown)}))" if unknown else ""
        applied = f"(({k}, tuple(u{k})),)" if reads_rules else em.const(((k, ()),))
        return _CaseVars(k, cond_name, f"v{k}", known, " and ".join(unknown), applied,
                         f"u{k}" if reads_rules else "None")

    def _default(self, rule: Rule, i: int) -> None:
        """``D<i>``: the generated function giving the default case's value, what it missed and used."""
        if rule.default is None:
            return
        expr = rule.default.value
        em = Emitter(self.namespace, self.read_fact, self.read_rule)
        self.missed, self.used = "m", "u"
        em.line("m = None")
        em.line("u = []")

        def body() -> None:
            em.line(f"return {em.value(expr.tree)}, m, u")

        self._guarded(em, _expression_error(expr.source, expr.location), body)
        self.source.append(f"def D{i}(F, on, M):")
        self.source.extend(em.lines)
        self.source.append("")


def _expression_error(source: str, where: Location | None) -> Callable[[DateArithmeticError], Exception]:
    def make(e: DateArithmeticError) -> Exception:
        return EvaluationError(Message(N_("{problem} (in expression `{source}`)"),
                                   problem=e.said, source=source), where, e.hint_said)

    return make


def _case_error(rule: Rule, case: Case) -> Callable[[DateArithmeticError], Exception]:
    def make(e: DateArithmeticError) -> Exception:
        return EvaluationError(Message(N_("rule '{rule}', case '{case}': {problem}"),
                                       rule=rule.name, case=case.id, problem=e.said), case.location, e.hint_said)

    return make


def _not_yes_no(case: Case) -> Callable[[Any], Exception]:
    def make(cond: Any) -> Exception:
        where = case.when.location if case.when else case.location
        return EvaluationError(Message(N_("the condition of case '{case}' gave {value}, not yes/no"), case=case.id,
                                       value=repr(cond)), where)

    return make


def _finishers(rule: Rule, i: int, namespace: Mapping[str, Any]) -> tuple[Callable[..., Result],
                                                                          Callable[..., Result]]:
    """The rule's general ending (any combination, unknowns included) and its ending when no case applies.

    Outcomes are ``(case index, condition, value, missed facts or None, used rules or None)``.
    """
    combine = COMBINERS[rule.combine]
    cases = rule.cases
    default = rule.default
    default_index = len(cases)
    empty_list = rule.type == RuleType.LIST

    def no_case(selection: tuple[int, ...], d: dt.date, facts: Mapping[str, Any], on: dt.date,
                memo: dict[int, Result]) -> Result:
        if default is not None and default.in_force.contains(d):
            value, missed, used = namespace[f"D{i}"](facts, on, memo)  # generated with the rules
            if value is U:
                return U, frozenset(missed or ()), (), selection, False
            return value, (), ((default_index, tuple(used)),), selection, False
        return [] if empty_list else None, (), (), selection, False

    def slow(outs: list[Outcome], selection: tuple[int, ...], d: dt.date, facts: Mapping[str, Any], on: dt.date,
             memo: dict[int, Result]) -> Result:
        verdict, value, winners, pending, _, chose = combine(outs, False)
        if verdict is Verdict.DECIDED:
            return value, (), tuple((o[0], tuple(o[4] or ())) for o in winners), selection, chose
        if verdict is Verdict.UNDETERMINED:
            return U, frozenset(name for o in pending for name in o[3] or ()), (), selection, chose
        if verdict is Verdict.CONFLICT:
            raise conflict(rule, cases[winners[0][0]], cases[winners[1][0]])
        return no_case(selection, d, facts, on, memo)

    return slow, no_case


class CompiledRulebook:
    """A rulebook's rules as generated functions, compiled when a question first needs them.

    Only the rules a question can reach are compiled, so a command line answering one question pays
    for that question's rules alone.
    """

    def __init__(self, book: Rulebook):
        self.book = book
        self.program = _Program(book)
        self.index = self.program.index
        self.names = list(book.rules)
        self.functions: list[RuleFn | None] = [None] * len(self.names)
        self.known_facts = frozenset(book.facts)
        self.reads = {name: rule.reads() for name, rule in book.rules.items()}
        self.source = ""
        self.depth = chain_depths(book)
        # per rule (by index), per case (the default last): its citations in canonical form, each with
        # its structured citation; computed once, read by every explained decision
        self.cites: list[tuple[tuple[tuple[str, Citation], ...], ...]] = [
            tuple(tuple((cite_text(c), c) for c in case.cite) for case in rule.all_cases())
            for rule in book.rules.values()]

    def function(self, question: str) -> RuleFn:
        """The compiled function of ``question`` (and of every rule it can reach)."""
        i = self.index[question]
        fn = self.functions[i]
        if fn is None:
            fn = self._compile(question)
        return fn

    def _compile(self, question: str) -> RuleFn:
        todo, stack = [], [question]
        while stack:
            name = stack.pop()
            if self.functions[self.index[name]] is None and name not in todo:
                todo.append(name)
                stack.extend(self.reads[name])
        program = self.program
        program.source = []
        for name in todo:
            program.rule(self.book.rules[name])
        source = "\n".join(program.source)
        exec(compile(source, f"<lawcode rules {self.book.sha256[:12]}>", "exec"), program.namespace)
        self.source += source + "\n"
        for name in todo:
            i = self.index[name]
            self.functions[i] = program.namespace[f"R{i}"]
        fn = self.functions[self.index[question]]
        assert fn is not None
        return fn

    def run(self, question: str, facts: Mapping[str, Any], on: dt.date) -> tuple[int, dict[int, Result]]:
        """Evaluate ``question``; the memo holds every rule evaluated on the way."""
        if not facts.keys() <= self.known_facts:
            raise unknown_fact_error(self.book, facts, [k for k in facts if k not in self.known_facts])
        fn = self.functions[self.index[question]] or self.function(question)
        memo: dict[int, Result] = {}
        if self.depth[question] > SHALLOW:
            for name in prelude(self.book, question):  # deepest first, so no call goes deep
                with contextlib.suppress(LawcodeError):  # raised again if the question reads it
                    (self.functions[self.index[name]] or self.function(name))(facts, on, memo)
        try:
            fn(facts, on, memo)
        except RecursionError:
            raise too_deep(self.book, question) from None
        return self.index[question], memo


SHALLOW = 40  # rules reading rules this deep are evaluated bottom-up first (see ``prelude``)


def chain_depths(book: Rulebook) -> dict[str, int]:
    """For each rule, the length of the longest chain of rules it reads (0: it reads none)."""
    depth: dict[str, int] = {}
    for name in book.order:  # dependencies first
        depth[name] = 1 + max((depth[d] for d in book.rules[name].reads() if d in depth), default=-1)
    return depth


def prelude(book: Rulebook, question: str) -> list[str]:
    """The rules ``question`` may read, dependencies first: evaluated in this order, every read of a
    rule finds it already answered, so a chain of any length needs no deep recursion."""
    needed, stack = set(), [question]
    while stack:
        for d in book.rules[stack.pop()].reads():
            if d not in needed:
                needed.add(d)
                stack.append(d)
    return [name for name in book.order if name in needed]


def too_deep(book: Rulebook, question: str) -> EvaluationError:
    chain, name = [question], question
    while book.rules[name].reads() and len(chain) < 6:
        name = sorted(book.rules[name].reads())[0]
        chain.append(name)
    return EvaluationError(Message(N_("rules read each other too deeply to answer '{question}': {chain} -> ..."),
                                   question=question, chain=" -> ".join(chain)),
                           book.rules[question].location, Message(N_("shorten the chain of rules that read rules")))


def walk(memo: Mapping[int, Result], start: int, selections: bool = True) -> Iterable[int]:
    """The rules a result relied on, depth first from ``start``, each once (as ``Trace.walk``)."""
    seen: set[int] = set()
    stack = [start]
    while stack:
        i = stack.pop()
        if i in seen or i not in memo:
            continue
        seen.add(i)
        yield i
        _, _, applied, selection, _ = memo[i]
        children = list(selection) if selections else []
        for _, uses in applied:
            children.extend(uses)
        stack.extend(reversed(children))


__all__ = ["CompiledRulebook", "Result", "walk"]
