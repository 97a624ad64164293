"""Whole-process ``charter lint`` against ``proselint check`` on the same file, side by side.

    .venv/bin/python benchmarks/lint_speed.py [--runs N] [FILE]

Default FILE: the 2025-12-18 Model Spec (271 KB) in ../shared/corpora. proselint is
installed into its own virtual environment under the system temp folder (created on
first use, reused afterwards; it is not a dependency of charter). Each round runs both
commands once, alternating which goes first, and measures wall time of the whole
process; the ratio of each round is charter / proselint. Printed: both medians, the
median of the per-round ratios (target <= 1.0) and the finding counts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHARTER_SHARED", REPO.parent / "shared"))
DEFAULT = SHARED / "corpora" / "openai-model-spec" / "2025-12-18" / "model_spec.md"
BENCH_VENV = Path(tempfile.gettempdir()) / "charter-bench" / "proselint-venv"


def proselint() -> Path:
    """The proselint executable of the benchmark's own environment."""
    exe = BENCH_VENV / "bin" / "proselint"
    if exe.exists():
        return exe
    print(f"installing proselint into {BENCH_VENV} (once)", file=sys.stderr)
    shutil.rmtree(BENCH_VENV, ignore_errors=True)
    venv.EnvBuilder(with_pip=True).create(BENCH_VENV)
    pip = [str(BENCH_VENV / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--disable-pip-version-check", "proselint"], check=True)
    return exe


def charter_command(path: Path) -> list[str]:
    script = Path(sys.executable).parent / "charter"
    base = [str(script)] if script.exists() else [sys.executable, "-m", "charter.cli.main"]
    return [*base, "lint", str(path), "--format", "json"]


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed, result.stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.file.is_file():
        raise SystemExit(f"no such file: {args.file}")
    ours, theirs = charter_command(args.file), [str(proselint()), "check", str(args.file)]
    timed(ours), timed(theirs)  # warm the file cache and both interpreters' bytecode
    charter_times: list[float] = []
    proselint_times: list[float] = []
    ratios: list[float] = []
    for round_ in range(args.runs):
        order = (ours, theirs) if round_ % 2 == 0 else (theirs, ours)
        results = {tuple(cmd): timed(cmd) for cmd in order}
        (c, out), (p, prose_out) = results[tuple(ours)], results[tuple(theirs)]
        charter_times.append(c)
        proselint_times.append(p)
        ratios.append(c / p)
    findings = len(json.loads(out)["diagnostics"])
    prose_findings = sum(1 for line in prose_out.splitlines() if line.strip())
    size = args.file.stat().st_size / 1024
    print(f"file: {args.file} ({size:.0f} KB), {args.runs} rounds, wall time per process")
    ours_s, theirs_s = statistics.median(charter_times), statistics.median(proselint_times)
    print(f"charter lint    median {ours_s:.3f} s  ({findings} findings)")
    print(f"proselint check median {theirs_s:.3f} s  ({prose_findings} lines)")
    ratio = statistics.median(ratios)
    print(f"median ratio charter/proselint: {ratio:.2f}  (target <= 1.0)")
    return 0 if ratio <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
