"""Runner benchmarks (DESIGN §7): charter against promptfoo and Inspect AI on one stub.

    python benchmarks/runner.py compare [--n 4000] [--conc 64] [--latency 50] [--reps 1]
                                        [--peers promptfoo,inspect,loadgen,charter-seen]
    python benchmarks/runner.py memory  [--n 100000]
    python benchmarks/runner.py rerun   [--n 4000]
    python benchmarks/runner.py clients [--n 2000]       # per-call CPU of HTTP clients
    python benchmarks/runner.py steps   [--n 4000]       # per-case CPU of each runner step
    python benchmarks/runner.py all

Uses ``../shared/bench`` (``--bench DIR``): its ``stub_openai.py`` for the endpoint, its
``cases.py`` prompts, and its ``run_promptfoo.sh`` / ``run_inspect.sh`` /
``run_loadgen.sh`` for the peers, interleaved with charter in the same run. Charter is
measured the way those scripts measure a peer: a stub on a free loopback port, an
untimed one-case warm-up against it, ``/stats/reset``, then the whole ``charter test``
process under GNU ``/usr/bin/time -v`` with a fresh store and ``--no-cache``; the stub's
``/stats`` give requests, first request and last answer. One result line per run, in
the peers' format, then a median table. Ratios are wall time / ideal time, where
ideal = cases × latency / concurrency. The peer ``charter-seen`` is charter on a spec it has
tested before (its parse cache warm, its store and result cache empty): the common CI
case of an unchanged spec; ``charter`` is a spec never seen.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
CHARTER = [sys.executable, "-m", "charter.cli.main"]
FILLER = "Reply with anything; this is a throughput benchmark case."
LOOPBACK_ENV = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


class Stub:
    """The shared stub, on a free loopback port, for one measurement (``faults``: its
    fault options, such as ``--fault-429 0.1``; none by default)."""

    def __init__(
        self, bench: Path, latency_ms: float, work: Path, faults: tuple[str, ...] = ()
    ) -> None:
        port_file = work / "stub.port"
        port_file.unlink(missing_ok=True)
        command = [sys.executable, str(bench / "stub_openai.py"), "--host", "127.0.0.1"]
        command += ["--port", "0", "--port-file", str(port_file)]
        self.proc = subprocess.Popen(
            [*command, "--latency-ms", str(latency_ms), *faults],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{port_file.read_text().strip()}"

    def call(self, method: str, path: str) -> dict[str, Any]:
        data = b"" if method == "POST" else None
        request = urllib.request.Request(self.url + path, method=method, data=data)
        with urllib.request.urlopen(request, timeout=10) as response:
            body: dict[str, Any] = json.loads(response.read() or b"{}")
            return body

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def write_spec(
    root: Path, n: int, base_url: str, *, per_clause: int = 40, per_module: int = 10_000
) -> None:
    """N test blocks with the peers' prompts (cases.py) and their check (icontains ECHO)."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for m, first in enumerate(range(1, n + 1, per_module)):
        last = min(n, first + per_module - 1)
        out = [f"---\nid: bench{m}\n---\n# Bench {{#bench authority=root}}\n\nOverview.\n"]
        for start in range(first, last + 1, per_clause):
            out.append(f"\n## Cases from {start} {{#c{start:06d}}}\n\nThe assistant must answer.\n")
            for i in range(start, min(last, start + per_clause - 1) + 1):
                prompt = json.dumps(f"case-{i:05d} {FILLER}")
                out.append(f"\n```yaml test\nprompt: {prompt}\nexpect:\n  - icontains: ECHO\n```\n")
        (root / f"bench{m}.md").write_text("".join(out), encoding="utf-8")
    (root / "charter.toml").write_text(
        f'[providers.stub]\ntype = "openai"\nbase_url = "{base_url}/v1"\n', encoding="utf-8"
    )


def _gnu_time(text: str) -> tuple[float, float]:
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    cpu = float(user.group(1) if user else 0) + float(system.group(1) if system else 0)
    return (int(rss.group(1)) / 1024 if rss else 0.0), cpu


