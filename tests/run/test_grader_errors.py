"""What a grader sees when the runner's judge call fails for good: a ProviderError with the
HTTP status, retryability and Retry-After of the last attempt (the Grader protocol's
promise), not a runner-private wrapper it would have to unwrap.

The judge endpoint is the real test server on 127.0.0.1, scripted to answer one prompt
with HTTP 429 (``Retry-After: 0.05``) and another with HTTP 500.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from charter.errors import ProviderError
from charter.grade import Grade, Status
from charter.grade.base import GradeItem, ModelCall
from charter.providers import resolve
from charter.providers.base import ChatMessage, Request
from charter.run import Plan, Runner, RunOptions, plan_cases, spec_hash
from charter.spec.loader import load
from charter.store import open_store
from tests.helpers.openai_server import OpenAIServer

SPEC = """---
id: bench
---
# Bench {#bench authority=root}

## Be polite {#c001}

The assistant must be polite.
""" + "".join(
    f"\n```yaml test\nprompt: p{n} say something\nexpect:\n  - judge: polite\n```\n"
    for n in (1, 2, 3)
)


class StatusReader:
    """A grader that handles a failed judge call itself, by its HTTP status."""

    name = "status-reader"

    def identity(self) -> dict[str, str]:
        return {"name": self.name}

    async def grade(self, item: GradeItem, response: str, call: ModelCall) -> Grade:
        prompt = "judge-" + item.id.rsplit("/", 1)[1]
        try:
            await call(Request((ChatMessage("user", prompt),), {}))
        except ProviderError as exc:
            detail = f"{exc.status} retryable={exc.retryable} retry_after={exc.retry_after}"
            return Grade(Status.UNGRADED, detail, self.name)
        return Grade(Status.PASSED, "judge answered", self.name)


def test_a_grader_reads_the_status_of_a_failed_judge_call(tmp_path: Path) -> None:
    with OpenAIServer() as model, OpenAIServer(retry_after=0.05) as judge:
        judge.script["judge-test-1"] = ["429"]
        judge.script["judge-test-2"] = ["500"]
        root = tmp_path / "p"
        root.mkdir()
        (root / "bench.md").write_text(SPEC, encoding="utf-8")
        project = load(root)
        cases = [(case, 0) for case in plan_cases(project, Plan())]
        store = open_store(root)
        store.create_run("r1", "local/m", str(root), spec_hash(project), {})
        tables = {
            "mut": {"type": "openai", "base_url": model.base_url},
            "judge": {"type": "openai", "base_url": judge.base_url},
        }
        runner = Runner(
            store,
            "r1",
            resolve("mut/m", tables),
            RunOptions(retries=0),
            judge=StatusReader(),
            judge_provider=resolve("judge/j", tables),
        )

        async def go() -> None:
            try:
                await runner.run(iter(cases), len(cases))
            finally:
                await runner.aclose()

        asyncio.run(go())
    with store:
        reasons = {r.case_id: (r.status, r.reason) for r in store.results("r1")}
        judged = [c.status for c in store.calls("r1", "bench/c001/test-1") if c.role == "judge"]
    assert reasons == {
        "bench/c001/test-1": ("ungraded", "429 retryable=True retry_after=0.05"),
        "bench/c001/test-2": ("ungraded", "500 retryable=True retry_after=None"),
        "bench/c001/test-3": ("passed", "judge answered"),
    }
    assert judged == [429]
