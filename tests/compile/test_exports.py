"""promptfoo and Inspect AI exports: their shape, and each peer running its export against
the stub OpenAI-compatible server of ``../shared/bench``.

The peer runs need the tools: ``CHARTER_PROMPTFOO`` (the ``promptfoo`` binary) and
``CHARTER_INSPECT`` (the ``inspect`` binary of a venv with ``inspect-ai`` and ``openai``).
``benchmarks/compile_peers.sh`` installs both and runs this file with them set; without
them the two peer tests skip (the shape tests always run).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.request import Request, urlopen

import pytest
import yaml

from charter.compile.exports import export
from charter.run.plan import Plan, plan_cases
from charter.spec.loader import load
from charter.spec.model import Project
from tests.conftest import SHARED

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"
STUB = SHARED / "bench" / "stub_openai.py"
QUIET = {
    "PROMPTFOO_DISABLE_TELEMETRY": "1",
    "PROMPTFOO_DISABLE_UPDATE": "1",
    "PROMPTFOO_DISABLE_SHARING": "1",
    "PROMPTFOO_DISABLE_REMOTE_GENERATION": "1",
    "PROMPTFOO_CACHE_ENABLED": "false",
    "NODE_NO_WARNINGS": "1",
    "NO_PROXY": "127.0.0.1,localhost",
    "HTTP_PROXY": "http://127.0.0.1:9",  # anything not on loopback fails at once
    "HTTPS_PROXY": "http://127.0.0.1:9",
}


@pytest.fixture(scope="module")
def shop() -> Project:
    return load(SHOP)


@pytest.fixture(scope="module", params=["shop", "model_spec"])
def suite(request: pytest.FixtureRequest, model_spec_dir: Path) -> Project:
    return load(SHOP) if request.param == "shop" else load(model_spec_dir / "2025-12-18")


def _stats(url: str, method: str = "GET") -> dict[str, Any]:
    with urlopen(Request(f"{url}/stats{'/reset' if method == 'POST' else ''}", method=method)) as r:
        body: dict[str, Any] = json.loads(r.read() or b"{}")
        return body


@pytest.fixture(scope="module")
def stub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bench's stub server on a free loopback port: it answers "ECHO: " + the last
    user message."""
    port_file = tmp_path_factory.mktemp("stub") / "port"
    command = [sys.executable, str(STUB), "--port", "0", "--port-file", str(port_file)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port_file.read_text().strip()}"
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_promptfoo_config_shape(tmp_path: Path, shop: Project) -> None:
    written = export(shop, "promptfoo", str(tmp_path))
    config = yaml.safe_load((tmp_path / "promptfooconfig.yaml").read_text("utf-8"))
    cases = list(plan_cases(shop, Plan()))
    assert written.cases == len(config["tests"]) == len(cases) > 10
    for test, case in zip(config["tests"], cases, strict=True):
        assert test["description"] == case.id
        assert test["assert"][0]["type"] == "llm-rubric"
        assert case.clause.title in test["assert"][0]["value"]
        assert [m["role"] for m in test["vars"]["messages"]] == [m.role for m in case.messages]
    kinds = {a["type"] for t in config["tests"] for a in t["assert"]}
    assert {"llm-rubric", "not-regex", "icontains"} <= kinds
    assert config["prompts"][0]["raw"] == "{{ messages | dump }}"


def test_inspect_dataset_shape(tmp_path: Path, shop: Project) -> None:
    written = export(shop, "inspect", str(tmp_path))
    samples = [json.loads(line) for line in (tmp_path / "dataset.jsonl").read_text().splitlines()]
    assert written.cases == len(samples) > 10
    assert all(m["role"] != "developer" for s in samples for m in s["input"])
    assert any(m["role"] == "system" for s in samples for m in s["input"])
    assert all("The response must follow the rule" in s["target"] for s in samples)
    compile((tmp_path / "charter_task.py").read_text(), "charter_task.py", "exec")


