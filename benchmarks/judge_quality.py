"""Judge quality: blind agreement with the spec's own GOOD/BAD labels, per clause.

    python benchmarks/judge_quality.py PATH --grader P/M          # a provider of charter.toml
    python benchmarks/judge_quality.py PATH --base-url URL --model M  # OpenAI-compatible
    python benchmarks/judge_quality.py PATH --demo                 # scripted, known errors

Every GOOD and BAD candidate of the spec's testable clauses is graded blind, exactly as
a real response would be (references from the clause's other examples only; ``--mode
with-siblings`` for the older mode). Per clause and overall it prints: candidates,
decided, agreement with its 95 % Wilson interval, Cohen's kappa, the share of
``uncertain`` verdicts, unscored answers and ``n/a`` defects (and overall the strict
agreement, where uncertain counts as a miss); ``--json FILE`` writes
the full report. No verdict is cached (``--cache`` to reuse the store's).

``--demo`` starts a scripted judge on 127.0.0.1 whose error pattern is fixed — it
inverts every verdict of every third clause and answers ``unclear`` on every fifth
candidate, otherwise it is right — and checks that the harness reports exactly the
numbers that pattern implies (exit 1 if not): a proof of the harness's arithmetic, not
a measure of any model.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from collections.abc import Callable, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="spec folder, charter.toml or .md file")
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--grader", metavar="P/M", help="a provider/model of charter.toml")
    where.add_argument("--base-url", metavar="URL", help="an OpenAI-compatible endpoint")
    where.add_argument("--demo", action="store_true", help="scripted judge, known errors")
    parser.add_argument("--model", default="judge", help="model name with --base-url")
    parser.add_argument("--api-key-env", metavar="VAR", help="env variable holding the key")
    parser.add_argument("--mode", choices=("blind", "with-siblings"), default="blind")
    parser.add_argument("--judge-samples", type=int, default=1, metavar="K")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--clause", action="append", default=[], metavar="ID")
    parser.add_argument("--cache", action="store_true", help="reuse cached verdicts")
    parser.add_argument("--json", metavar="FILE", help="write the report as JSON")
    return parser.parse_args(argv)


def provider_for(args: argparse.Namespace, project: Any, base_url: str | None) -> Any:
    from charter.providers import resolve
    from charter.providers.openai import OpenAIProvider

    if base_url is not None:
        options: dict[str, Any] = {"base_url": base_url}
        if args.api_key_env:
            options["api_key_env"] = args.api_key_env
        return OpenAIProvider(args.model, options)
    tables = project.config.section("providers") if project.config is not None else {}
    return resolve(args.grader, tables)


def measure(args: argparse.Namespace, project: Any, base_url: str | None) -> dict[str, Any]:
    """Calibrate blind and return the report (``CalibrationReport.to_json()``)."""
    from charter.grade.calibration import summarize
    from charter.grade.judge import JudgeConfig
    from charter.run.calibrate import CallPolicy, calibrate, plan_calibration
    from charter.run.plan import Filters

    items = list(plan_calibration(project, Filters(tuple(args.clause)), args.mode))
    cache = _store(project) if args.cache else None
    provider = provider_for(args, project, base_url)
    judge = JudgeConfig().make(provider, cache, project=project, samples=args.judge_samples)

    async def go() -> Any:
        try:
            return await calibrate(items, judge, CallPolicy(concurrency=args.concurrency))
        finally:
            await provider.aclose()

    judged = asyncio.run(go())
    name = args.grader or f"{args.base_url or 'demo'} {args.model}"
    return summarize(
        judged, {"grader": name, **judge.identity()}, {"root": project.root}, args.mode
    ).to_json()


def _store(project: Any) -> Any:
    from charter.store import open_store
    from charter.store.judging import JudgeStore

    return JudgeStore(open_store(project.root))


def _pct(value: float | None) -> str:
    return "    –" if value is None else f"{100 * value:5.1f}"


def table(report: dict[str, Any]) -> str:
    """One line per clause, then the overall line."""
    names = ("n", "dec", "agree%", "95% CI", "kappa", "unc%", "unsc", "n/a")
    widths = (4, 4, 6, 13, 6, 5, 4, 3)
    rows = [f"{'clause':44} " + " ".join(f"{n:>{w}}" for n, w in zip(names, widths, strict=True))]
    for c in [*report["clauses"], {**report, "clause": "OVERALL", "module": ""}]:
        ci = c.get("agreement_ci")
        ci_text = f"{_pct(ci[0])}–{_pct(ci[1]).strip()}" if ci else "–"
        kappa = "–" if c["kappa"] is None else f"{c['kappa']:.3f}"
        rows.append(
            f"{c['clause'][:44]:44} {c['n']:>4} {c['scored']:>4} {_pct(c['agreement']):>6} "
            f"{ci_text:>13} {kappa:>6} {_pct(c['uncertain_share']):>5} {c['unscored']:>4} "
            f"{c['defects']:>3}" + ("  !" if c.get("warning") and c["clause"] != "OVERALL" else "")
        )
    rows.append(
        f"strict agreement (uncertain counted as misses) {_pct(report['strict_agreement'])}%; "
        f"mode {report['mode']}; '!' = fewer than 10 decided: too few to mean anything"
    )
    return "\n".join(rows)


# --- the demo: a scripted judge with a known error pattern -------------------------------


def demo_pattern(items: Sequence[Any]) -> dict[str, tuple[str, str]]:
    """Prompt text → (expected label, what the scripted judge answers): inverted on every
    third clause, unclear on every fifth candidate, else right."""
    from charter.grade.judge_prompt import build_messages

    clauses = list(dict.fromkeys(i.clause for i in items))
    pattern: dict[str, tuple[str, str]] = {}
    for n, item in enumerate(items):
        inverted = clauses.index(item.clause) % 3 == 2
        said = "uncertain" if n % 5 == 4 else (_flip(item.expected) if inverted else item.expected)
        pattern[build_messages(item.input)[1].content] = (item.expected, said)
    return pattern


def _flip(label: str) -> str:
    return "fail" if label == "pass" else "pass"


def demo_expected(items: Sequence[Any], pattern: dict[str, tuple[str, str]]) -> dict[str, Any]:
    """The numbers the pattern implies, counted directly (no statistics code reused)."""
    from charter.grade.judge_prompt import build_messages

    per: dict[str, dict[str, int]] = {}
    for item in items:
        expected, said = pattern[build_messages(item.input)[1].content]
        row = per.setdefault(item.clause, {"n": 0, "decided": 0, "agree": 0, "uncertain": 0})
        row["n"] += 1
        row["uncertain"] += said == "uncertain"
        row["decided"] += said != "uncertain"
        row["agree"] += said == expected
    return per


def serve(behaviour: Callable[[dict[str, Any]], str]) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", "0"))))
            text = json.dumps(
                {
                    "model": "scripted",
                    "choices": [
                        {
                            "message": {"role": "assistant", "content": behaviour(body)},
                            "finish_reason": "stop",
                        }
                    ],
                    "usage": {"prompt_tokens": 0, "completion_tokens": 0},
                }
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(text)))
            self.end_headers()
            self.wfile.write(text)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/v1"


def scripted(pattern: dict[str, tuple[str, str]]) -> Callable[[dict[str, Any]], str]:
    outcome = {"pass": "satisfied", "fail": "violated", "uncertain": "unclear"}

    def behaviour(body: dict[str, Any]) -> str:
        user = body["messages"][-1]["content"]
        _, said = pattern[user]
        ids = body["response_format"]["json_schema"]["schema"]["properties"]["findings"]["items"][
            "properties"
        ]["statement"]["enum"]
        found = [{"statement": s, "outcome": outcome[said], "evidence": ""} for s in ids]
        return json.dumps({"reasoning": "scripted", "findings": found})

    return behaviour


def check_demo(report: dict[str, Any], per: dict[str, dict[str, int]]) -> list[str]:
    problems = []
    for clause in report["clauses"]:
        want = per[clause["clause"]]
        agreement = want["agree"] / want["decided"] if want["decided"] else None
        got = (clause["n"], clause["scored"], clause["uncertain"], clause["agreement"])
        if got != (want["n"], want["decided"], want["uncertain"], agreement):
            problems.append(f"{clause['clause']}: measured {got}, expected {want}")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    import charter
    from charter.run.calibrate import plan_calibration
    from charter.run.plan import Filters

    args = parse_args(argv)
    project = charter.load(args.path)
    server, base_url, per = None, args.base_url, None
    if args.demo:
        items = list(plan_calibration(project, Filters(tuple(args.clause)), args.mode))
        pattern = demo_pattern(items)
        per = demo_expected(items, pattern)
        server, base_url = serve(scripted(pattern))
    try:
        report = measure(args, project, base_url)
    finally:
        if server is not None:
            server.shutdown()
    print(table(report))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))
    if per is None:
        return 0
    problems = check_demo(report, per)
    print(
        "demo: harness arithmetic "
        + ("WRONG:\n  " + "\n  ".join(problems) if problems else "matches the known error pattern")
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
