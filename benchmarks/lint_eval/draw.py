"""Draw a new batch of statements to label, and print them for reading without findings.

    .venv/bin/python benchmarks/lint_eval/draw.py SEED COUNT OUT.yaml [--dev|--held] [--random]

Half of the batch (or every one there is, if fewer) comes from statements that today's
rules flag at warning severity or above, the rest from every statement regardless of
findings (six words or more); statements already in a label file are skipped, and both
halves of the split are drawn from. ``OUT.yaml`` receives a skeleton (location, clause,
hash, ``random`` = drawn regardless of findings) in shuffled order; stdout receives, for
each entry, only the clause id, the statement before it and the statement itself: never a
finding, so the reader labels what the text says. ``--dev`` draws from the development half
only (a batch for tuning, which leaves the held-out half untouched). ``--random`` draws the
whole batch regardless of findings (the rules are not even run), for unbiased figures;
``--held`` draws from the held-out half only (a test set for rules already frozen).
"""

from __future__ import annotations

import itertools
import random
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lint_eval.score import EVAL, _is_warning, _lint
from lint_eval.units import RELEASES, Unit, spec_path, units

LABEL_FILES = (
    "labels.yaml",
    "labels_heldout_extra.yaml",
    "labels_batch3.yaml",
    "labels_batch4_dev.yaml",
    "labels_batch5.yaml",
    "labels_batch6_held.yaml",
    "labels_batch7.yaml",
    "labels_batch8.yaml",
)


def labelled() -> set[str]:
    out: set[str] = set()
    for name in LABEL_FILES:
        path = EVAL / name
        if path.exists():
            out |= {e["sha"] for e in yaml.safe_load(path.read_text("utf-8")) or []}
    return out


def flagged(pool: list[Unit]) -> set[str]:
    """Hashes of the statements that hold a warning-or-above finding."""
    out: set[str] = set()
    for release in RELEASES:
        source = f"{release}/model_spec.md"
        mine = [u for u in pool if u.source == source]
        for d in _lint(spec_path(source)):
            if not _is_warning(d):
                continue
            at = (d.line, d.col)  # type: ignore[attr-defined]
            for u in mine:
                if (u.line, u.col) <= at < (u.end_line, u.end_col or 10**6):
                    out.add(u.sha)
    return out


def draw(
    seed: int, count: int, dev: bool = False, everything: bool = False, held: bool = False
) -> list[tuple[Unit, bool]]:
    done = labelled()
    own = ("own", "own8")
    pool = [u for u in units() if u.source not in own and u.sha not in done and u.words >= 6]
    pool = [u for u in pool if not (dev and u.held_out) and not (held and not u.held_out)]
    rng = random.Random(seed)
    hits = set() if everything else flagged(pool)
    hit = sorted((u for u in pool if u.sha in hits), key=_key)
    first = rng.sample(hit, min(count // 2, len(hit)))
    rest = [u for u in pool if u not in first]
    second = rng.sample(sorted(rest, key=_key), count - len(first))
    batch = [(u, False) for u in first] + [(u, True) for u in second]
    rng.shuffle(batch)
    return batch


def _key(u: Unit) -> tuple[str, int, int]:
    return (u.source, u.line, u.col)


def main(argv: list[str]) -> int:
    seed, count, out = int(argv[0]), int(argv[1]), Path(argv[2])
    batch = draw(seed, count, "--dev" in argv, "--random" in argv, "--held" in argv)
    previous = {u.sha: p for p, u in _neighbours()}
    skeleton = []
    for i, (u, rnd) in enumerate(batch):
        skeleton.append(
            {"source": u.source, "line": u.line, "col": u.col, "clause": u.clause, "sha": u.sha}
            | {"random": rnd}
        )
        before = previous.get(u.sha)
        print(f"#{i} [{u.clause}]")
        if before is not None:
            print(f"   (before: {before.text[:300]})")
        print(f"   {u.text}\n")
    out.write_text(yaml.safe_dump(skeleton, sort_keys=False), "utf-8")
    return 0


def _neighbours() -> list[tuple[Unit, Unit]]:
    every = list(units())
    return [(a, b) for a, b in itertools.pairwise(every) if a.clause == b.clause]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