def charter_once(
    bench: Path,
    n: int,
    conc: int,
    latency: float,
    *,
    work: Path | None = None,
    stub: Stub | None = None,
    fresh: bool = True,
    seen: bool = False,
) -> dict[str, Any]:
    """One timed ``charter test`` run; returns the fields of a result line. ``fresh``:
    a new spec and an empty store after a one-case warm-up; else run the same spec again.
    ``seen``: the new spec was tested before (two untimed one-clause runs, the second of
    which writes the parse cache), then its store is deleted: a fresh store and no result
    cache, but the spec's parse cache warm — an unchanged spec tested again, as in CI."""
    own_work, own_stub = work is None, stub is None
    work = work or Path(tempfile.mkdtemp(prefix="bench-charter."))
    stub = stub or Stub(bench, latency, work)
    try:
        write_spec(work / "warm", 1, stub.url)
        subprocess.run(  # the warm-up, untimed, like the peers' scripts do
            [
                *CHARTER,
                "test",
                str(work / "warm"),
                "--model",
                "stub/stub-echo",
                "--no-cache",
                "-o",
                os.devnull,
            ],
            check=True,
            env=_env(),
        )
        if fresh:
            write_spec(work / "spec", n, stub.url)
        if fresh and seen:
            _see(work / "spec")
        stub.call("POST", "/stats/reset")
        out = work / "out.json"
        argv = [
            "/usr/bin/time",
            "-v",
            "-o",
            str(work / "time.txt"),
            *CHARTER,
            "test",
            str(work / "spec"),
            "--model",
            "stub/stub-echo",
            "--concurrency",
            str(conc),
            "--format",
            "json",
            "-o",
            str(out),
        ]
        t0 = time.time()
        rc = subprocess.run(argv, env=_env(), stderr=subprocess.DEVNULL).returncode
        t1 = time.time()
        stats = stub.call("GET", "/stats")
        summary = json.loads(out.read_text())["summary"] if out.exists() else {}
        rss, cpu = _gnu_time((work / "time.txt").read_text())
    finally:
        if own_stub:
            stub.stop()
        if own_work:
            shutil.rmtree(work, ignore_errors=True)
    name = "charter-seen" if seen else "charter"
    return _line(name, n, conc, latency, t0, t1, stats, rc, summary.get("passed"), rss, cpu)


SEEN_ARGS = ("--model", "stub/stub-echo", "--no-cache", "-o", os.devnull)


def _see(spec: Path) -> None:
    """Test one clause of SPEC twice (the parse cache is written on a second run), then
    delete the store, keeping ``.charter/parse/``."""
    for _ in range(2):
        subprocess.run(
            [*CHARTER, "test", str(spec), "--clause", "c000001", *SEEN_ARGS],
            check=True,
            env=_env(),
        )
    for store in (spec / ".charter").glob("charter.db*"):
        store.unlink()


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "HTTP"))}
    return {**env, **LOOPBACK_ENV, "PYTHONPATH": str(REPO / "src")}


def _line(
    peer: str,
    n: int,
    conc: int,
    latency: float,
    t0: float,
    t1: float,
    stats: dict[str, Any],
    rc: int,
    passed: Any,
    rss: float,
    cpu: float,
) -> dict[str, Any]:
    ideal = n * latency / 1000 / conc
    first, last = stats.get("first_request_unix"), stats.get("last_answer_unix")
    return {
        "peer": peer,
        "n": n,
        "conc": conc,
        "latency_ms": latency,
        "wall_s": t1 - t0,
        "requests": stats.get("requests"),
        "ideal_s": ideal,
        "ratio": (t1 - t0) / ideal if ideal else float("inf"),
        "completions": stats.get("completions"),
        "passed": passed,
        "rc": rc,
        "max_in_flight": stats.get("max_in_flight"),
        "startup_s": (first - t0) if first else None,
        "active_s": (last - first) if first and last else None,
        "tail_s": (t1 - last) if last else None,
        "peak_rss_mb": rss,
        "peer_cpu_s": cpu,
    }


