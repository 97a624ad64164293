"""Benchmark: what each speed-up of the language server saves, one at a time, in CPU time.

Runs the language server's analysis (``build_snapshot`` then ``analyse``, what its child
process does per edit) in this process on the 2025-12-18 Model Spec, over ``--edits``
one-word edits, with each speed-up switched off in turn, and prints the median CPU
milliseconds of the snapshot (load and parse) and of the analysis (parse findings, type
check, lint). CPU time, not wall time: on a shared machine the figures stay comparable.
Then the wall time spent in garbage collection per edit, with and without the worker's
``settle`` (collect, then freeze the survivors) after each job.

    .venv/bin/python benchmarks/lsp_steps.py [--edits N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lsp_latency import SPEC, edited


@contextmanager
def nothing() -> Iterator[None]:
    yield


@contextmanager
def whole_file_parse() -> Iterator[None]:
    import charter.spec.loader as loader

    real = loader.reparse
    loader.reparse = lambda *args: None
    try:
        yield
    finally:
        loader.reparse = real


@contextmanager
def no_clause_cache() -> Iterator[None]:
    import charter.lint.engine as engine

    real = engine.lint_project.__kwdefaults__["cache"]
    engine.lint_project.__kwdefaults__["cache"] = None
    try:
        yield
    finally:
        engine.lint_project.__kwdefaults__["cache"] = real


def measure(edits: int, switch: Callable[[], object]) -> tuple[float, float]:
    from charter.lsp.analysis import analyse
    from charter.lsp.snapshot import build_snapshot

    text = SPEC.read_text(encoding="utf-8")
    root, key = str(SPEC.parent), str(SPEC)
    snapshots, analyses = [], []
    with switch():  # type: ignore[attr-defined]
        analyse(build_snapshot(root, {key: text}))
        for n in range(edits):
            started = time.process_time()
            snapshot = build_snapshot(root, {key: edited(text, n)})
            built = time.process_time()
            analyse(snapshot)
            snapshots.append(built - started)
            analyses.append(time.process_time() - built)
    return statistics.median(snapshots) * 1000, statistics.median(analyses) * 1000


def collections(edits: int, settled: bool) -> tuple[float, float]:
    """Milliseconds spent in garbage collection per edit (median, worst), with or
    without the worker's :func:`~charter.lsp.worker.settle` after each job."""
    import gc

    from charter.lsp.analysis import analyse
    from charter.lsp.snapshot import build_snapshot
    from charter.lsp.worker import settle

    text = SPEC.read_text(encoding="utf-8")
    root, key = str(SPEC.parent), str(SPEC)
    spent: list[float] = []
    began: list[float] = []

    def clock(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            began.append(time.perf_counter())
        else:
            spent[-1] += time.perf_counter() - began.pop()

    gc.unfreeze()
    gc.enable()
    gc.callbacks.append(clock)
    try:
        for n in range(edits):
            spent.append(0.0)
            analyse(build_snapshot(root, {key: edited(text, n + 1)}))
            if settled:  # after the result is sent: not counted in the edit's time
                gc.callbacks.remove(clock)
                settle()
                gc.callbacks.append(clock)
    finally:
        gc.callbacks.remove(clock)
        gc.disable()
    return statistics.median(spent) * 1000, max(spent) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=15)
    args = parser.parse_args()
    os.chdir(SPEC.parent)
    import gc

    gc.disable()  # collections are a step of their own (the worker's settle)
    measure(args.edits, nothing)  # once unmeasured: sentences read (spaCy), files cached
    rows = (
        ("all speed-ups", nothing),
        ("whole-file parse", whole_file_parse),
        ("no lint clause cache", no_clause_cache),
    )
    for name, switch in rows:
        snapshot, analysis = measure(args.edits, switch)
        print(f"{name:24} snapshot {snapshot:5.1f} ms CPU, analysis {analysis:5.1f} ms CPU")
    for settled in (False, True):
        median, worst = collections(args.edits, settled)
        name = "gc, settle after a job" if settled else "gc, no settle"
        print(f"{name:24} collections per edit: median {median:5.1f} ms, worst {worst:5.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
