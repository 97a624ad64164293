"""Benchmark: whole-process ``charter diff`` of two Model Spec releases (≤ 1 s budget).

Times the ``charter diff OLD NEW`` process (start-up, loading and parsing both releases
with their prompt files, diffing, printing) for 2025-09-12 (254 KB) → 2025-12-18
(271 KB) and 2025-04-11 → 2025-09-12, and prints the median of each with its ratio to the
1 s budget, with the CPU time (user + system) of the process, which a busy machine
inflates less than the wall clock. ``--impact`` times the same with the impact computed.

``--calibrate`` prints instead the data behind the rename threshold (see
``charter.diff.match``): content similarity of clauses that kept their id, of different
clauses present on both sides, and of the clauses renamed between releases.

    .venv/bin/python benchmarks/diff.py [--runs N] [--impact] [--calibrate]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHARTER_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpora" / "openai-model-spec"
PAIRS = (("2025-09-12", "2025-12-18"), ("2025-04-11", "2025-09-12"))
BUDGET_S = 1.0


def whole_process(
    old: str, new: str, runs: int, extra: list[str]
) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of each ``charter diff`` process."""
    command = [
        sys.executable,
        "-m",
        "charter.cli.main",
        "diff",
        str(CORPUS / old),
        str(CORPUS / new),
        *extra,
    ]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            sys.exit(f"charter diff failed ({done.returncode}): {done.stderr.decode()[-500:]}")
    return walls, cpus


def calibrate() -> None:
    from charter import load
    from charter.diff import RENAME_THRESHOLD, ChangeKind, diff_projects
    from charter.diff.match import clause_shingles
    from charter.diff.text import jaccard

    same: list[tuple[float, str]] = []
    different: list[tuple[float, str]] = []
    renamed: list[tuple[float, str]] = []
    for old, new in PAIRS:
        a_project, b_project = load(CORPUS / old), load(CORPUS / new)
        a = {c.id: clause_shingles(c) for m in a_project.modules for c in m.clauses}
        b = {c.id: clause_shingles(c) for m in b_project.modules for c in m.clauses}
        kept = sorted(set(a) & set(b))
        same += [(jaccard(a[i], b[i]), i) for i in kept]
        different += [(jaccard(a[i], b[j]), f"{i}/{j}") for i in kept for j in kept if i != j]
        for change in diff_projects(a_project, b_project).of_kind(ChangeKind.RENAMED):
            renamed.append((change.detail["similarity"], f"{change.old_id}→{change.new_id}"))
    same.sort()
    different.sort(reverse=True)
    print(f"rename threshold: {RENAME_THRESHOLD}")
    print(
        f"same id ({len(same)} pairs): median {statistics.median(s for s, _ in same):.3f}; lowest:"
    )
    for score, name in same[:6]:
        print(f"  {score:.3f}  {name}")
    print(f"different clauses ({len(different)} pairs): highest:")
    for score, name in different[:4]:
        print(f"  {score:.3f}  {name}")
    print("renamed (found by the diff):")
    for score, name in sorted(renamed):
        print(f"  {score:.3f}  {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--impact", action="store_true")
    parser.add_argument("--calibrate", action="store_true")
    args = parser.parse_args()
    if args.calibrate:
        calibrate()
        return
    extra = ["--impact"] if args.impact else []
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    for old, new in PAIRS:
        sizes = "/".join(
            f"{(CORPUS / r / 'model_spec.md').stat().st_size // 1000} KB" for r in (old, new)
        )
        walls, cpus = whole_process(old, new, args.runs, extra)
        median = statistics.median(walls)
        print(
            f"charter diff {old} {new} ({sizes}) {' '.join(extra)}: median {median * 1000:.0f} ms "
            f"wall (min {min(walls) * 1000:.0f}, max {max(walls) * 1000:.0f}), "
            f"{statistics.median(cpus) * 1000:.0f} ms CPU, {args.runs} runs; "
            f"ratio to the {BUDGET_S:.0f} s budget: {median / BUDGET_S:.2f}"
        )


if __name__ == "__main__":
    main()
