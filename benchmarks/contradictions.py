"""Benchmark: how well ``charter check`` finds contradictions worded differently.

Reads the labelled pairs in ``benchmarks/data/contradictions/pairs.yaml`` (40 conflicts,
40 near-misses, written before the engine was tuned), splits them by the rule recorded
in that file (within each (label, kind) group, in file order: odd positions are the
development half, even positions the held-out half), turns each pair into a two-module
project (``team.md`` imports ``base.md``, both clauses at level ``developer``, no
override) and runs the real type checker on it. Prints, per half:

- recall: share of conflicting pairs reported as C040;
- false alarms: near-miss pairs reported as C040 (goal: at most 1 in 15);
- candidate recall: share of conflicting pairs that reach the decision step (every pair
  retrieval proposes: the deterministic decision, and the model tier when it is on).

    .venv/bin/python benchmarks/contradictions.py [--split dev|held-out|both] [--show]
        [--set first|…|eighth|all] [--model P/M [--providers FILE]]

``--model P/M`` adds the model tier (``charter check --model``): the candidate pairs the
deterministic step left open are put to the model, and recall and false alarms are
printed a second time counting its conflicts (C042) too; ``--providers FILE`` reads the
``[providers.*]`` tables of a ``charter.toml`` (a local server's base URL, say).

Seven labelled sets are read (:data:`SETS`), each split on its own; the figures are printed
per set and for all sets together.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from charter import load
from charter.check import check_project
from charter.check.symbols import SymbolTable

FOLDER = Path(__file__).resolve().parent / "data" / "contradictions"
DATA = FOLDER / "pairs.yaml"
# Each labelled set, split on its own by the same rule: "first" (pairs.yaml, 80 pairs) and
# "second" (pairs_2.yaml, 54 pairs in other domains, written before the scale work).
# "third" (pairs_3.yaml, 28 pairs in yet other domains, written before the second round of
# reader changes as a fresh test of generalisation). "fourth" (pairs_4.yaml, 42 pairs in eight
# more domains, written blind by an engineer who did not tune the reader, scored first by the
# lead on the merged reader of the third round: a set nobody tuned on, whose development half
# the fourth round then tuned on). "fifth" (pairs_5.yaml, 42 pairs in seven more domains,
# written blind the same way and scored first on the merged reader of the fourth round).
# "sixth" (pairs_6.yaml, 42 pairs in ten more domains, written blind the same way while the
# fifth round tuned on the development halves, scored first on the merged fifth-round reader).
# "seventh" (pairs_7.yaml, 42 pairs in nine more domains, written blind the same way while the
# sixth round tuned on the development halves, scored first on the merged sixth-round reader).
# "eighth" (pairs_8.yaml, 42 pairs in eight more domains, written blind the same way on
# 2026-12-04 05:01-05:04 UTC, scored once on the merged reader of that session).
SETS = {
    "first": DATA,
    "second": FOLDER / "pairs_2.yaml",
    "third": FOLDER / "pairs_3.yaml",
    "fourth": FOLDER / "pairs_4.yaml",
    "fifth": FOLDER / "pairs_5.yaml",
    "sixth": FOLDER / "pairs_6.yaml",
    "seventh": FOLDER / "pairs_7.yaml",
    "eighth": FOLDER / "pairs_8.yaml",
}
BASE = "# Base {{#base}}\n\n## Rule A {{#rule_a authority=developer}}\n\n{text}\n"
TEAM = (
    "---\nimports: [base.md]\n---\n\n# Team {{#team}}\n\n"
    "## Rule B {{#rule_b authority=developer}}\n\n{text}\n"
)


@dataclass(frozen=True)
class Pair:
    number: int
    conflict: bool
    kind: str
    a: str
    b: str
    split: str
    set_name: str = "first"


def read_pairs(path: Path = DATA, set_name: str = "first") -> list[Pair]:
    """Every labelled pair, with its half assigned by the recorded rule."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    pairs: list[Pair] = []
    seen: dict[tuple[bool, str], int] = defaultdict(int)
    for label, key in ((True, "conflicts"), (False, "near_misses")):
        for item in data[key]:
            position = seen[(label, item["kind"])]
            seen[(label, item["kind"])] += 1
            split = "dev" if position % 2 == 0 else "held-out"
            number = len(pairs) + 1
            pairs.append(Pair(number, label, item["kind"], item["a"], item["b"], split, set_name))
    return pairs


def read_sets(names: tuple[str, ...] = tuple(SETS)) -> list[Pair]:
    """The pairs of each named set, in order, each set split by the recorded rule."""
    return [p for name in names for p in read_pairs(SETS[name], name)]


def write_project(folder: Path, pair: Pair) -> None:
    folder.mkdir(parents=True)
    (folder / "base.md").write_text(BASE.format(text=pair.a), encoding="utf-8")
    (folder / "team.md").write_text(TEAM.format(text=pair.b), encoding="utf-8")


def reached_decision(table: SymbolTable) -> bool:
    """True when some candidate pair of the engine joins a statement of each module."""
    from charter.check import contradictions

    finder = getattr(contradictions, "candidates", None)
    if finder is not None:  # every pair retrieval proposes (deterministic step or model)
        found = finder(table, narrowed=False)
    else:  # the engine before issue 13: prefix-filtered Jaccard join over action words
        norms = contradictions.collect_norms(table)
        found = [(norms[i], norms[j]) for i, j in contradictions.candidate_pairs(norms)]
    return any(a.module.path != b.module.path for a, b in found)


