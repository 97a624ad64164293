"""How far a judge agrees with the spec's own labels: agreement, Cohen's kappa, confusions.

Calibration grades every GOOD and BAD candidate of the spec's examples as if it were a
response. The spec's label is the expected verdict (GOOD → ``pass``, BAD → ``fail``);
the judge's verdict is read as ``pass``, ``fail`` (``fail`` or ``partial``: a partly
violating candidate still violates), ``n/a`` (a disagreement: every example applies to
its clause by construction, so it is also counted as a judge defect), ``uncertain`` (the
judge's findings could not decide: counted and shown apart, its share reported, neither
an agreement nor a disagreement) or *unscored* (no readable verdict, or the call
failed).

Agreement and kappa are computed over *decided* candidates (pass, fail, n/a) and are
``None`` when none is; uncertain and unscored candidates are counted, never guessed.
Kappa is Cohen's: observed agreement corrected for the agreement expected by chance from
each side's label frequencies, ``(p_o - p_e) / (1 - p_e)``; it is ``None`` when ``p_e``
is 1. Graded by a panel, a candidate whose judges disagreed is ``uncertain`` and listed
(``judges_disagree``); a clause with any is flagged ``to_clarify``. Each agreement comes
with a 95 % Wilson score interval; kappa's interval maps the agreement's bounds through
the same formula (``p_e`` held fixed — an approximation that ignores the uncertainty of
the chance term). Fewer than :data:`MIN_DECIDED` decided candidates get a warning: too
few to mean anything. ``strict_agreement`` counts uncertain candidates as misses, so a
judge cannot reach a threshold by abstaining on the hard ones; thresholds are applied to
it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

OUTCOMES = ("pass", "fail", "partial", "uncertain", "n/a", "unscored")
_LABEL_ROW = {"pass": "good", "fail": "bad"}
MIN_DECIDED = 10
Z95 = 1.959963984540054


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
    votes: tuple[tuple[str, str | None], ...] = ()  # a panel's judges and their verdicts

    @property
    def judges_disagree(self) -> bool:
        """Whether a panel's judges gave verdicts of different categories."""
        seen = {"fail" if v == "partial" else v for _, v in self.votes if v is not None}
        return len(seen) > 1

    @property
    def category(self) -> str | None:
        """The judge's decided verdict: pass, fail, n/a; None: uncertain or unscored."""
        if self.verdict is None or self.verdict == "uncertain":
            return None
        return "fail" if self.verdict == "partial" else self.verdict

    @property
    def agrees(self) -> bool:
        return self.category == self.expected


@dataclass(frozen=True, slots=True)
class Agreement:
    """Agreement statistics of a set of judged candidates."""

    n: int
    scored: int  # decided: pass, fail or n/a
    unscored: int
    agreement: float | None
    kappa: float | None
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    uncertain: int = 0
    defects: int = 0  # n/a verdicts: every example applies to its clause
    agreement_ci: tuple[float, float] | None = None
    kappa_ci: tuple[float, float] | None = None
    strict_agreement: float | None = None  # uncertain counted as a miss
    panel: bool = False  # graded by a panel of judges
    split: tuple[str, ...] = ()  # candidates the panel's judges disagreed on

    @property
    def uncertain_share(self) -> float | None:
        return self.uncertain / self.n if self.n else None

    @property
    def warning(self) -> str | None:
        if self.scored >= MIN_DECIDED:
            return None
        return f"only {self.scored} decided candidate(s): too few to mean anything"

    def to_json(self) -> dict[str, Any]:
        panel = {"judges_disagree": list(self.split), "to_clarify": bool(self.split)}
        return {
            **(panel if self.panel else {}),
            "n": self.n,
            "scored": self.scored,
            "unscored": self.unscored,
            "uncertain": self.uncertain,
            "uncertain_share": self.uncertain_share,
            "defects": self.defects,
            "agreement": self.agreement,
            "agreement_ci": list(self.agreement_ci) if self.agreement_ci else None,
            "strict_agreement": self.strict_agreement,
            "kappa": self.kappa,
            "kappa_ci": list(self.kappa_ci) if self.kappa_ci else None,
            "warning": self.warning,
            "confusion": self.confusion,
        }


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a proportion ``successes / n``; None when n is 0."""
    if n == 0:
        return None
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def chance_agreement(pairs: Sequence[tuple[str, str]]) -> float | None:
    n = len(pairs)
    if n == 0:
        return None
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    return sum(first[c] * second[c] for c in first.keys() | second.keys()) / (n * n)


def kappa_interval(
    interval: tuple[float, float] | None, chance: float | None
) -> tuple[float, float] | None:
    """Kappa's bounds from agreement's, with the chance agreement held fixed."""
    if interval is None or chance is None or chance >= 1.0:
        return None
    low, high = interval
    return (low - chance) / (1 - chance), (high - chance) / (1 - chance)


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
    uncertain = sum(1 for i in items if i.verdict == "uncertain")
    interval = wilson(agreed, len(scored))
    return Agreement(
        n=len(items),
        scored=len(scored),
        unscored=len(items) - len(scored) - uncertain,
        agreement=agreed / len(scored) if scored else None,
        strict_agreement=agreed / (len(scored) + uncertain) if scored or uncertain else None,
        kappa=cohen_kappa(pairs),
        confusion=confusion(items),
        uncertain=uncertain,
        defects=sum(1 for i in items if i.verdict == "n/a"),
        agreement_ci=interval,
        kappa_ci=kappa_interval(interval, chance_agreement(pairs)),
        panel=any(i.votes for i in items),
        split=tuple(i.id for i in items if i.judges_disagree),
    )


@dataclass(frozen=True, slots=True)
class CalibrationReport:
    """Overall and per-clause agreement, plus the judge and spec it was measured on."""

    overall: Agreement
    clauses: tuple[tuple[str, str, Agreement, tuple[str, ...]], ...]  # module, clause, ., misses
    errors: int
    judge: dict[str, str]
    spec: dict[str, Any]
    mode: str = "blind"

    def to_json(self) -> dict[str, Any]:
        overall = self.overall
        return {
            "format": 1,
            "mode": self.mode,
            **overall.to_json(),
            "errors": self.errors,
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
    items: Sequence[Judged], judge: dict[str, str], spec: dict[str, Any], mode: str = "blind"
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
    return CalibrationReport(agreement_of(items), clauses, errors, judge, spec, mode)


def _disagreements(group: Sequence[Judged]) -> tuple[str, ...]:
    """Ids of scored candidates whose verdict differs from the spec's label."""
    return tuple(i.id for i in group if i.category is not None and not i.agrees)
