"""Build a :class:`~charter.report.model.Report` from the store and the spec.

The store gives the run, its results (responses, statuses, reasons), the previous run of
the same spec and the runs before it; the spec — loaded from the run's root unless given
— gives each clause's title, authority and statements, each case's conversation and the
clause's repeat policy. A spec that cannot be loaded any more still yields a report,
with clause ids only (and strict aggregation, the safe default).
"""

from __future__ import annotations

from collections.abc import Iterable

from charter.chat import ChatMessage
from charter.grade.judge import parse_reason
from charter.report.compare import Outcome, compare, outcomes, rates
from charter.report.model import (
    Attempt,
    CaseReport,
    ClauseReport,
    ModuleReport,
    Point,
    Rate,
    Report,
    RunInfo,
)
from charter.run.plan import Plan, plan_cases
from charter.run.repeats import is_strict
from charter.spec.model import DEFAULT_LEVELS, Clause, Module, Project
from charter.store.db import ResultRecord, Store
from charter.store.history import History, RunSummary


class SpecIndex:
    """Clauses, conversations and the order of clauses of a spec (or of nothing)."""

    def __init__(self, project: Project | None) -> None:
        self.project = project
        self.clauses: dict[tuple[str, str], tuple[Module, Clause]] = {}
        self.conversations: dict[str, tuple[tuple[str, str], ...]] = {}
        self.levels: list[str] = list(DEFAULT_LEVELS)
        if project is None:
            return
        for module in project.modules:
            for clause in module.clauses:
                self.clauses.setdefault((module.id, clause.id), (module, clause))
            self.levels += [level for level in module.levels if level not in self.levels]
        for case in plan_cases(project, Plan()):
            self.conversations[case.id] = tuple((m.role, _shown(m)) for m in case.messages)

    def clause(self, module: str, clause: str) -> Clause | None:
        found = self.clauses.get((module, clause))
        return found[1] if found else None

    def strict(self, module: str, clause: str) -> bool:
        return is_strict(self.clause(module, clause))

    def order(self, keys: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        """``keys`` in document order; clauses the spec no longer has go last."""
        position = {key: n for n, key in enumerate(self.clauses)}
        return sorted(keys, key=lambda k: (position.get(k, len(position)), k))


def spec_path(store: Store, root: str) -> str:
    """Where a run's spec is. Runs record the root they were given (often ``.``); the
    store lives in ``<project root>/.charter/``, so a relative root means that folder."""
    from pathlib import Path

    if Path(root).is_absolute() or store.path.parent.name != ".charter":
        return root
    return str(store.path.parent.parent)


def load_spec(root: str) -> Project | None:
    from charter.spec.loader import load

    try:
        project = load(root)
    except Exception:  # a spec that moved or broke must not prevent a report
        return None
    return project if project.modules else None


def _shown(message: ChatMessage) -> str:
    """A message as the report shows it: its text, then each tool call it made (name and
    arguments, as sent), which would otherwise show as an empty assistant turn."""
    calls = [f"→ {call.name}({call.arguments})" for call in message.tool_calls]
    return "\n".join(part for part in (message.content, *calls) if part)


def build_report(store: Store, ref: str, project: Project | None = None) -> Report:
    history = History(store)
    summary = history.find(ref, store.path)
    if project is None:
        project = load_spec(spec_path(store, summary.spec_root))
    index = SpecIndex(project)
    current = outcomes(history, summary.id, index.strict)
    previous = history.previous(summary)
    before = outcomes(history, previous.id, index.strict) if previous else None
    attempts = _attempts(store, summary.id)
    modules = _modules(index, current, attempts, before)
    return Report(
        run=_run_info(summary, attempts),
        rate=_sum(clause.rate for module in modules for clause in module.clauses),
        modules=modules,
        authorities=_authorities(modules, index.levels),
        comparison=compare(before, current, previous.id, summary.id)
        if previous and before is not None
        else None,
        history=tuple(_point(history, run, index) for run in history.timeline(summary)),
        spec_loaded=project is not None,
        not_run=tuple(store.unfinished(summary.id)),
    )


def _run_info(run: RunSummary, attempts: dict[str, list[Attempt]]) -> RunInfo:
    options = run.options
    judges = (a.grader for found in attempts.values() for a in found)
    grader = run.grader or next((g for g in judges if g and g.startswith("judge:")), None)
    return RunInfo(
        run.id,
        run.created,
        run.finished,
        run.status,
        run.model,
        grader,
        run.spec_root,
        run.spec_hash,
        int(options.get("repeat", 1) or 1),
        bool(options.get("with_spec")),
        run.stale,
    )


def _attempt(result: ResultRecord) -> Attempt:
    parsed = parse_reason(result.reason) if (result.grader or "").startswith("judge") else None
    verdict, reasoning = parsed if parsed else (None, result.reason)
    return Attempt(
        result.repeat,
        result.status,
        result.response,
        result.reason,
        verdict,
        reasoning,
        result.grader,
        result.model_version,
        result.cached,
        result.latency_s,
        _votes(result),
    )


def _votes(result: ResultRecord) -> tuple[dict[str, str], ...] | None:
    if result.judge_votes is None:
        return None
    return tuple(
        {"judge": v.judge, "verdict": v.verdict.value, "reason": v.reason}
        for v in result.judge_votes
    )


def _attempts(store: Store, run_id: str) -> dict[str, list[Attempt]]:
    found: dict[str, list[Attempt]] = {}
    for result in store.results(run_id):
        found.setdefault(result.case_id, []).append(_attempt(result))
    return found


def _modules(
    index: SpecIndex,
    current: dict[str, Outcome],
    attempts: dict[str, list[Attempt]],
    before: dict[str, Outcome] | None,
) -> tuple[ModuleReport, ...]:
    by_clause: dict[tuple[str, str], list[str]] = {}
    for case_id, outcome in current.items():
        by_clause.setdefault((outcome.module, outcome.clause), []).append(case_id)
    previous_rates = rates(before) if before is not None else {}
    modules: dict[str, list[ClauseReport]] = {}
    for key in index.order(by_clause):
        cases = tuple(
            _case(index, case_id, current[case_id], attempts.get(case_id, []), before)
            for case_id in sorted(by_clause[key])
        )
        old = previous_rates.get(key)
        modules.setdefault(key[0], []).append(_clause(index, key, cases, old.rate if old else None))
    return tuple(
        ModuleReport(module, _module_title(index, module), tuple(clauses))
        for module, clauses in modules.items()
    )


def _module_title(index: SpecIndex, module_id: str) -> str:
    for module, _ in index.clauses.values():
        if module.id == module_id:
            return module.title or module_id
    return module_id


def _case(
    index: SpecIndex,
    case_id: str,
    outcome: Outcome,
    attempts: list[Attempt],
    before: dict[str, Outcome] | None,
) -> CaseReport:
    local = case_id.rsplit("/", 1)[-1]
    old = before.get(case_id) if before is not None else None
    return CaseReport(
        id=case_id,
        kind=local.split("-", 1)[0],
        status=outcome.result.status,
        flaky=outcome.result.flaky,
        policy=outcome.result.policy,
        attempts=tuple(sorted(attempts, key=lambda a: a.repeat)),
        conversation=index.conversations.get(case_id, ()),
        previous=old.result.status if old else None,
    )


def _clause(
    index: SpecIndex, key: tuple[str, str], cases: tuple[CaseReport, ...], previous: float | None
) -> ClauseReport:
    clause = index.clause(*key)
    counts: dict[str, int] = {}
    for case in cases:
        counts[case.status] = counts.get(case.status, 0) + 1
    rate = Rate(**counts, flaky=sum(1 for c in cases if c.flaky))
    if clause is None:
        return ClauseReport(key[0], key[1], key[1], None, (), "", cases, rate, previous)
    return ClauseReport(
        key[0],
        clause.id,
        clause.title,
        clause.authority,
        tuple(s.text for s in clause.statements),
        str(clause.span),
        cases,
        rate,
        previous,
    )


def _sum(rates_: Iterable[Rate]) -> Rate:
    total = Rate()
    for r in rates_:
        total = Rate(
            total.passed + r.passed,
            total.failed + r.failed,
            total.errored + r.errored,
            total.ungraded + r.ungraded,
            total.flaky + r.flaky,
        )
    return total


def _authorities(
    modules: tuple[ModuleReport, ...], levels: list[str]
) -> tuple[tuple[str, Rate], ...]:
    by_level: dict[str, list[Rate]] = {}
    for module in modules:
        for clause in module.clauses:
            by_level.setdefault(clause.authority or "unknown", []).append(clause.rate)
    order = {level: n for n, level in enumerate(levels)}
    names = sorted(by_level, key=lambda name: (order.get(name, len(order)), name))
    return tuple((name, _sum(by_level[name])) for name in names)


def _point(history: History, run: RunSummary, index: SpecIndex) -> Point:
    total = _sum(rates(outcomes(history, run.id, index.strict)).values())
    return Point(run.id, run.created, run.model, total.rate, total.passed, total.graded)
