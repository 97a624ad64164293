"""Soak and chaos: many cases through faults and SIGKILLs, then count what was lost.

    python benchmarks/soak.py [--n 10000] [--conc 32] [--latency 50] [--kills 5]
                              [--fault-429 0.10] [--fault-500 0.05] [--fault-drop 0.02]
                              [--retry-after 1] [--seed 1]

The shared stub (``../shared/bench/stub_openai.py``) answers with the given fault rates.
``charter test`` runs a spec of N test blocks against it; at ``--kills`` random moments
the process is killed with SIGKILL, and each kill is followed by ``charter test
--resume RUN``, until one invocation finishes. Then the store and the stub's own
counters are compared:

- **lost**: cases without a result (they must be 0: every case settles, graded or
  errored);
- **duplicated**: results beyond one per case, and cases recorded with more than one
  successful model call (a case settled twice);
- **calls per case**: requests the stub received / N (retries and answers lost to a kill
  included);
- **wall / ideal**: the summed wall time of every invocation against the ideal for the
  calls made (requests × latency / concurrency).

The shared stub has fixed latency and one ``Retry-After`` value, so slow tails and a
spread of Retry-After values are not exercised here (the test suite's fault server
covers them: ``tests/run/test_fault_profile.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from runner import CHARTER, Stub, _env, write_spec  # noqa: E402


def _invoke(argv: list[str], kill_after: float | None) -> tuple[float, int | None]:
    """Run one ``charter test``; SIGKILL it after ``kill_after`` s (None: let it finish).
    Returns (wall seconds, exit code or None when killed)."""
    _STARTS.append(time.time())
    started = time.monotonic()
    proc = subprocess.Popen(argv, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        proc.wait(timeout=kill_after)
    except subprocess.TimeoutExpired:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return time.monotonic() - started, None
    finally:
        if proc.stderr is not None:
            proc.stderr.close()
    return time.monotonic() - started, proc.returncode


_STARTS: list[float] = []  # the Unix time each invocation started


def _last_invocation(db: Path, run_id: str, started: float, wall: float) -> dict[str, Any]:
    """Where the last invocation's time went: the results it recorded, when its first and
    last were written and when 90 % were, against its start (seconds)."""
    with sqlite3.connect(db) as conn:
        times = [
            row[0] - started
            for row in conn.execute(
                "SELECT finished FROM results WHERE run_id = ? AND finished >= ? ORDER BY finished",
                (run_id, started),
            )
        ]
    if not times:
        return {"results": 0, "wall_s": round(wall, 3)}
    return {
        "results": len(times),
        "wall_s": round(wall, 3),
        "first_result_s": round(times[0], 3),
        "p90_result_s": round(times[int(0.9 * (len(times) - 1))], 3),
        "last_result_s": round(times[-1], 3),
        "after_last_result_s": round(wall - times[-1], 3),
    }


def _run_id(db: Path) -> str | None:
    if not db.exists():
        return None
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT id FROM runs ORDER BY created DESC LIMIT 1").fetchone()
    return None if row is None else str(row[0])


def _settled(db: Path, run_id: str) -> int:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT count(*) FROM results WHERE run_id = ?", (run_id,)).fetchone()
    return int(row[0])


def _count(db: Path, run_id: str) -> dict[str, Any]:
    with sqlite3.connect(db) as conn:
        rows, distinct = conn.execute(
            "SELECT count(*), count(DISTINCT case_id || '#' || repeat) FROM results"
            " WHERE run_id = ?",
            (run_id,),
        ).fetchone()
        statuses = dict(
            conn.execute(
                "SELECT status, count(*) FROM results WHERE run_id = ? GROUP BY status", (run_id,)
            ).fetchall()
        )
        twice = conn.execute(
            "SELECT count(*) FROM (SELECT case_id FROM calls WHERE run_id = ? AND role = 'model'"
            " AND status = 200 GROUP BY case_id, repeat HAVING count(*) > 1)",
            (run_id,),
        ).fetchone()[0]
        calls = conn.execute("SELECT count(*) FROM calls WHERE run_id = ?", (run_id,)).fetchone()
        state = conn.execute("SELECT status FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
    return {
        "results": rows,
        "settled": distinct,
        "statuses": statuses,
        "settled_twice": twice,
        "calls_recorded": calls[0],
        "run_status": state,
    }


def soak(
    bench: Path,
    n: int,
    conc: int,
    latency: float,
    kills: int,
    faults: list[str],
    seed: int,
    work: Path,
) -> dict[str, Any]:
    """Run the soak in ``work``; returns the figures (see the module docstring)."""
    rng = random.Random(seed)
    stub = Stub(bench, latency, work, tuple(faults))
    try:
        spec = work / "spec"
        write_spec(spec, n, stub.url)
        stub.call("POST", "/stats/reset")
        base = [*CHARTER, "test", str(spec), "--model", "stub/stub-echo", "--no-cache"]
        base += ["--concurrency", str(conc), "--format", "json", "-o", os.devnull]
        ideal_guess = n * 1.25 * latency / 1000 / conc + 1.0
        walls: list[float] = []
        codes: list[int | None] = []
        run_id: str | None = None
        db = spec / ".charter" / "charter.db"
        for attempt in range(kills + 1):
            argv = base if run_id is None else [*base, "--resume", run_id]
            left = 1.0 - (_settled(db, run_id) / n if run_id else 0.0)
            # a random moment within the work left, so every kill lands before the end
            kill_at = rng.uniform(0.5, max(1.0, left * ideal_guess)) if attempt < kills else None
            wall, code = _invoke(argv, kill_at)
            walls.append(wall)
            codes.append(code)
            run_id = run_id or _run_id(db)
        stats = stub.call("GET", "/stats")
    finally:
        stub.stop()
    assert run_id is not None, "no run was created"
    counted = _count(db, run_id)
    last = _last_invocation(db, run_id, _STARTS[-1], walls[-1])
    requests = int(stats["requests"])
    ideal = requests * latency / 1000 / conc
    return {
        "n": n,
        "conc": conc,
        "latency_ms": latency,
        "kills": sum(c is None for c in codes),
        "exit_codes": codes,
        "lost": n - counted["settled"],
        "duplicated": counted["results"] - counted["settled"] + counted["settled_twice"],
        **counted,
        "stub_requests": requests,
        "stub_by_status": stats.get("by_status"),
        "calls_per_case": requests / n,
        "wall_s": sum(walls),
        "walls_s": [round(w, 2) for w in walls],
        "ideal_s": ideal,
        "ratio": sum(walls) / ideal if ideal else float("inf"),
        "killed_walls_s": round(sum(walls[:-1]), 2),
        "last_invocation": last,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--conc", type=int, default=32)
    parser.add_argument("--latency", type=float, default=50.0)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--fault-429", type=float, default=0.10)
    parser.add_argument("--fault-500", type=float, default=0.05)
    parser.add_argument("--fault-drop", type=float, default=0.02)
    parser.add_argument("--retry-after", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    faults = ["--fault-429", str(args.fault_429), "--fault-500", str(args.fault_500)]
    faults += ["--fault-drop", str(args.fault_drop), "--retry-after", str(args.retry_after)]
    faults += ["--seed", str(args.seed)]
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}; stub faults: {' '.join(faults)}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="soak.") as work:
        figures = soak(
            args.bench, args.n, args.conc, args.latency, args.kills, faults, args.seed, Path(work)
        )
    print(json.dumps(figures, indent=2))
    print(
        f"cases lost {figures['lost']}, duplicated {figures['duplicated']}, "
        f"settled {figures['settled']}/{args.n} ({figures['statuses']}), "
        f"calls per case {figures['calls_per_case']:.3f}, {figures['kills']} SIGKILLs, "
        f"wall {figures['wall_s']:.1f} s vs ideal {figures['ideal_s']:.1f} s for the calls "
        f"made = {figures['ratio']:.2f}×"
    )
    last = figures["last_invocation"]
    print(
        f"killed invocations {figures['killed_walls_s']:.2f} s; the last one "
        f"{last['wall_s']:.2f} s: {last['results']} results, the first at "
        f"{last.get('first_result_s', 0):.2f} s, 90 % by {last.get('p90_result_s', 0):.2f} s, "
        f"the last at {last.get('last_result_s', 0):.2f} s, exit "
        f"{last.get('after_last_result_s', 0):.2f} s after it"
    )
    ok = figures["lost"] == 0 and figures["duplicated"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
