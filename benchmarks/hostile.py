"""Time every command on every case of the hostile-input corpus and name the worst.

    .venv/bin/python benchmarks/hostile.py [--case NAME ...] [--command CMD ...] [--big]

Each command runs in its own subprocess with the corpus's time and memory limits
(``tests/qa/hostile_corpus.py``). Prints one line per case with the seconds of each
command, any problem found (hang, traceback, unexpected exit code), and the slowest
case/command pair. ``--big`` adds the 7.9 MB spec (just under the 8 MB file cap).
Exit code 1 when any problem was found.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.qa import hostile_corpus as corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", action="append", default=[], help="only this case")
    parser.add_argument("--command", action="append", default=[], choices=corpus.COMMANDS)
    parser.add_argument("--big", action="store_true", help="add the 7.9 MB spec")
    args = parser.parse_args()
    chosen = corpus.cases() + ([corpus.big_case()] if args.big else [])
    if args.case:
        chosen = [c for c in chosen if c.name in args.case]
    commands = args.command or list(corpus.COMMANDS)
    print(f"{'case':<24}" + "".join(f"{c:>9}" for c in commands))
    worst: tuple[float, str] = (0.0, "")
    found: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in chosen:
            workdir, target = corpus.build(case, Path(tmp))
            cells = []
            for command in commands:
                outcome = corpus.run_command(case, command, target, workdir)
                found.extend(corpus.problems(case, outcome))
                mark = "!" if outcome.code not in case.allowed(command) else ""
                cells.append(f"{outcome.seconds:>8.2f}{mark or ' '}")
                worst = max(worst, (outcome.seconds, f"{case.name}/{command}"))
            print(f"{case.name:<24}" + "".join(cells), flush=True)
    print(f"\nworst: {worst[1]} {worst[0]:.2f} s (limit {corpus.TIME_LIMIT:.0f} s per command)")
    for problem in found:
        print("PROBLEM", problem.replace("\n", " | ")[:400])
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
