"""Contradictions: two normative statements that cannot both be followed.

Pipeline: every normative statement of a normative, non-deprecated clause gets a stance
(from its modality, flipped by a verb that carries the negation: "must decline to X"); a
statement with no modal verb counts when it instructs ("If asked, state the time") or
tells what the assistant does ("The assistant offers a discount ...", "The assistant
does not quote prices")
and a structured reading (:mod:`charter.nlp.norm`); :mod:`~charter.check.retrieve`
proposes candidate pairs from a meaning index; :func:`~charter.check.decide.decide`
judges each pair whose modules meet — one is the other, one imports the other, or a
third module imports both (composition).

A conflict is then settled by the chain of command:

- different levels, or one clause (or an ancestor) overrides or implements the other:
  settled — C041 (info) on the statement that gives way;
- same level and no override: C040 (error), two root clauses included, naming both
  statements, the situation in which both apply and the question to resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from charter.check import codes
from charter.check.decide import Norm, Stance, Verdict, decide
from charter.check.diag import make, related
from charter.check.retrieve import candidates as retrieve
from charter.check.symbols import SymbolTable
from charter.diagnostics import Diagnostic
from charter.nlp.norm import Reading
from charter.nlp.norm_cache import cache_folder, read_texts
from charter.spec.budgets import over_budget
from charter.spec.inline import plain_text
from charter.spec.model import Clause, Modality, Module, Statement
from charter.spec.statements import read_modality

Key = tuple[str, str]
_MARKUP = re.compile(r"[\[*`]")  # inline markup that plain_text removes
# Verbs that negate what they govern and that the modality reader does not flip itself
# ("avoid" and "refrain" it already reads as "should not").
_FLIPPING = frozenset({"refuse", "decline", "abstain", "forgo", "cease", "stop"})


def check_contradictions(table: SymbolTable) -> list[Diagnostic]:
    norms = collect_norms(table)
    settle = _Settler(table)
    meet = _meeting(table)
    found: list[Diagnostic] = []
    for i, j in retrieve(norms).pairs:
        a, b = norms[i], norms[j]
        if not meet(a.module, b.module):
            continue
        verdict = decide(a, b)
        if verdict is not None:
            diagnostic = settle(a, b, verdict)
            if diagnostic is not None:
                found.append(diagnostic)
    return found


def candidates(table: SymbolTable, narrowed: bool = True) -> list[tuple[Norm, Norm]]:
    """The pairs that reach the decision step (for measuring candidate recall); with
    ``narrowed=False`` also those on one behaviour but about told-apart objects."""
    norms = collect_norms(table)
    meet = _meeting(table)
    pairs = [(norms[i], norms[j]) for i, j in retrieve(norms, narrowed).pairs]
    return [(a, b) for a, b in pairs if meet(a.module, b.module)]


def collect_norms(table: SymbolTable) -> list[Norm]:
    """Normative statements of normative, non-deprecated clauses, with their reading."""
    found: list[tuple[Module, Clause, Statement, str]] = []
    for module in table.project.modules:
        for clause in module.clauses:
            if clause.authority is None or clause.status == "deprecated":
                continue
            for statement in clause.statements:
                if over_budget(statement.text):
                    continue  # reported by the parser (P025); syntax of 100 KB is not read
                if statement.modality.normative or statement.text[:1].isupper():
                    text = statement.text
                    plain = plain_text(text) if _MARKUP.search(text) else text
                    found.append((module, clause, statement, plain))
    folder = cache_folder(Path(table.project.root))
    readings = read_texts([plain for *_, plain in found], folder)
    norms: list[Norm] = []
    for (module, clause, statement, _plain), reading in zip(found, readings, strict=True):
        if not statement.modality.normative and not _instruction(reading):
            continue
        if statement.modality.normative and not _own_modality(plain, reading):
            continue  # the modal verb sits in a condition or a relative clause: unclear
        stance = _stance(statement.modality, reading.negating)
        if stance is not None and reading.verbs:
            strong = statement.modality in (Modality.MUST, Modality.MUST_NOT)
            norms.append(Norm(module, clause, statement, stance, strong, reading))
    return norms


# Verbs of imperatives that point at the text rather than instruct the model.
_META_VERBS = frozenset({"see", "note", "consider", "compare", "read", "refer", "recall"})


def _instruction(reading: Reading) -> bool:
    """An imperative without a modal verb ("Keep replies short.") is an obligation, and so
    is what the assistant is said to do ("The assistant offers a discount ...")."""
    told = reading.imperative or reading.habitual
    return told and reading.verbs[-1:] != () and reading.verbs[-1] not in _META_VERBS


def _own_modality(text: str, reading: Reading) -> bool:
    """The main verb carries the modal phrase, or the text has none of its own (a list
    item under "The assistant should not:")."""
    return reading.governed or reading.imperative or read_modality(text)[2] is None


def _stance(modality: Modality, negating: str | None) -> Stance | None:
    if modality.negative:
        stance = Stance.PROHIBITION
    elif modality is Modality.MAY:
        stance = Stance.PERMISSION
    else:
        stance = Stance.OBLIGATION
    flipping = _FLIPPING if modality.normative else _FLIPPING | {"avoid", "refrain", "not"}
    if negating not in flipping:  # "The assistant avoids X" has no modal verb to read
        return stance
    if stance is Stance.OBLIGATION:
        return Stance.PROHIBITION  # "must decline to X"
    return None  # "may refuse to X", "must not refuse to X": no firm stance on X


def _meeting(table: SymbolTable) -> Callable[[Module, Module], bool]:
    """A test: do two modules meet in some product (one imports the other, directly or
    not, or a third module imports both)?"""
    importers: dict[str, set[str]] = {m.path: {m.path} for m in table.project.modules}
    for module in table.project.modules:
        for path in table.reachable(module):
            importers.setdefault(path, {path}).add(module.path)

    known: dict[tuple[str, str], bool] = {}

    def meet(a: Module, b: Module) -> bool:
        key = (a.path, b.path)
        found = known.get(key)
        if found is None:
            found = known[key] = a.path == b.path or not importers.get(a.path, set()).isdisjoint(
                importers.get(b.path, set())
            )
        return found

    return meet


def _override_pairs(table: SymbolTable) -> set[tuple[Key, Key]]:
    """(overrider, overridden) for every resolved ``overrides=`` and ``implements=``."""
    pairs: set[tuple[Key, Key]] = set()
    for module in table.project.modules:
        for clause in module.clauses:
            for ref in (*clause.overrides, *clause.implements):
                target = table.resolve(module, ref).found
                if target is not None:
                    pairs.add(((module.path, clause.id), (target.module.path, target.clause.id)))
    return pairs


class _Settler:
    """Settles conflicts by the chain of command, remembering what it derived per clause
    (its ancestry) and per pair of levels (their ranks): a project with many conflicts
    asks the same questions many times."""

    def __init__(self, table: SymbolTable) -> None:
        self.table = table
        self.pairs = _override_pairs(table)
        self._lineages: dict[Key, list[Key]] = {}
        self._ranks: dict[tuple[str, str, str, str], tuple[int, int] | None] = {}

    def __call__(self, a: Norm, b: Norm, verdict: Verdict) -> Diagnostic | None:
        ranks = self.ranks(a, b)
        if ranks is None:
            return None
        if ranks[0] != ranks[1]:
            winner, loser = (a, b) if ranks[0] < ranks[1] else (b, a)
            why = f"'{_level(winner)}' outranks '{_level(loser)}', so #{winner.clause.id} wins"
            return _settled(winner, loser, verdict, why)
        for winner, loser in ((a, b), (b, a)):
            if self.overrides(winner, loser):
                why = f"#{winner.clause.id} overrides #{loser.clause.id}"
                return _settled(winner, loser, verdict, why)
        return _unsettled(a, b, verdict)

    def overrides(self, a: Norm, b: Norm) -> bool:
        return any((x, y) in self.pairs for x in self.lineage(a) for y in self.lineage(b))

    def lineage(self, norm: Norm) -> list[Key]:
        keys = self._lineages.get(norm.key)
        if keys is None:
            keys = self._lineages[norm.key] = _lineage(norm)
        return keys

    def ranks(self, a: Norm, b: Norm) -> tuple[int, int] | None:
        key = (a.module.path, a.clause.authority or "", b.module.path, b.clause.authority or "")
        if key not in self._ranks:
            self._ranks[key] = _ranks(self.table, a, b)
        return self._ranks[key]


def _lineage(norm: Norm) -> list[Key]:
    keys: list[Key] = []
    clause: Clause | None = norm.clause
    while clause is not None and len(keys) < 64:
        keys.append((norm.module.path, clause.id))
        clause = norm.module.clause(clause.parent) if clause.parent else None
    return keys


def _ranks(table: SymbolTable, a: Norm, b: Norm) -> tuple[int, int] | None:
    """Both levels ranked in one chain (the first module's, else the second's)."""
    names = [table.chain(n.module).canonical(n.clause.authority or "") for n in (a, b)]
    if names[0] is None or names[1] is None:
        return None  # an unknown level is reported as C020; nothing to compare here
    for chain in (table.chain(a.module), table.chain(b.module)):
        ra, rb = chain.rank(names[0]), chain.rank(names[1])
        if ra is not None and rb is not None:
            return ra, rb
    return None


def _level(norm: Norm) -> str:
    return norm.clause.authority or "no level"


def _quote(norm: Norm) -> str:
    text = " ".join(norm.statement.text.split())
    text = text if len(text) <= 90 else text[:87] + "..."
    return f"'{text}' (#{norm.clause.id}, {_level(norm)})"


def _conflict(verdict: Verdict) -> str:
    where = f"; both apply {verdict.situation}" if verdict.situation else ""
    return f"{verdict.kind}{where}"


def _settled(winner: Norm, loser: Norm, verdict: Verdict, why: str) -> Diagnostic:
    message = (
        f"{_quote(loser)} is contradicted by {_quote(winner)} ({_conflict(verdict)}); "
        f"settled: {why}"
    )
    other = related(f"the statement that wins, in #{winner.clause.id}", winner.statement.span)
    return make(codes.C041, message, loser.statement.span, clause=loser.clause.id, others=[other])


def _unsettled(a: Norm, b: Norm, verdict: Verdict) -> Diagnostic:
    first, second = sorted((a, b), key=lambda n: (n.module.path, n.statement.span.line))
    level = _level(first)
    if level == "root":
        why = (
            "two root clauses contradict each other, and nothing outranks root: the model "
            "could only refuse; reconcile the wording"
        )
    else:
        why = (
            f"both are at level '{level}' and neither clause overrides the other; add "
            f"'overrides=#{first.clause.id}' to the one that should win, or reconcile them"
        )
    message = (
        f"{_quote(second)} contradicts {_quote(first)} ({_conflict(verdict)}): {why}. "
        f"To resolve: {verdict.question}"
    )
    other = related(f"the contradicted statement, in #{first.clause.id}", first.statement.span)
    return make(codes.C040, message, second.statement.span, clause=second.clause.id, others=[other])