def peer_once(bench: Path, script: str, n: int, conc: int, latency: float) -> dict[str, Any] | None:
    """One run of a shared peer script; None (with the reason on stderr) if it cannot run."""
    done = subprocess.run(
        ["bash", str(bench / script), str(n), str(conc), str(latency)],
        capture_output=True,
        text=True,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("peer=")), None)
    if line is None:
        print(
            f"# {script} did not run (exit {done.returncode}): {done.stderr.strip()[-400:]}",
            file=sys.stderr,
        )
        return None
    fields: dict[str, Any] = {}
    for token in line.replace("|", " ").split():
        key, _, value = token.partition("=")
        try:
            fields[key] = float(value)
        except ValueError:
            fields[key] = value
    return fields


def _fmt(row: dict[str, Any]) -> str:
    def f(key: str, spec: str = ".3f") -> str:
        value = row.get(key)
        return (
            "?"
            if value is None
            else format(value, spec)
            if isinstance(value, float)
            else str(value)
        )

    return (
        f"peer={row['peer']} n={int(row['n'])} conc={int(row['conc'])} "
        f"latency_ms={row['latency_ms']:g} wall_s={f('wall_s')} requests={f('requests', '.0f')} "
        f"ideal_s={f('ideal_s')} ratio={f('ratio', '.2f')} | passed={f('passed', '.0f')} "
        f"rc={f('rc', '.0f')} max_in_flight={f('max_in_flight', '.0f')} startup_s={f('startup_s')} "
        f"active_s={f('active_s')} tail_s={f('tail_s')} peak_rss_mb={f('peak_rss_mb', '.0f')} "
        f"peer_cpu_s={f('peer_cpu_s', '.2f')}"
    )


def compare(args: argparse.Namespace) -> list[dict[str, Any]]:
    scripts = {
        "promptfoo": "run_promptfoo.sh",
        "inspect": "run_inspect.sh",
        "loadgen": "run_loadgen.sh",
    }
    peers = [p for p in args.peers.split(",") if p]
    rows: list[dict[str, Any]] = []
    for _ in range(args.reps):
        for peer in ["charter", *peers]:
            if peer in ("charter", "charter-seen"):
                row: dict[str, Any] | None = charter_once(
                    args.bench, args.n, args.conc, args.latency, seen=peer == "charter-seen"
                )
            else:
                row = peer_once(args.bench, scripts[peer], args.n, args.conc, args.latency)
            if row is not None:
                rows.append(row)
                print(_fmt(row), flush=True)
    _table(rows)
    return rows