def _tool(variable: str) -> str:
    path = os.environ.get(variable)
    if not path:
        pytest.skip(f"{variable} is not set (benchmarks/compile_peers.sh sets it)")
    return path


def test_promptfoo_runs_the_export(tmp_path: Path, suite: Project, stub: str) -> None:
    promptfoo = _tool("CHARTER_PROMPTFOO")
    written = export(suite, "promptfoo", str(tmp_path))
    env = {**os.environ, **QUIET, "OPENAI_BASE_URL": f"{stub}/v1", "OPENAI_API_KEY": "sk-stub"}
    env["PROMPTFOO_CONFIG_DIR"] = str(tmp_path / "home")
    _stats(stub, "POST")
    result = subprocess.run(
        [promptfoo, "eval", "-c", "promptfooconfig.yaml", "--no-cache", "--no-progress-bar",
         "--no-table", "-o", "out.json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode in (0, 100), result.stdout[-2000:] + result.stderr[-2000:]
    results = json.loads((tmp_path / "out.json").read_text())["results"]["results"]
    assert len(results) == written.cases
    assert all(r["response"]["output"].startswith("ECHO: ") for r in results)
    last_user = [
        next(m["content"] for m in reversed(r["vars"]["messages"]) if m["role"] == "user")
        for r in results
    ]
    assert all(
        r["response"]["output"] == f"ECHO: {u}" for r, u in zip(results, last_user, strict=True)
    )
    assert _stats(stub)["completions"] >= 2 * written.cases  # each case, then its rubric


def test_inspect_runs_the_export(tmp_path: Path, suite: Project, stub: str) -> None:
    inspect = _tool("CHARTER_INSPECT")
    written = export(suite, "inspect", str(tmp_path))
    env = {**os.environ, **QUIET, "STUB_BASE_URL": f"{stub}/v1", "STUB_API_KEY": "sk-stub"}
    _stats(stub, "POST")
    result = subprocess.run(
        [inspect, "eval", "charter_task.py", "--model", "openai-api/stub/stub-echo",
         "--display", "none", "--log-dir", str(tmp_path / "logs"), "--log-format", "json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (log_path,) = (tmp_path / "logs").glob("*.json")
    log = json.loads(log_path.read_text())
    assert log["status"] == "success"
    assert log["results"]["completed_samples"] == written.cases
    scorers = {score["name"] for score in log["results"]["scores"]}
    assert scorers == {"charter_checks", "model_graded_qa"}
    assert _stats(stub)["completions"] >= 2 * written.cases  # each sample, then its grading


def test_inspect_reads_tool_traffic(tmp_path: Path, shop: Project) -> None:
    """Tool calls and tool outputs (as the shared builder makes them) in the shape Inspect's
    own ``Sample`` model parses, checked with the installed inspect-ai."""
    inspect = _tool("CHARTER_INSPECT")
    from charter.compile.exports import _inspect_messages
    from charter.spec.dialogue import final_turn

    dialogues = [
        final_turn(e).dialogue for m in shop.modules for c in m.clauses for e in c.examples
    ]
    with_tools = next(d for d in dialogues if any(m.tool_calls for m in d.messages))
    messages = tmp_path / "messages.json"
    messages.write_text(json.dumps(_inspect_messages(with_tools.messages)), encoding="utf-8")
    check = (
        "import json, sys\n"
        "from inspect_ai.dataset import Sample\n"
        "s = Sample(input=json.load(open(sys.argv[1])), target='x')\n"
        "print(json.dumps([type(m).__name__ for m in s.input]))\n"
        "print(json.dumps([c.function for m in s.input for c in (getattr(m, 'tool_calls', None) or [])]))\n"
    )
    python = str(Path(inspect).with_name("python"))
    result = subprocess.run(
        [python, "-c", check, str(messages)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    kinds, calls = (json.loads(line) for line in result.stdout.splitlines()[-2:])
    assert "ChatMessageTool" in kinds and "ChatMessageAssistant" in kinds
    assert calls == [c.name for m in with_tools.messages for c in m.tool_calls]
