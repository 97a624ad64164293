"""Lint quality on the labelled clause set: recall on ambiguous, false positives on clear.

    .venv/bin/python benchmarks/lint_quality_synthetic.py [--verbose]

Each clause of ``tests/lint/data/labelled_clauses.yaml`` becomes a one-clause module
(its own file, so module-level rules see nothing else): a heading with an id and an
authority level, the sentence, and a ``yaml test`` block so that the coverage rule
(L401) stays quiet — the harness measures language, not coverage. A clause counts as
flagged when lint reports at least one finding at warning severity or above inside it.

Printed: recall on the ambiguous clauses, false-positive rate on the clear ones, and
the share of ambiguous clauses whose named smell was reported by one of the rules that
target it (a stricter, per-smell recall).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
LABELLED = REPO / "tests" / "lint" / "data" / "labelled_clauses.yaml"
HOLDOUT = REPO / "tests" / "lint" / "data" / "holdout_clauses.yaml"
LEVELS = ("root", "system", "developer", "user", "guideline")

# The rules that target each smell named in the labelled set.
SMELL_CODES: dict[str, set[str]] = {
    "vague-adverb": {"L101", "L112"},
    "vague-adjective": {"L102"},
    "vague-quantifier": {"L103"},
    "subjective": {"L104"},
    "comparative": {"L105"},
    "superlative": {"L106"},
    "open-list": {"L107"},
    "loophole": {"L108"},
    "and-or": {"L109"},
    "tbd": {"L110"},
    "pronoun": {"L201"},
    "dangling-reference": {"L202"},
    "undefined-term": {"L203"},
    "may-not": {"L303"},
    "mixed-modality": {"L302", "L307"},
    "non-rfc-modal": {"L305"},
    "no-modal": {"L301"},
    "vague-frequency": {"L111"},
    "weak-phrase": {"L113"},
    "mental-state": {"L114"},
    "double-negation": {"L115"},
    "vague-time": {"L112"},
}


@dataclass(frozen=True)
class Outcome:
    id: str
    label: str
    smell: str | None
    text: str
    codes: tuple[str, ...]  # warning+ codes reported in the clause

    @property
    def flagged(self) -> bool:
        return bool(self.codes)

    @property
    def smell_found(self) -> bool:
        return self.smell is not None and bool(SMELL_CODES[self.smell] & set(self.codes))


def module_text(item_id: str, text: str, level: str) -> str:
    return (
        f"# Clause {item_id} {{#{item_id} authority={level}}}\n\n{text}\n\n"
        "```yaml test\nprompt: benchmark harness\nexpect:\n"
        "  - judge: The response follows the clause.\n```\n"
    )


def lint_one(item_id: str, text: str, level: str) -> tuple[str, ...]:
    from charter.diagnostics import Severity
    from charter.lint.context import Sources
    from charter.lint.engine import lint_project
    from charter.lint.settings import LintSettings
    from charter.spec.model import Project
    from charter.spec.parse import parse_module

    path = f"{item_id}.md"
    source = module_text(item_id, text, level)
    module, diags = parse_module(source, path)
    project = Project(".", (module,), (), tuple(diags))
    sources = Sources({path: source.split("\n")})
    found = lint_project(project, settings=LintSettings(), sources=sources, baseline=False)
    parse_errors = [d for d in diags if d.severity is Severity.ERROR]
    if parse_errors:
        raise RuntimeError(f"{item_id}: harness module does not parse: {parse_errors}")
    return tuple(sorted({d.code for d in found if d.severity is not Severity.INFO}))


def measure(path: Path = LABELLED) -> list[Outcome]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    outcomes: list[Outcome] = []
    for n, (label, items) in enumerate(
        (("ambiguous", data["ambiguous"]), ("clear", data["clear"]))
    ):
        for k, item in enumerate(items):
            level = LEVELS[(k + n) % len(LEVELS)]
            codes = lint_one(item["id"], item["text"], level)
            outcomes.append(Outcome(item["id"], label, item.get("smell"), item["text"], codes))
    return outcomes


def summarize(outcomes: list[Outcome]) -> dict[str, float]:
    ambiguous = [o for o in outcomes if o.label == "ambiguous"]
    clear = [o for o in outcomes if o.label == "clear"]
    return {
        "ambiguous": len(ambiguous),
        "clear": len(clear),
        "recall": sum(o.flagged for o in ambiguous) / len(ambiguous),
        "smell_recall": sum(o.smell_found for o in ambiguous) / len(ambiguous),
        "false_positive_rate": sum(o.flagged for o in clear) / len(clear),
    }


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    ok = report("labelled set (written before the rules; rules tuned on it)", LABELLED, verbose)
    print()
    report("held-out set (written after the rules; never tuned on)", HOLDOUT, verbose)
    return 0 if ok else 1


def report(title: str, path: Path, verbose: bool) -> bool:
    """Print the numbers for one set; True when the targets are met."""
    outcomes = measure(path)
    stats = summarize(outcomes)
    print(f"== {title}: {path.relative_to(REPO)}")
    if verbose:
        for o in outcomes:
            mark = "flagged" if o.flagged else "-------"
            print(f"{o.id} {o.label:<9} {mark} {','.join(o.codes):<20} {o.smell or ''}: {o.text}")
        print()
    print(f"labelled clauses: {stats['ambiguous']:.0f} ambiguous, {stats['clear']:.0f} clear")
    print(f"recall on ambiguous (warning+):        {stats['recall']:.3f}  (target >= 0.85)")
    print(f"named-smell recall on ambiguous:       {stats['smell_recall']:.3f}")
    fpr = stats["false_positive_rate"]
    print(f"false-positive rate on clear (warning+): {fpr:.3f}  (target <= 0.15)")
    return stats["recall"] >= 0.85 and stats["false_positive_rate"] <= 0.15


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
