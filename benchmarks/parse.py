"""Benchmark: parsing the 2025-12-18 Model Spec (271 KB).

Prints the in-process median of repeated ``parse_module`` calls against the 100 ms budget,
and the whole-process median of ``charter parse`` (start-up included).

    .venv/bin/python benchmarks/parse.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHARTER_SHARED", REPO.parent / "shared"))
SPEC = SHARED / "corpora" / "openai-model-spec" / "2025-12-18" / "model_spec.md"
BUDGET_MS = 100.0


def in_process(runs: int) -> list[float]:
    from charter import parse_module

    text = SPEC.read_text(encoding="utf-8")
    parse_module(text, str(SPEC))  # warm: builds the Markdown parser once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        parse_module(text, str(SPEC))
        times.append((time.perf_counter() - start) * 1000)
    return times


def whole_process(runs: int) -> list[float]:
    charter = Path(sys.executable).with_name("charter")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(charter), "parse", str(SPEC)], check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    inproc = statistics.median(in_process(args.runs))
    whole = statistics.median(whole_process(max(args.runs // 3, 5)))
    print(f"file: {SPEC} ({SPEC.stat().st_size / 1024:.0f} KB)")
    print(
        f"in-process parse_module, median of {args.runs}: {inproc:.1f} ms "
        f"(budget {BUDGET_MS:.0f} ms, ratio {inproc / BUDGET_MS:.2f})"
    )
    print(f"whole process `charter parse`, median: {whole:.1f} ms")


if __name__ == "__main__":
    main()