@dataclass(frozen=True)
class ModelTier:
    """A provider reference (``P/M``) and the ``[providers.*]`` tables it may name."""

    ref: str
    tables: dict[str, Any] = field(default_factory=dict)


def model_conflicts(project: Any, tier: ModelTier) -> list[str]:
    """The messages of the model tier's conflicts (C042) for ``project``; a fresh provider
    per project, since each adjudication closes its own."""
    from charter.check.adjudicate import adjudicate
    from charter.providers.registry import resolve

    found = adjudicate(project, resolve(tier.ref, tier.tables))
    return [d.message for d in found if d.code == "C042"]


def judge(pair: Pair, root: Path, tier: ModelTier | None = None) -> dict[str, Any]:
    folder = root / f"{pair.set_name}{pair.number:02d}"
    write_project(folder, pair)
    project = load(folder)
    errors = [d for d in check_project(project) if d.code == "C040"]
    candidate = reached_decision(SymbolTable.build(project))
    model = model_conflicts(project, tier) if tier is not None else []
    return {
        "pair": pair.number,
        "kind": pair.kind,
        "conflict": pair.conflict,
        "split": pair.split,
        "set": pair.set_name,
        "reported": bool(errors),
        "candidate": candidate,
        "messages": [d.message for d in errors],
        "with_model": bool(errors) or bool(model),
    }


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    conflicts = [r for r in rows if r["conflict"]]
    misses = [r for r in rows if not r["conflict"]]
    return {
        "conflicts": len(conflicts),
        "caught": sum(r["reported"] for r in conflicts),
        "near_misses": len(misses),
        "false_alarms": sum(r["reported"] for r in misses),
        "candidates": sum(r["candidate"] for r in conflicts),
        "caught_with_model": sum(r["with_model"] for r in conflicts),
        "false_alarms_with_model": sum(r["with_model"] for r in misses),
    }


def show(
    name: str, s: dict[str, Any], rows: list[dict[str, Any]], details: bool, model: bool = False
) -> None:
    recall = s["caught"] / s["conflicts"]
    print(f"== {name}: {s['conflicts']} conflicts, {s['near_misses']} near-misses")
    print(f"recall            {s['caught']}/{s['conflicts']} = {recall:.2f}   (goal >= 0.60)")
    rate = s["false_alarms"] / s["near_misses"] * 15
    print(
        f"false alarms      {s['false_alarms']}/{s['near_misses']}"
        f" = {rate:.2f} in 15   (goal <= 1 in 15)"
    )
    cand = s["candidates"] / s["conflicts"]
    print(f"candidate recall  {s['candidates']}/{s['conflicts']} = {cand:.2f}   (goal >= 0.95)")
    if model:
        print(
            f"with the model tier: recall {s['caught_with_model']}/{s['conflicts']}, "
            f"false alarms {s['false_alarms_with_model']}/{s['near_misses']}"
        )
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        by_kind[("conflict " if r["conflict"] else "near-miss ") + r["kind"]][0] += 1
        by_kind[("conflict " if r["conflict"] else "near-miss ") + r["kind"]][1] += r["reported"]
    for kind, (total, reported) in sorted(by_kind.items()):
        print(f"  {kind:<36} reported {reported}/{total}")
    if details:
        for r in rows:
            wrong = r["reported"] != r["conflict"]
            if wrong:
                label = "MISSED" if r["conflict"] else "FALSE ALARM"
                where = f"{r['set']} set pair {r['pair']}"
                print(f"  {label} {where} ({r['kind']}) {r['messages'][:1]}")
    print()


def _tier(ref: str | None, providers: Path | None) -> ModelTier | None:
    if ref is None:
        return None
    tables: dict[str, Any] = {}
    if providers is not None:
        import tomllib

        tables = dict(tomllib.loads(providers.read_text(encoding="utf-8")).get("providers", {}))
    return ModelTier(ref, tables)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "held-out", "both"), default="both")
    parser.add_argument("--show", action="store_true", help="list missed pairs and false alarms")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--set", choices=(*SETS, "all"), default="all", help="which labelled set (default: all)"
    )
    parser.add_argument("--model", metavar="P/M", help="add the model tier (C042 conflicts)")
    parser.add_argument("--providers", type=Path, help="a charter.toml with [providers.*]")
    args = parser.parse_args()
    tier = _tier(args.model, args.providers)
    names = tuple(SETS) if args.set == "all" else (args.set,)
    pairs = [p for p in read_sets(names) if args.split in ("both", p.split)]
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="charter-contradictions-") as tmp:
        rows = [judge(p, Path(tmp), tier) for p in pairs]
    elapsed = time.perf_counter() - start
    halves = [h for h in ("dev", "held-out") if args.split in ("both", h)]
    groups = [(h, n) for h in halves for n in (*names, "together")]
    if len(names) == 1:
        groups = [(h, names[0]) for h in halves]
    chosen = {g: [r for r in rows if r["split"] == g[0] and g[1] in (r["set"], "together")]
              for g in groups}  # fmt: skip
    summary = {f"{h} {n}": summarise(chosen[(h, n)]) for h, n in groups}
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    for half, name in groups:
        title = "development half" if half == "dev" else "HELD-OUT half"
        show(f"{title}, {name} set{'s' if name == 'together' else ''}", summary[f"{half} {name}"],
             chosen[(half, name)], args.show, tier is not None)  # fmt: skip
    print(f"{len(pairs)} pairs checked in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
