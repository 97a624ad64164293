"""Lint quality on real text: precision, recall and density on the held-out half.

    .venv/bin/python benchmarks/lint_quality.py [--dev] [--rules] [--verbose]
    .venv/bin/python benchmarks/lint_quality.py --tune
    .venv/bin/python benchmarks/lint_quality.py --model P/M [--providers charter.toml] [...]

Labels, rubric and split: ``tests/lint/data/eval`` (RUBRIC.md). Precision counts every
finding at warning severity or above that lies in a labelled statement (or is a labelled
structural finding) of the held-out half; strict counts TP only, "with borderline" counts TP
and borderline. Recall: held-out statements labelled ambiguous whose ambiguous words a
finding quotes (strict) or that carry any finding (touched); also on the statements drawn
regardless of findings only (random), since the first batch over-samples flagged ones.
Each half is reported on all label batches together, on the first two (the set of the
first round), on batch 3, batch 5 and batch 6 (labelled 2026-12-02; batch 6 after the
rules of round 2 were frozen) separately, on all batches but 6, and on batch 7 (drawn at
random and labelled before round 3 changed any rule).
Density: warning+ findings per 1,000 words of the latest release's model_spec.md.
``--dev`` prints the development half too; ``--rules`` prints per-rule precision;
``--write-measured`` writes per-rule held-out precision to ``lint/packs/measured.json``
(read by ``docs/rules.md``). ``--tune`` prints the development half only (figures, per-rule
precision, each warning finding with its verdict, each ambiguous statement no finding caught):
what a tuner may look at without seeing the held-out half.
``--model P/M`` adds the model tier (``charter lint --model``: one request per normative
clause, code L601) to the rules and scores its findings like theirs (``--rules`` shows L601
on its own line); ``--providers FILE`` reads the ``[providers.*]`` tables of a
``charter.toml`` (e.g. a local server's base URL). Answers are cached in
``.charter/lint-eval-model/`` of this repository (git ignores it), so a re-run asks nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lint_eval.score import ALL, ModelTier, Result, evaluate

GOALS = "goals: precision >= 0.75 strict, recall >= 0.7, <= 3 warnings per 1,000 words"


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f} ({a}/{b})" if b else "n/a (0/0)"


SETS = (
    ("all batches", ALL),
    ("batches 1-2", frozenset({1, 2})),
    ("batch 3", frozenset({3})),
    ("batch 5", frozenset({5})),
    ("batch 6 (labelled after round 2 froze)", frozenset({6})),
    ("all batches but 6", frozenset({1, 2, 3, 4, 5})),
    (
        "batch 8 (fresh own text, written and labelled blind; scored first on the round-4 rules)",
        frozenset({8}),
    ),
    ("batch 7 (labelled before round 3)", frozenset({7})),
)


def report_half(result: Result, held: bool) -> None:
    name = "held-out" if held else "development"
    for label, batches in SETS:
        report_set(result, held, f"{name} half, {label}", batches)


def report_set(result: Result, held: bool, name: str, batches: frozenset[int]) -> None:
    tp, bl, n = result.precision(held, batches=batches)
    print(f"== {name}")
    print(f"precision strict:          {ratio(tp, n)}")
    print(f"precision with borderline: {ratio(tp + bl, n)}")
    amb = [lab for lab in result.ambiguous if lab.unit.held_out == held and lab.batch in batches]
    rnd = [lab for lab in amb if lab.random]
    caught = sum(result.caught[lab.unit.sha] for lab in amb)
    touched = sum(result.touched[lab.unit.sha] for lab in amb)
    print(f"recall strict (on the ambiguous words): {ratio(caught, len(amb))}")
    print(f"recall touched (any finding in it):     {ratio(touched, len(amb))}")
    rc = sum(result.caught[lab.unit.sha] for lab in rnd)
    print(f"recall strict, random-drawn only:       {ratio(rc, len(rnd))}")
    shown_tp, shown_n = result.precision_shown(held, batches)
    shown = sum(result.caught_shown[lab.unit.sha] for lab in amb)
    info = "  info findings too (printed, not failing):"
    print(f"{info} precision strict {ratio(shown_tp, shown_n)}")
    print(f"{info} recall strict    {ratio(shown, len(amb))}")


def report_rules(result: Result, held: bool | None) -> None:
    codes = sorted({f.code for f in result.findings})
    print(
        "== per rule (" + ("held-out" if held else "both halves" if held is None else "dev") + ")"
    )
    for code in codes:
        tp, bl, n = result.precision(held, code)
        if n:
            print(f"{code}  strict {ratio(tp, n):<14} with borderline {ratio(tp + bl, n)}")


MEASURED = Path(__file__).resolve().parents[1] / "src/charter/lint/packs/measured.json"


def write_measured(result: Result) -> None:
    """Per-rule precision on the held-out half (info rules included) for docs/rules.md."""
    import datetime
    import json

    rules = {}
    for code in sorted({f.code for f in result.findings}):
        tp, bl, n = result.precision(True, code)
        if n:
            rules[code] = {"tp": tp, "borderline": bl, "n": n}
    day = datetime.date.today().isoformat()
    note = f"measured {day} with `.venv/bin/python benchmarks/lint_quality.py --write-measured`"
    MEASURED.write_text(json.dumps({"note": note, "rules": rules}, indent=1) + "\n", "utf-8")


def tune(result: Result) -> int:
    """The development half only: nothing of the held-out half is printed."""
    report_set(result, False, "development half, all batches", ALL)
    report_set(result, False, "development half, batch 7 (labelled before round 3)", SETS[-1][1])
    report_rules(result, False)
    for f in result.findings:
        if not f.held_out and f.warning:
            print(f"{f.verdict:<10} {f.code} {f.clause}: {f.words[:70]}")
    for lab in result.ambiguous:
        if not lab.unit.held_out and not result.caught[lab.unit.sha]:
            print(f"missed {list(lab.ambiguous)} in {lab.unit.source}:{lab.unit.line}")
    return 0


def option(argv: list[str], name: str) -> str | None:
    """The value after ``name`` in ``argv`` (None when absent)."""
    if name not in argv:
        return None
    at = argv.index(name) + 1
    if at >= len(argv):
        raise SystemExit(f"{name} needs a value")
    return argv[at]


def model_tier(argv: list[str]) -> ModelTier | None:
    """The ``--model`` tier the command line asks for, with its providers and cache."""
    ref = option(argv, "--model")
    if ref is None:
        return None
    tables: dict[str, object] = {}
    providers = option(argv, "--providers")
    if providers is not None:
        import tomllib

        with open(providers, "rb") as handle:
            tables = dict(tomllib.load(handle).get("providers", {}))
    return ModelTier(
        ref, tables, Path(__file__).resolve().parents[1] / ".charter" / "lint-eval-model"
    )


def main(argv: list[str]) -> int:
    tier = model_tier(argv)
    result = evaluate(tier)
    if "--tune" in argv:
        return tune(result)
    print(GOALS)
    if tier is not None:
        print(f"model tier: {tier.ref} (L601 findings scored with the rules' warnings)")
    report_half(result, True)
    if "--dev" in argv:
        report_half(result, False)
    density = 1000 * result.warnings_spec / result.words_spec
    print(
        f"density: {density:.2f} warnings per 1,000 words "
        f"({result.warnings_spec} on {result.words_spec} words of 2025-12-18/model_spec.md)"
    )
    if "--rules" in argv:
        report_rules(result, True)
        report_rules(result, None)
    if "--write-measured" in argv:
        write_measured(result)
    if "--verbose" in argv:
        for f in result.findings:
            half = "held" if f.held_out else "dev "
            print(f"{half} {f.verdict:<10} {f.code} {f.clause}: {f.words[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
