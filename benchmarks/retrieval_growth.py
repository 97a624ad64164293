"""Benchmark: how contradiction-candidate retrieval grows with the number of statements.

Generates the projects of ``benchmarks/check_scale.py`` (1,000, 5,000 and 10,000 clauses,
either vocabulary), reads their normative statements (readings cached in ``--cache``, so
only the first run parses), and times :func:`charter.check.retrieve.candidates` alone,
narrowed (what the deterministic decision sees) and wide (what the model tier sees).
Prints the pairs proposed against all pairs, and the growth exponents of time and pairs
between the smallest and the largest size (1 is linear, 2 quadratic).

    .venv/bin/python benchmarks/retrieval_growth.py [--vocabulary realistic|small]
        [--keep DIR] [--cache DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import check_scale  # the generator, shared with the scale benchmark

from charter import load
from charter.check.contradictions import collect_norms
from charter.check.retrieve import candidates
from charter.check.symbols import SymbolTable
from charter.collector import collector_paused


def measure(folder: Path) -> tuple[int, float, int, float, int]:
    """(statements, narrowed seconds, narrowed pairs, wide seconds, wide pairs)."""
    with collector_paused():
        norms = collect_norms(SymbolTable.build(load(folder)))
        start = time.perf_counter()
        narrowed = candidates(norms)
        middle = time.perf_counter()
        wide = candidates(norms, narrowed=False)
        end = time.perf_counter()
    return len(norms), middle - start, len(narrowed.pairs), end - middle, len(wide.pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--vocabulary", choices=tuple(check_scale.VOCABULARIES), default="realistic"
    )
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    parser.add_argument("--cache", type=Path, help="reading cache folder (kept between runs)")
    args = parser.parse_args()
    check_scale._vocabulary = check_scale.VOCABULARIES[args.vocabulary]
    base = args.keep or Path(tempfile.mkdtemp(prefix="charter-retrieval-"))
    cache = args.cache or Path(tempfile.mkdtemp(prefix="charter-reading-cache-"))
    os.environ["XDG_CACHE_HOME"] = str(cache)
    rows = []
    print(f"vocabulary '{args.vocabulary}'")
    header = ("statements", "all pairs", "narrowed", "pairs", "wide", "pairs")
    print(" ".join(f"{h:>{w}}" for h, w in zip(header, (10, 12, 9, 8, 8, 8), strict=True)))
    for clauses, modules in check_scale.SIZES:
        folder = base / f"p{clauses}-every10-{args.vocabulary}"
        if not folder.exists():
            check_scale.generate(folder, clauses, modules, 10)
        n, tn, pn, tw, pw = measure(folder)
        rows.append((n, tn, pn, tw, pw))
        print(f"{n:>10} {n * (n - 1) // 2:>12} {tn:>7.3f} s {pn:>8} {tw:>6.3f} s {pw:>8}")
    (n1, *first), (n2, *last) = rows[0], rows[-1]

    def exponent(a: float, b: float) -> float:
        return math.log(b / a) / math.log(n2 / n1) if a > 0 and b > 0 else float("nan")

    labels = ("narrowed time", "narrowed pairs", "wide time", "wide pairs")
    parts = [
        f"{label} {exponent(a, b):.2f}" for label, a, b in zip(labels, first, last, strict=True)
    ]
    print("growth exponents, smallest to largest: " + ", ".join(parts))


if __name__ == "__main__":
    main()
