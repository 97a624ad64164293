"""Findings of the segment-local lint rules, clause by clause, reused while a clause and
what its findings depend on are unchanged.

An edit in the editor changes one clause of a 300-clause module; the data rules
(existence, substitution, occurrence, conditional) read one segment at a time, so their
findings on the other 299 clauses are those of the previous run. :class:`ClauseCache`
runs those rules over one clause at a time (a :class:`ModuleContext` narrowed with
``only=``) and keys each clause's findings by everything they are computed from (a
module's first run goes over the whole module, as without the cache, and files the
findings by the clause each names):

- the clause itself (a frozen value: its text, spans, authority, parent, examples…). A
  clause that only moved, because lines were added or removed above it, is a different
  value: it is found by its id, lines, prompts and context instead, and its findings
  are reused with their lines shifted when the clause equals the kept one but for the
  shift of every line number (:func:`same_but_moved`);
- its source lines (segments take their columns from them), and the prompt files it
  tags, with their lines;
- the module-wide context: rule severities for the file, the ``informative`` setting,
  the glossary and defined terms, whether the module is over the line budget, and the
  rule set itself.

Rules that read more than one segment (consistency, and every Python rule) are not
cached: the engine runs them over the whole module, as before. The findings and their
order are those of a run without the cache (tests compare both on the three Model Spec
releases). Memory holds the last run of each module path, not every run.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import replace

from charter.collector import one_shot_process
from charter.diagnostics import Diagnostic
from charter.lint.context import ModuleContext
from charter.lint.rules import Rule, RuleType
from charter.spec.budgets import FILE_LINES
from charter.spec.model import Clause

LOCAL = frozenset(
    {RuleType.EXISTENCE, RuleType.SUBSTITUTION, RuleType.OCCURRENCE, RuleType.CONDITIONAL}
)
SHARED = ("defined_terms", "glossary")  # module-wide cached properties the narrowed share

Runner = Callable[[ModuleContext, Rule], Iterable[Diagnostic]]
_Found = dict[str, list[Diagnostic]]  # rule code → findings on one clause
_Key = tuple[Hashable, Clause, tuple[str, ...], Hashable]  # context, clause, lines, prompts


class ClauseCache:
    def __init__(self) -> None:
        self._kept: dict[str, dict[_Key, _Found]] = {}  # module path → clause key → found
        self._rules: dict[str, Sequence[Rule]] = {}  # held, so the ids in the keys stay theirs

    def findings(self, ctx: ModuleContext, rules: Sequence[Rule], run: Runner) -> _Found:
        """Findings of each of ``rules`` (all in :data:`LOCAL`) over ``ctx``'s module:
        per rule, clause after clause, as running each rule over the module gives them."""
        if one_shot_process():
            return {}  # nothing will ask again: the engine runs every rule as uncached
        out: _Found = {rule.code: [] for rule in rules}
        if not rules:
            return out
        context = _context_key(ctx, rules)
        keys: list[_Key] = [
            (context, clause, _clause_lines(ctx, clause), _prompts(ctx, clause))
            for clause in ctx.module.clauses
        ]
        old = self._kept.get(ctx.module.path)
        if old is None:  # a first run: the whole module at once, then filed by clause
            return self._first(ctx, rules, run, keys)
        moved = {_unplaced(key): (key[1], found) for key, found in old.items()}
        new: dict[_Key, _Found] = {}
        for clause, key in zip(ctx.module.clauses, keys, strict=True):
            found = old.get(key)
            if found is None:
                found = _moved(moved.get(_unplaced(key)), clause, ctx.module.path)
            if found is None:
                found = _run(narrowed(ctx, clause), rules, run)
            new[key] = found
            for code, items in found.items():
                out[code].extend(items)
        self._kept[ctx.module.path] = new
        self._rules[ctx.module.path] = rules
        return out

    def _first(
        self, ctx: ModuleContext, rules: Sequence[Rule], run: Runner, keys: Sequence[_Key]
    ) -> _Found:
        """Each rule over the whole module (as fast as without a cache); the findings are
        then filed under their clause (every finding of these rules names the clause of
        its segment, and keeps its order within it), unless clause ids repeat."""
        out = _run(ctx, rules, run)
        clauses = ctx.module.clauses
        by_id: dict[str | None, _Found] = {c.id: {r.code: [] for r in rules} for c in clauses}
        if len(by_id) != len(clauses):
            return out
        for code, items in out.items():
            for d in items:
                if d.clause not in by_id:
                    return out
                by_id[d.clause][code].append(d)
        self._kept[ctx.module.path] = {k: by_id[c.id] for c, k in zip(clauses, keys, strict=True)}
        self._rules[ctx.module.path] = rules
        return out

    def clear(self) -> None:
        self._kept.clear()
        self._rules.clear()


def _unplaced(key: _Key) -> Hashable:
    """A clause key without the clause's value: its id, lines, prompts and context."""
    context, clause, lines, prompts = key
    return (context, clause.id, lines, prompts)


