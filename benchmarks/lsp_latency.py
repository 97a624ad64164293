"""Benchmark: time from an edit to its diagnostics in ``charter lsp`` on the Model Spec.

Starts the language server as editors do (a subprocess speaking JSON-RPC over stdio),
opens ``model_spec.md`` of the 2025-12-18 Model Spec (271 KB, one module plus 114
prompt files), waits for its first diagnostics (a cold start, reported apart), then makes
``--edits`` edits, each a one-word change inside a different statement, and times each
from ``didChange`` written to the ``publishDiagnostics`` of that version read. Prints the
median, the 90th percentile and the worst, against the 200 ms budget, and the time of a
hover answered while an analysis is under way. Then, in this process, where an edit's
time goes: loading with the edited buffer (the parse), the type checker, lint, in wall
and CPU time. ``--trace FILE`` also runs the server with ``CHARTER_LSP_TRACE=1`` and
prints the median time of each stage it logged (debounce, the child process's snapshot
and analysis, conversion to LSP, publishing). ``--line-edits N`` (default 10) edits that
each add a line (the worst case for reuse: everything below moves) are timed apart.

    .venv/bin/python benchmarks/lsp_latency.py [--edits N] [--spec PATH] [--trace FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SPEC = REPO.parent / "shared" / "corpora" / "openai-model-spec" / "2025-12-18" / "model_spec.md"
BUDGET_MS = 200.0


class Client:
    """Just enough of an LSP client: framed JSON-RPC over the server's pipes."""

    def __init__(self, cwd: Path, trace: Path | None = None) -> None:
        env = dict(os.environ)
        if trace is not None:
            env["CHARTER_LSP_TRACE"] = "1"
        self.stderr = trace.open("wb") if trace is not None else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "charter.cli.main", "lsp"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
        )
        self.next_id = 0

    def send(self, payload: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **payload}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def read(self) -> dict[str, Any]:
        out = self.proc.stdout
        assert out is not None
        length = 0
        while True:
            header = out.readline()
            if header in (b"\r\n", b"\n", b""):
                break
            name, _, value = header.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        message: dict[str, Any] = json.loads(out.read(length))
        return message

    def request(self, method: str, params: Any) -> Any:
        self.next_id += 1
        ident = self.next_id
        self.send({"id": ident, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == ident and "method" not in message:
                return message.get("result")

    def diagnostics_of(self, uri: str, version: int) -> list[Any]:
        while True:
            message = self.read()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and (
                params.get("uri") == uri and params.get("version") == version
            ):
                found: list[Any] = params["diagnostics"]
                return found


def edited(text: str, n: int) -> str:
    """The text with the n-th 'should' (a different statement each time) made 'must'."""
    at = -1
    for _ in range(n + 1):
        at = text.find(" should ", at + 1)
    return text if at < 0 else text[:at] + " must " + text[at + len(" should ") :]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=20)
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument(
        "--line-edits", type=int, default=10, help="edits that add a line, timed apart"
    )
    parser.add_argument(
        "--trace", type=Path, help="log the server's stage times (CHARTER_LSP_TRACE) here"
    )
    args = parser.parse_args()
    spec: Path = args.spec.resolve()
    text = spec.read_text(encoding="utf-8")
    client = Client(spec.parent, args.trace)
    uri = spec.as_uri()
    client.request(
        "initialize", {"processId": None, "rootUri": spec.parent.as_uri(), "capabilities": {}}
    )
    client.send({"method": "initialized", "params": {}})
    started = time.perf_counter()
    item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
    client.send({"method": "textDocument/didOpen", "params": {"textDocument": item}})
    found = client.diagnostics_of(uri, 1)
    cold = (time.perf_counter() - started) * 1000
    times = []
    for n in range(args.edits):
        version = n + 2
        change = {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": edited(text, n)}],
        }
        started = time.perf_counter()
        client.send({"method": "textDocument/didChange", "params": change})
        client.diagnostics_of(uri, version)
        times.append((time.perf_counter() - started) * 1000)
    moved, current = [], text
    for n in range(args.line_edits):  # each adds a line to the last version: lines below move
        version = args.edits + 2 + n
        current = with_line(current, n, args.line_edits)
        change = {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": current}],
        }
        started = time.perf_counter()
        client.send({"method": "textDocument/didChange", "params": change})
        client.diagnostics_of(uri, version)
        moved.append((time.perf_counter() - started) * 1000)
    hover_ms = hover_during_analysis(client, uri, text, args.edits + args.line_edits + 2)
    client.request("shutdown", None)
    client.send({"method": "exit", "params": None})
    client.proc.wait(timeout=30)
    report(spec, len(found), cold, times, hover_ms)
    if moved:
        moved.sort()
        p90 = moved[max(0, round(0.9 * len(moved)) - 1)]
        spread = f"median {statistics.median(moved):.0f} ms, p90 {p90:.0f} ms"
        print(f"edits that add a line (the text below moves), {len(moved)}: {spread}")
    if args.trace is not None:
        stages(args.trace)
    breakdown(spec, text, args.edits)
    return 0


def with_line(text: str, n: int, count: int) -> str:
    """The text with a sentence added after the blank line nearest the n-th of ``count``
    even places of the file."""
    lines = text.split("\n")
    at = (n + 1) * len(lines) // (count + 1)
    blank = next((k for k in range(at, len(lines)) if not lines[k].strip()), at)
    lines[blank + 1 : blank + 1] = [f"The assistant should answer briefly ({n}).", ""]
    return "\n".join(lines)


def breakdown(spec: Path, text: str, edits: int) -> None:
    """Median milliseconds of each step of one analysis after an edit, in this process:
    wall time, and CPU time (what the step costs whatever else the machine runs)."""
    import charter
    from charter.check.checker import check_project
    from charter.lint.engine import lint_project

    names = ("load (parse)", "check", "lint")
    wall: dict[str, list[float]] = {k: [] for k in names}
    cpu: dict[str, list[float]] = {k: [] for k in names}
    lint_project(charter.load(spec.parent, overrides={str(spec): text}))  # warm the caches
    for n in range(edits):
        marks = [(time.perf_counter(), time.process_time())]
        project = charter.load(spec.parent, overrides={str(spec): edited(text, n)})
        marks.append((time.perf_counter(), time.process_time()))
        check_project(project)
        marks.append((time.perf_counter(), time.process_time()))
        lint_project(project)
        marks.append((time.perf_counter(), time.process_time()))
        for k, name in enumerate(names):
            wall[name].append(marks[k + 1][0] - marks[k][0])
            cpu[name].append(marks[k + 1][1] - marks[k][1])
    median = {
        k: (statistics.median(wall[k]) * 1000, statistics.median(cpu[k]) * 1000) for k in names
    }
    shown = ", ".join(f"{k} {w:.0f} ms (CPU {c:.0f})" for k, (w, c) in median.items())
    print(f"one analysis in-process after an edit (median): {shown}")


def stages(log: Path) -> None:
    """Median milliseconds of each stage the server traced, over the edits (not the open)."""
    lines = [x for x in log.read_text().splitlines() if x.startswith("charter-lsp-trace")]
    found: dict[str, list[float]] = {}
    for line in lines[1:-1]:  # the open is cold; the last is the hover round (all edits)
        for part in line.split()[2:]:
            name, _, ms = part.partition("=")
            found.setdefault(name, []).append(float(ms))
    shown = ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in found.items())
    print(f"server stages (median ms): {shown}")


