"""Contradictions: two normative statements with opposite stances on the same behaviour.

Finding candidates is a set-similarity join, not a comparison of every pair: each
statement's action words are ordered rarest first, and only a short prefix of them is
indexed (prefix filtering — two sets with Jaccard similarity ≥ t must share a word of
their t-prefixes). Only prohibitions are indexed and only obligations and permissions
probe, so the work grows with the number of statements sharing rare words, not with the
square of the number of statements.

A candidate is a contradiction when :func:`~charter.check.behaviour.conflicting` and
:func:`~charter.check.behaviour.same_behaviour` agree and the two modules see each other
(one is the other or imports it). Then the chain of command decides how it is reported:

- different levels, or one clause (or an ancestor) overrides or implements the other:
  settled — C041 (info) on the statement that gives way;
- same level and no override: C040 (error), two root clauses included (the chain of
  command then leaves the model nothing to follow but to refuse).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from charter.check import codes
from charter.check.behaviour import Behaviour, Stance, conflicting, read_behaviour, same_behaviour
from charter.check.diag import make, related
from charter.check.symbols import SymbolTable
from charter.diagnostics import Diagnostic
from charter.spec.model import Clause, Module, Statement

THRESHOLD = 0.6
Key = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Norm:
    module: Module
    clause: Clause
    statement: Statement
    behaviour: Behaviour

    @property
    def key(self) -> Key:
        return (self.module.path, self.clause.id)


def check_contradictions(table: SymbolTable) -> list[Diagnostic]:
    norms = collect_norms(table)
    overrides = _override_pairs(table)
    found: list[Diagnostic] = []
    for i, j in candidate_pairs(norms):
        a, b = norms[i], norms[j]
        if not conflicting(a.behaviour, b.behaviour):
            continue
        if not same_behaviour(a.behaviour, b.behaviour, THRESHOLD):
            continue
        if table.related_modules(a.module, b.module):
            diagnostic = _settle(table, overrides, a, b)
            if diagnostic is not None:
                found.append(diagnostic)
    return found


def collect_norms(table: SymbolTable) -> list[Norm]:
    """Normative statements of normative, non-deprecated clauses, with their behaviour."""
    norms: list[Norm] = []
    for module in table.project.modules:
        for clause in module.clauses:
            if clause.authority is None or clause.status == "deprecated":
                continue
            for statement in clause.statements:
                behaviour = read_behaviour(statement.text, statement.modality)
                if behaviour is not None and behaviour.action:
                    norms.append(Norm(module, clause, statement, behaviour))
    return norms


def candidate_pairs(norms: list[Norm], threshold: float = THRESHOLD) -> Iterator[tuple[int, int]]:
    """Pairs (obligation or permission, prohibition) whose action words may reach
    ``threshold`` Jaccard similarity: every such pair, and few others.

    Words are ordered rarest first. Two sets of sizes n and m with Jaccard ≥ t share at
    least ``_overlap(n, m, t)`` words, so their first shared word sits at a position
    ≤ size − overlap in both (prefix and positional filtering, as in PPJoin). The index
    is keyed by (word, set size, position), so a probe reads only postings that can
    still reach the overlap, and a common word deep in a set is never looked up.
    """
    frequency = Counter(w for n in norms for w in n.behaviour.action)
    ordered = [sorted(n.behaviour.action, key=lambda w: (frequency[w], w)) for n in norms]
    index: dict[str, dict[tuple[int, int], list[int]]] = defaultdict(dict)
    for j, norm in enumerate(norms):
        if norm.behaviour.stance is Stance.PROHIBITION:
            words = ordered[j]
            keep = len(words) - math.ceil(threshold * len(words) - 1e-9) + 1
            for position, word in enumerate(words[:keep]):
                index[word].setdefault((len(words), position), []).append(j)
    for i, norm in enumerate(norms):
        if norm.behaviour.stance is not Stance.PROHIBITION:
            for j in _probe(ordered[i], index, threshold):
                yield i, j


def _probe(
    words: list[str], index: dict[str, dict[tuple[int, int], list[int]]], threshold: float
) -> set[int]:
    n = len(words)
    low, high = max(1, math.ceil(threshold * n - 1e-9)), math.floor(n / threshold + 1e-9)
    found: set[int] = set()
    for position, word in enumerate(words[: n - _overlap(n, low, threshold) + 1]):
        for (m, other), ids in index.get(word, {}).items():
            if low <= m <= high:
                need = _overlap(n, m, threshold)
                if position <= n - need and other <= m - need:
                    found.update(ids)
    return found


def _overlap(n: int, m: int, threshold: float) -> int:
    """The fewest shared words two sets of sizes n, m need for Jaccard ≥ threshold."""
    return max(1, math.ceil(threshold / (1 + threshold) * (n + m) - 1e-9))


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


def _lineage(norm: Norm) -> list[Key]:
    keys: list[Key] = []
    clause: Clause | None = norm.clause
    while clause is not None and len(keys) < 64:
        keys.append((norm.module.path, clause.id))
        clause = norm.module.clause(clause.parent) if clause.parent else None
    return keys


def _overrides(pairs: set[tuple[Key, Key]], a: Norm, b: Norm) -> bool:
    return any((x, y) in pairs for x in _lineage(a) for y in _lineage(b))


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


def _settle(table: SymbolTable, pairs: set[tuple[Key, Key]], a: Norm, b: Norm) -> Diagnostic | None:
    ranks = _ranks(table, a, b)
    if ranks is None:
        return None
    if ranks[0] != ranks[1]:
        winner, loser = (a, b) if ranks[0] < ranks[1] else (b, a)
        why = f"'{_level(winner)}' outranks '{_level(loser)}', so #{winner.clause.id} wins"
        return _settled(winner, loser, why)
    for winner, loser in ((a, b), (b, a)):
        if _overrides(pairs, winner, loser):
            return _settled(winner, loser, f"#{winner.clause.id} overrides #{loser.clause.id}")
    return _unsettled(a, b)


def _level(norm: Norm) -> str:
    return norm.clause.authority or "no level"


def _quote(norm: Norm) -> str:
    text = " ".join(norm.statement.text.split())
    text = text if len(text) <= 90 else text[:87] + "..."
    return f"'{text}' (#{norm.clause.id}, {_level(norm)})"


def _settled(winner: Norm, loser: Norm, why: str) -> Diagnostic:
    message = f"{_quote(loser)} is contradicted by {_quote(winner)}; settled: {why}"
    other = related(f"the statement that wins, in #{winner.clause.id}", winner.statement.span)
    return make(codes.C041, message, loser.statement.span, clause=loser.clause.id, others=[other])


def _unsettled(a: Norm, b: Norm) -> Diagnostic:
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
    message = f"{_quote(second)} contradicts {_quote(first)}: {why}"
    other = related(f"the contradicted statement, in #{first.clause.id}", first.statement.span)
    return make(codes.C040, message, second.statement.span, clause=second.clause.id, others=[other])
