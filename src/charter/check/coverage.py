"""Test coverage of a spec: which testable clauses have examples, prompt files or test blocks.

A clause is *testable* when it is normative (it has a level of authority, its own or
inherited), not ``abstract`` (an interface has no behaviour of its own to test) and not
``deprecated``. It is *covered* when it has at least one example with a conversation,
a prompt file tagged by one of its statements, or a ``yaml test`` block. Counts are
given per module and per level of authority (levels in the module's chain order,
aliases such as ``platform`` folded into ``root``), and every untested clause is listed.

:func:`measure_coverage` returns values; :func:`render_coverage` turns them into text
and :meth:`Coverage.to_dict` into the JSON shape ``charter check --coverage`` prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from charter.check.levels import Chain, chain_for
from charter.spec.model import Clause, Module, Project, testable


@dataclass(slots=True)
class Tally:
    """Counts for one group of testable clauses (a module's level, a level, everything)."""

    clauses: int = 0
    examples: int = 0  # clauses with at least one example
    prompts: int = 0  # clauses with at least one prompt file
    tests: int = 0  # clauses with at least one test block
    covered: int = 0  # clauses with any of the three

    def add(self, has_examples: bool, has_prompts: bool, has_tests: bool) -> None:
        self.clauses += 1
        self.examples += has_examples
        self.prompts += has_prompts
        self.tests += has_tests
        self.covered += has_examples or has_prompts or has_tests

    @property
    def percent(self) -> float | None:
        """The covered share in percent; ``None`` when there is nothing to cover (a
        '100 %' of nothing would read as a success)."""
        return 100.0 * self.covered / self.clauses if self.clauses else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "clauses": self.clauses,
            "with_examples": self.examples,
            "with_prompt_files": self.prompts,
            "with_test_blocks": self.tests,
            "covered": self.covered,
            "percent": None if self.percent is None else round(self.percent, 1),
        }


@dataclass(frozen=True, slots=True)
class Untested:
    module: str
    path: str
    line: int
    clause: str
    title: str
    level: str


@dataclass(slots=True)
class ModuleCoverage:
    id: str
    path: str
    total: Tally = field(default_factory=Tally)
    levels: dict[str, Tally] = field(default_factory=dict)


@dataclass(slots=True)
class Coverage:
    total: Tally = field(default_factory=Tally)
    levels: dict[str, Tally] = field(default_factory=dict)
    modules: list[ModuleCoverage] = field(default_factory=list)
    untested: list[Untested] = field(default_factory=list)
    without_authority: int = 0  # clauses that are not testable because they have no level

    @property
    def reason(self) -> str | None:
        """Why nothing is testable, when nothing is (else ``None``): what to write."""
        if self.total.clauses:
            return None
        if not self.without_authority:
            return "no testable clause: every clause with authority is abstract or deprecated"
        return (
            f"no testable clause: {self.without_authority} clause(s) have no authority (add "
            "'authority=LEVEL' to a heading's {…} block, or 'authority: LEVEL' to the "
            "module's front matter)"
        )

    @property
    def summary(self) -> str:
        """The headline of the report, the first line of the text form."""
        total = self.total
        return self.reason or (
            f"{total.covered} of {total.clauses} testable clauses have examples, prompt "
            f"files or test blocks ({_share(total)})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary,
            "reason": self.reason,
            "without_authority": self.without_authority,
            **self.total.to_dict(),
            "levels": {name: t.to_dict() for name, t in self.levels.items()},
            "modules": [
                {
                    "id": m.id,
                    "path": m.path,
                    **m.total.to_dict(),
                    "levels": {name: t.to_dict() for name, t in m.levels.items()},
                }
                for m in self.modules
            ],
            "untested": [vars_of(u) for u in self.untested],
        }


def vars_of(item: Untested) -> dict[str, Any]:
    return {name: getattr(item, name) for name in Untested.__slots__}


def measure_coverage(project: Project) -> Coverage:
    """Coverage of every module of ``project``, in load order; levels in chain order."""
    coverage = Coverage()
    order: dict[str, int] = {}
    for module in project.modules:
        chain = chain_for(module, project.config)
        for rank, name in enumerate(chain.levels):
            order[name] = min(order.get(name, rank), rank)
        entry = ModuleCoverage(module.id, module.path)
        for clause in module.clauses:
            coverage.without_authority += clause.authority is None
            if testable(clause):
                has_prompts = bool(project.prompts_for(module, clause))
                _count(module, clause, chain, has_prompts, entry, coverage)
        entry.levels = _ordered(entry.levels, order)
        coverage.modules.append(entry)
    coverage.levels = _ordered(coverage.levels, order)
    return coverage


def _ordered(levels: dict[str, Tally], order: dict[str, int]) -> dict[str, Tally]:
    return dict(sorted(levels.items(), key=lambda item: (order.get(item[0], 99), item[0])))


def _count(
    module: Module,
    clause: Clause,
    chain: Chain,
    has_prompts: bool,
    entry: ModuleCoverage,
    coverage: Coverage,
) -> None:
    level = chain.canonical(clause.authority or "") or clause.authority or "?"
    has_examples = any(e.messages or e.candidates for e in clause.examples)
    has_tests = bool(clause.test_blocks)
    for tally in (
        coverage.total,
        coverage.levels.setdefault(level, Tally()),
        entry.total,
        entry.levels.setdefault(level, Tally()),
    ):
        tally.add(has_examples, has_prompts, has_tests)
    if not (has_examples or has_prompts or has_tests):
        coverage.untested.append(
            Untested(module.id, module.path, clause.span.line, clause.id, clause.title, level)
        )


def render_coverage(coverage: Coverage) -> str:
    """A table per module and level, totals per level, then the untested clauses."""
    total = coverage.total
    width = max([len("module / level"), *(len(m.path) for m in coverage.modules)])
    lines = [
        f"coverage: {coverage.summary}",  # with nothing to cover, why (not "0 of 0 (100%)")
        "",
        f"{'module / level':<{width}} {'clauses':>7} {'examples':>8} {'prompts':>7} "
        f"{'tests':>5} {'covered':>12}",
    ]
    for module in coverage.modules:
        lines.append(_row(module.path, module.total, width))
        lines.extend(_row(f"  {name}", t, width) for name, t in module.levels.items())
    lines.append(_row("all modules", total, width))
    lines.extend(_row(f"  {name}", t, width) for name, t in coverage.levels.items())
    if coverage.untested:
        lines += ["", f"untested clauses ({len(coverage.untested)}):"]
        lines.extend(
            f"  {u.path}:{u.line}: #{u.clause} ({u.level}) {u.title}" for u in coverage.untested
        )
    return "\n".join(lines)


def _row(label: str, tally: Tally, width: int) -> str:
    covered = f"{tally.covered} ({_share(tally)})"
    return (
        f"{label:<{width}} {tally.clauses:>7} {tally.examples:>8} {tally.prompts:>7} "
        f"{tally.tests:>5} {covered:>12}"
    )


def _share(tally: Tally) -> str:
    return "n/a" if tally.percent is None else f"{tally.percent:.0f}%"
