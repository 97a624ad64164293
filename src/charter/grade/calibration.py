"""How far a judge agrees with the spec's own labels: agreement, Cohen's kappa, confusions.

Calibration grades every GOOD and BAD candidate of the spec's examples as if it were a
response. The spec's label is the expected verdict (GOOD → ``pass``, BAD → ``fail``);
the judge's verdict is read as ``pass``, ``fail`` (``fail`` or ``partial``: a partly
violating candidate still violates), ``n/a`` (a disagreement: every example applies to
its clause by construction) or *unscored* (no readable verdict, or the call failed).

Agreement and kappa are computed over scored candidates only and are ``None`` when none
is scored; unscored candidates are counted, never guessed. Kappa is Cohen's: observed
agreement corrected for the agreement expected by chance from each side's label
frequencies, ``(p_o - p_e) / (1 - p_e)``; it is ``None`` when ``p_e`` is 1 (both sides
used a single identical label throughout, so chance explains everything).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("pass", "fail", "partial", "n/a", "unscored")
_LABEL_ROW = {"pass": "good", "fail": "bad"}


@dataclass(frozen=True, slots=True)
class Judged:
    """One candidate: what the spec says it is and what the judge said."""

    id: str
    module: str
    clause: str
    expected: str  # "pass" (GOOD) or "fail" (BAD)
    verdict: str | None  # the judge's verdict; None: unscored
    reasoning: str = ""
    error: str | None = None  # a provider failure, when the call did not succeed

    @property
    def category(self) -> str | None:
        """The judge's verdict as a calibration category: pass, fail, n/a; None: unscored."""
        if self.verdict is None:
            return None
        return "fail" if self.verdict == "partial" else self.verdict

    @property
    def agrees(self) -> bool:
        return self.category == self.expected


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement statistics of a set of judged candidates."""

    n: int
    scored: int
    unscored: int
    agreement: float | None
    kappa: float | None
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "scored": self.scored,
            "unscored": self.unscored,
            "agreement": self.agreement,
            "kappa": self.kappa,
            "confusion": self.confusion,
        }


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters over ``pairs`` (rater A's label, rater B's label)."""
    n = len(pairs)
    if n == 0:
        return None
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    chance = sum(first[c] * second[c] for c in first.keys() | second.keys()) / (n * n)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


def confusion(items: Iterable[Judged]) -> dict[str, dict[str, int]]:
    """Rows ``good`` / ``bad`` (the spec's label), columns the judge's outcomes."""
    table = {row: dict.fromkeys(OUTCOMES, 0) for row in ("good", "bad")}
    for item in items:
        table[_LABEL_ROW[item.expected]][item.verdict or "unscored"] += 1
    return table


def agreement_of(items: Sequence[Judged]) -> Agreement:
    scored = [i for i in items if i.category is not None]
    pairs = [(i.expected, i.category) for i in scored if i.category is not None]
    agreed = sum(1 for i in scored if i.agrees)
    return Agreement(
        n=len(items),
        scored=len(scored),
        unscored=len(items) - len(scored),
        agreement=agreed / len(scored) if scored else None,
        kappa=cohen_kappa(pairs),
        confusion=confusion(items),
    )


@dataclass(frozen=True, slots=True)
class CalibrationReport:
    """Overall and per-clause agreement, plus the judge and spec it was measured on."""

    overall: Agreement
    clauses: tuple[tuple[str, str, Agreement, tuple[str, ...]], ...]  # module, clause, ., misses
    errors: int
    judge: dict[str, str]
    spec: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        overall = self.overall
        return {
            "format": 1,
            "n": overall.n,
            "scored": overall.scored,
            "unscored": overall.unscored,
            "agreement": overall.agreement,
            "kappa": overall.kappa,
            "errors": self.errors,
            "confusion": overall.confusion,
            "judge": self.judge,
            "spec": self.spec,
            "clauses": [
                {
                    "module": module,
                    "clause": clause,
                    **stats.to_json(),
                    "disagreements": list(misses),
                }
                for module, clause, stats, misses in self.clauses
            ],
        }


def summarize(
    items: Sequence[Judged], judge: dict[str, str], spec: dict[str, Any]
) -> CalibrationReport:
    """The calibration report of ``items`` (in plan order; clauses keep first-seen order)."""
    groups: dict[tuple[str, str], list[Judged]] = {}
    for item in items:
        groups.setdefault((item.module, item.clause), []).append(item)
    clauses = tuple(
        (module, clause, agreement_of(group), _disagreements(group))
        for (module, clause), group in groups.items()
    )
    errors = sum(1 for i in items if i.error is not None)
    return CalibrationReport(agreement_of(items), clauses, errors, judge, spec)


def _disagreements(group: Sequence[Judged]) -> tuple[str, ...]:
    """Ids of scored candidates whose verdict differs from the spec's label."""
    return tuple(i.id for i in group if i.category is not None and not i.agrees)