def _table(rows: list[dict[str, Any]]) -> None:
    print(
        "\n| peer | N | conc | ideal s | median wall s | ratio | startup s | active s "
        "(ratio) | requests | peak RSS MB | CPU s |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    for peer in dict.fromkeys(r["peer"] for r in rows):
        mine = [r for r in rows if r["peer"] == peer]

        def med(key: str, rs: list[dict[str, Any]] = mine) -> float:
            values = [float(r[key]) for r in rs if isinstance(r.get(key), int | float)]
            return statistics.median(values) if values else float("nan")

        ideal = mine[0]["ideal_s"]
        print(
            f"| {peer} | {int(mine[0]['n'])} | {int(mine[0]['conc'])} | {ideal:.3f} | "
            f"{med('wall_s'):.2f} | {med('ratio'):.2f}× | {med('startup_s'):.2f} | "
            f"{med('active_s'):.2f} ({med('active_s') / ideal:.2f}×) | "
            f"{', '.join(str(int(r['requests'])) for r in mine)} | {med('peak_rss_mb'):.0f} | "
            f"{med('peer_cpu_s'):.1f} |"
        )


def memory(args: argparse.Namespace) -> None:
    row = charter_once(args.bench, args.n, 64, 0.0)
    print(_fmt(row))
    verdict = "under" if row["peak_rss_mb"] < 250 else "OVER"
    print(f"peak RSS for {args.n} cases: {row['peak_rss_mb']:.0f} MB ({verdict} the 250 MB budget)")


def rerun(args: argparse.Namespace) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-rerun."))
    stub = Stub(args.bench, args.latency, work)
    try:
        first = charter_once(args.bench, args.n, 64, args.latency, work=work, stub=stub)
        again = charter_once(
            args.bench, args.n, 64, args.latency, work=work, stub=stub, fresh=False
        )
    finally:
        stub.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(_fmt(first) + "  (first run, empty store)")
    print(_fmt(again) + "  (re-run of the unchanged spec)")
    print(
        f"re-run: {int(again['requests'] or 0)} model calls, {again['wall_s']:.2f} s, "
        f"{int(again['passed'] or 0)} passed"
    )


CLIENT_CODE = r"""
import asyncio, json, sys, time
URL, N, CONC, KIND = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
def body(i):
    return {"model": "stub-echo", "messages": [{"role": "user", "content": f"case-{i:05d} hi"}]}
async def make():
    if KIND == "charter":
        from charter.providers.base import ChatMessage, Request
        from charter.providers.openai import OpenAIProvider
        p = OpenAIProvider("stub-echo", {"base_url": URL + "/v1"})
        async def one(i):
            return (await p.complete(Request((ChatMessage("user", f"case-{i:05d} hi"),)))).text
        return one, p.aclose
    if KIND == "httpx":
        import httpx
        c = httpx.AsyncClient(base_url=URL + "/v1", limits=httpx.Limits(max_connections=CONC))
        async def one(i):
            r = await c.post("/chat/completions", json=body(i))
            return r.json()["choices"][0]["message"]["content"]
        return one, c.aclose
    if KIND == "aiohttp":
        import aiohttp
        s = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=CONC))
        async def one(i):
            async with s.post(URL + "/v1/chat/completions", json=body(i)) as r:
                return (await r.json())["choices"][0]["message"]["content"]
        return one, s.close
    import openai
    c = openai.AsyncOpenAI(base_url=URL + "/v1", api_key="x", max_retries=0)
    async def one(i):
        r = await c.chat.completions.create(model="stub-echo", messages=body(i)["messages"])
        return r.choices[0].message.content
    return one, c.close
async def main():
    one, close = await make()
    await one(0)
    todo = iter(range(1, N + 1))
    async def worker():
        for i in todo:
            assert "ECHO" in await one(i)
    c0, t0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONC)))
    cpu, wall = time.process_time() - c0, time.perf_counter() - t0
    await close()
    print(json.dumps({"cpu_ms": cpu / N * 1000, "wall_s": wall}))
asyncio.run(main())
"""


def _python_with(module: str) -> str | None:
    """An interpreter that can import ``module``: this one, else the Inspect venv's."""
    candidates = [
        sys.executable,
        os.environ.get("INSPECT_VENV", "/tmp/inspect-venv") + "/bin/python",
    ]
    for python in candidates:
        if (
            Path(python).exists()
            and subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode
            == 0
        ):
            return python
    return None


def clients(bench: Path, n: int) -> None:
    """Client CPU per call (ms) against the stub with no latency, 1 and 64 in flight."""
    work = Path(tempfile.mkdtemp(prefix="bench-clients."))
    stub = Stub(bench, 0, work)
    print("| client | CPU ms/call, 1 in flight | CPU ms/call, 64 in flight | calls/s at 64 |")
    print("|---|---|---|---|")
    try:
        for kind, module in (
            ("charter", "charter"),
            ("httpx", "httpx"),
            ("aiohttp", "aiohttp"),
            ("openai", "openai"),
        ):
            python = sys.executable if kind == "charter" else _python_with(module)
            if python is None:
                print(f"| {kind} | not installed | | |")
                continue
            cells = []
            for conc in (1, 64):
                done = subprocess.run(
                    [python, "-c", CLIENT_CODE, stub.url, str(n), str(conc), kind],
                    capture_output=True,
                    text=True,
                    env=_env(),
                )
                cells.append(json.loads(done.stdout) if done.returncode == 0 else None)
            one, many = cells
            if one is None or many is None:
                print(f"| {kind} | failed | | |")
                continue
            rate = n / many["wall_s"]
            print(f"| {kind} | {one['cpu_ms']:.3f} | {many['cpu_ms']:.3f} | {rate:.0f} |")
    finally:
        stub.stop()
        shutil.rmtree(work, ignore_errors=True)


def steps(bench: Path, n: int) -> None:
    """CPU per case (µs) of each runner step, measured in-process on an n-case spec."""
    sys.path.insert(0, str(REPO / "src"))
    from charter.grade import grade_fixed
    from charter.providers.base import Request
    from charter.providers.openai import OpenAIProvider
    from charter.providers.openai_wire import parse_completion
    from charter.run import Plan, plan_cases
    from charter.run.cache import cache_key, key_parts
    from charter.spec.loader import load
    from charter.store import ResultRecord, open_store

    work = Path(tempfile.mkdtemp(prefix="bench-steps."))
    write_spec(work / "spec", n, "http://127.0.0.1:9")
    timings: dict[str, float] = {}

    def clock(name: str, fn: Any) -> Any:
        started = time.process_time()
        value = fn()
        timings[name] = (time.process_time() - started) / n * 1e6
        return value

    project = clock("parse the spec (charter.load)", lambda: load(work / "spec"))
    cases = clock("plan cases", lambda: list(plan_cases(project, Plan())))
    provider = OpenAIProvider("stub-echo", {"base_url": "http://127.0.0.1:9/v1"})
    identity = provider.identity()
    keys = clock(
        "cache key (canonical JSON + BLAKE2b)",
        lambda: [cache_key(key_parts(identity, c.messages, {}, 0)) for c in cases],
    )
    store = open_store(work, work / "db.sqlite")
    store.create_run("r", "stub/stub-echo", str(work), "h", {})
    clock("cache lookup (miss)", lambda: [store.cached(k) for k in keys])
    clock(
        "request body (JSON)",
        lambda: [json.dumps(provider.payload(Request(c.messages))) for c in cases],
    )
    body = json.dumps(
        {
            "model": "stub-echo",
            "choices": [{"message": {"content": "ECHO: x"}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 9},
        }
    ).encode()
    clock("parse the completion", lambda: [parse_completion(body, 0.05) for _ in cases])
    clock("grade (fixed assertions)", lambda: [grade_fixed(c, "ECHO: x") for c in cases])
    entries = [
        (
            ResultRecord(c.id, 0, c.module, c.clause.id, "passed", "ok", False, k, "ECHO"),
            (),
            (k, {"messages": []}),
        )
        for c, k in zip(cases, keys, strict=True)
    ]
    clock(
        "store: result + cache entry, commits of 64",
        lambda: [store.record_many("r", entries[i : i + 64]) for i in range(0, n, 64)],
    )
    store.close()
    shutil.rmtree(work, ignore_errors=True)
    print("| step | CPU µs per case |\n|---|---|")
    for name, micros in timings.items():
        print(f"| {name} | {micros:.1f} |")
    print("| HTTP call (see clients: charter row, 64 in flight) | |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("compare", "memory", "rerun", "clients", "steps", "all"))
    parser.add_argument("--bench", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--n", type=int)
    parser.add_argument("--conc", type=int, default=64)
    parser.add_argument("--latency", type=float, default=50.0)
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--peers", default="promptfoo,inspect,loadgen")
    args = parser.parse_args(argv)
    if not (args.bench / "stub_openai.py").exists():
        parser.error(f"no stub_openai.py in {args.bench} (use --bench DIR)")
    print(
        f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} CPUs, "
        f"Python {sys.version.split()[0]}",
        flush=True,
    )
    jobs = {
        "compare": lambda: compare(_with(args, n=args.n or 4000)),
        "memory": lambda: memory(_with(args, n=args.n or 100_000)),
        "rerun": lambda: rerun(_with(args, n=args.n or 4000)),
        "clients": lambda: clients(args.bench, args.n or 2000),
        "steps": lambda: steps(args.bench, args.n or 4000),
    }
    for name in jobs if args.what == "all" else [args.what]:
        print(f"\n## {name}", flush=True)
        jobs[name]()
    return 0


def _with(args: argparse.Namespace, **changes: Any) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), **changes})


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    sys.exit(main())