def _moved(kept: tuple[Clause, _Found] | None, clause: Clause, path: str) -> _Found | None:
    """The findings of a clause that only moved (lines added or removed above it): those
    kept for it, shifted, when it equals the kept clause but for that shift."""
    if kept is None:
        return None
    before, found = kept
    delta = clause.span.line - before.span.line
    if delta == 0 or not same_but_moved(before, clause, delta):
        return None
    return {code: [shift(d, delta, path) for d in items] for code, items in found.items()}


_LINES = frozenset({"line", "end_line", "body_end_line"})


def same_but_moved(old: object, new: object, delta: int) -> bool:
    """``new`` equals ``old`` with every line number (a field named ``line``,
    ``end_line`` or ``body_end_line``; 0 and None mean none) moved by ``delta``."""
    if type(old) is not type(new):
        return False
    fields = getattr(old, "__dataclass_fields__", None)
    if fields is not None:
        for name in fields:
            a, b = getattr(old, name), getattr(new, name)
            if name in _LINES and isinstance(a, int) and a:
                if b != a + delta:
                    return False
            elif not same_but_moved(a, b, delta):
                return False
        return True
    if isinstance(old, tuple):
        assert isinstance(new, tuple)
        return len(old) == len(new) and all(
            same_but_moved(a, b, delta) for a, b in zip(old, new, strict=True)
        )
    return old == new


def shift(d: Diagnostic, delta: int, path: str) -> Diagnostic:
    """``d`` moved by ``delta`` lines when it stands in ``path`` (a finding in a prompt
    file stays where it is), with its fix and related places."""
    if d.path != path:
        return d
    fix = d.fix
    if fix is not None and fix.line is not None:
        end = fix.end_line + delta if fix.end_line is not None else None
        fix = replace(fix, line=fix.line + delta, end_line=end)
    related = tuple(
        replace(r, line=r.line + delta, end_line=r.end_line + delta if r.end_line else r.end_line)
        if r.path == path
        else r
        for r in d.related
    )
    end_line = d.end_line + delta if d.end_line is not None else None
    return replace(d, line=d.line + delta, end_line=end_line, fix=fix, related=related)


def narrowed(ctx: ModuleContext, clause: Clause) -> ModuleContext:
    """``ctx`` reading the segments of ``clause`` only, sharing the module-wide values."""
    sub = ModuleContext(ctx.project, ctx.module, ctx.sources, ctx.settings, ctx.levels)
    sub.only = clause
    for name in SHARED:
        sub.__dict__[name] = getattr(ctx, name)
    return sub


def _run(ctx: ModuleContext, rules: Sequence[Rule], run: Runner) -> _Found:
    return {rule.code: list(run(ctx, rule)) for rule in rules}


class _Context:
    """A context key that hashes once: each clause key holds it, and the defined terms in
    it run to thousands on a large project (rehashing them per clause was quadratic)."""

    __slots__ = ("_hash", "items")

    def __init__(self, items: tuple[object, ...]) -> None:
        self.items = items
        self._hash = hash(items)

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return (
            isinstance(other, _Context) and self._hash == other._hash and self.items == other.items
        )


_TERM_KEYS: dict[int, tuple[dict[str, str], tuple[tuple[str, str], ...]]] = {}


def _terms_key(terms: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The sorted defined terms, sorted once per (shared) terms dict, not per module."""
    kept = _TERM_KEYS.get(id(terms))
    if kept is None or kept[0] is not terms:
        _TERM_KEYS.clear()
        kept = _TERM_KEYS[id(terms)] = (terms, tuple(sorted(terms.items())))
    return kept[1]


def _context_key(ctx: ModuleContext, rules: Sequence[Rule]) -> Hashable:
    glossary = ctx.glossary
    return _Context(
        (
            ctx.module.path,
            tuple(id(rule) for rule in rules),
            tuple(sorted((code, level.value) for code, level in ctx.levels.items())),
            ctx.settings.informative,
            glossary.pattern if glossary is not None else None,
            _terms_key(ctx.defined_terms),
            ctx.module.line_count > FILE_LINES,
        )
    )


def _clause_lines(ctx: ModuleContext, clause: Clause) -> tuple[str, ...]:
    lines = ctx.lines
    return tuple(lines[max(clause.span.line - 1, 0) : max(clause.body_end_line, clause.span.line)])


def _prompts(ctx: ModuleContext, clause: Clause) -> Hashable:
    return tuple((p, tuple(ctx.sources.lines(p.path))) for p in ctx.prompts_for(clause))


CLAUSES = ClauseCache()  # the process's cache, which lint_project uses by default

__all__ = ["CLAUSES", "LOCAL", "ClauseCache", "narrowed"]