def hover_during_analysis(client: Client, uri: str, text: str, version: int) -> float:
    """Milliseconds to answer a hover sent right after an edit (the analysis is running)."""
    line = next(i for i, x in enumerate(text.split("\n")) if "{#" in x and x.startswith("#"))
    col = text.split("\n")[line].index("{#") + 3
    change = {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}
    client.send({"method": "textDocument/didChange", "params": change})
    time.sleep(0.1)
    started = time.perf_counter()
    params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": col}}
    client.request("textDocument/hover", params)
    return (time.perf_counter() - started) * 1000


def report(spec: Path, found: int, cold: float, times: list[float], hover_ms: float) -> None:
    times.sort()
    p90 = times[max(0, round(0.9 * len(times)) - 1)]
    median = statistics.median(times)
    print(f"spec: {spec} ({spec.stat().st_size // 1024} KB), {found} diagnostics")
    print(f"first diagnostics after open (cold, worker start included): {cold:.0f} ms")
    spread = f"median {median:.0f} ms, p90 {p90:.0f} ms, worst {times[-1]:.0f} ms"
    print(f"edit to diagnostics over {len(times)} edits: {spread}")
    verdict = "within" if median <= BUDGET_MS else "OVER"
    print(f"budget {BUDGET_MS:.0f} ms: median {verdict} ({median / BUDGET_MS:.2f}x)")
    print(f"hover answered during an analysis: {hover_ms:.0f} ms")


if __name__ == "__main__":
    raise SystemExit(main())
