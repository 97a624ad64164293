"""Whole-process ``charter check`` (warm and cold) against ``proselint check``, side by side.

    .venv/bin/python benchmarks/lint_speed.py [--runs N] [FILE]

Default FILE: the 2025-12-18 Model Spec (271 KB) in ../shared/corpora. proselint is
installed into its own virtual environment under the system temp folder (created on
first use, reused afterwards; it is not a dependency of charter). Each round runs, in
rotating order: proselint; ``charter check`` with a warm statement-analysis cache (a cache
folder filled before the rounds); ``charter check`` cold (a fresh, empty cache folder, so
every statement is parsed by spaCy). Wall time of the whole process is measured.
Printed: the three medians, the median per-round ratio warm/proselint (target <= 1.0) and
the cold median (target < 10 s).
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
    return [*base, "check", str(path), "--format", "json"]


def timed(command: list[str], cache: Path | None = None) -> tuple[float, str]:
    env = dict(os.environ)
    env.pop("CHARTER_NO_CACHE", None)
    if cache is not None:
        env["XDG_CACHE_HOME"] = str(cache)  # a loose file's readings are cached there
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed ({result.returncode}): {result.stderr[-500:]}")
    return elapsed, result.stdout


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.file.is_file():
        raise SystemExit(f"no such file: {args.file}")
    ours, theirs = charter_command(args.file), [str(proselint()), "check", str(args.file)]
    with tempfile.TemporaryDirectory(prefix="charter-speed-") as tmp:
        warm = Path(tmp) / "warm"
        timed(ours, warm), timed(theirs)  # fill the warm cache; warm both interpreters
        times: dict[str, list[float]] = {"proselint": [], "warm": [], "cold": []}
        ratios: list[float] = []
        out = ""
        for round_ in range(args.runs):
            runs = {
                "proselint": lambda: timed(theirs),
                "warm": lambda: timed(ours, warm),
                "cold": lambda r=round_: timed(ours, Path(tmp) / f"cold-{r}"),
            }
            names = list(runs)[round_ % 3 :] + list(runs)[: round_ % 3]
            got = {name: runs[name]() for name in names}
            for name, (seconds, _) in got.items():
                times[name].append(seconds)
            ratios.append(got["warm"][0] / got["proselint"][0])
            out = got["warm"][1]
    report(args, times, ratios, out)
    return 0


def report(
    args: argparse.Namespace, times: dict[str, list[float]], ratios: list[float], out: str
) -> None:
    findings = len(json.loads(out)["diagnostics"])
    size = args.file.stat().st_size / 1024
    print(f"file: {args.file} ({size:.0f} KB), {args.runs} rounds, wall time per process")
    med = {name: statistics.median(values) for name, values in times.items()}
    print(f"proselint check           median {med['proselint']:.3f} s")
    print(f"charter check, warm cache median {med['warm']:.3f} s  ({findings} findings)")
    print(f"charter check, cold cache median {med['cold']:.3f} s  (target < 10 s)")
    ratio = statistics.median(ratios)
    print(f"median ratio warm charter/proselint: {ratio:.2f}  (target <= 1.0)")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
