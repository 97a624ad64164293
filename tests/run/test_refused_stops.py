"""An endpoint that refuses the request itself (HTTP 401, 403, 404: a bad key, model
name or path) stops the run at once, like an unreachable one: the cases stay pending for
``--resume`` instead of each being asked and recorded as an error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from charter.run import RunOptions
from tests.helpers.specs import write_project
from tests.run.conftest import run_project
from tests.run.hostile_server import HostileServer

FAST = {"backoff_base": 0.01, "backoff_cap": 0.05, "progress_interval": 0.05}


@pytest.mark.parametrize("status", ["401", "403", "404"])
def test_a_refused_request_stops_the_run(tmp_path: Path, status: str) -> None:
    with HostileServer(fault_rates={status: 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=10, per_clause=20, base_url=server.base_url)
        outcome, store = run_project(root, "local/m1", RunOptions(concurrency=2, **FAST))
    assert outcome.stopped == "unreachable"
    assert f"HTTP {status}" in (outcome.error or "")
    assert "API key" in (outcome.error or "")
    assert server.stats.requests <= 2  # the calls in flight when the first was refused
    assert list(store.results("r1")) == []  # left pending: --resume runs them
    store.close()


def test_cli_says_why_and_exits_3(tmp_path: Path) -> None:
    import subprocess
    import sys

    with HostileServer(fault_rates={"401": 1.0}) as server:
        root = write_project(tmp_path / "p", clauses=5, per_clause=20, base_url=server.base_url)
        done = subprocess.run(
            [sys.executable, "-m", "charter.cli.main", "test", str(root), "--model", "local/m1"],
            capture_output=True,
            text=True,
            env={**os.environ, "CHARTER_TEST_KEY": "sk-wrong"},
            timeout=60,
        )
    assert done.returncode == 3, done.stderr
    assert "HTTP 401" in done.stderr and "--resume" in done.stderr
    assert "Traceback" not in done.stderr
    assert server.stats.requests <= 16


def test_a_judge_that_refuses_stops_the_run(tmp_path: Path) -> None:
    import asyncio

    from charter.grade import Grade, Status
    from charter.grade.base import GradeItem, ModelCall
    from charter.providers import resolve
    from charter.providers.base import ChatMessage, Request
    from charter.run import Plan, Runner, plan_cases, spec_hash
    from charter.spec.loader import load
    from charter.store import open_store

    class Asker:
        name = "asker"

        def identity(self) -> dict[str, str]:
            return {"name": self.name}

        async def grade(self, item: GradeItem, response: str, call: ModelCall) -> Grade:
            await call(Request((ChatMessage("user", "judge " + item.id),), {}))
            return Grade(Status.PASSED, "judge answered", self.name)

    with HostileServer() as model, HostileServer(fault_rates={"401": 1.0}) as judge:
        root = tmp_path / "p"
        root.mkdir()
        tests = "".join(
            f"\n```yaml test\nprompt: p{n} say something\nexpect:\n  - judge: polite\n```\n"
            for n in range(40)
        )
        text = "---\nid: bench\n---\n# Bench {#bench authority=root}\n\n## Polite {#c001}\n\n"
        (root / "bench.md").write_text(text + "The assistant must be polite.\n" + tests)
        project = load(root)
        cases = [(case, 0) for case in plan_cases(project, Plan())]
        store = open_store(root)
        store.create_run("r1", "mut/m", str(root), spec_hash(project), {})
        store.add_cases("r1", ((c.id, r, c.module, c.clause.id, c.kind) for c, r in cases))
        tables = {
            "mut": {"type": "openai", "base_url": model.base_url},
            "judge": {"type": "openai", "base_url": judge.base_url},
        }
        runner = Runner(
            store,
            "r1",
            resolve("mut/m", tables),
            RunOptions(concurrency=2, **FAST),
            judge=Asker(),
            judge_provider=resolve("judge/j", tables),
        )

        async def go() -> object:
            try:
                return await runner.run(iter(cases), len(cases))
            finally:
                await runner.aclose()

        outcome = asyncio.run(go())
    assert outcome.stopped == "unreachable"  # type: ignore[attr-defined]
    assert "judge's endpoint refused" in outcome.error  # type: ignore[attr-defined]
    assert judge.stats.requests <= 2
    assert list(store.results("r1")) == []
    store.close()
