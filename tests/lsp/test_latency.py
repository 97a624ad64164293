"""What keeps edit-to-diagnostics short: stage tracing, no debounce for a lone edit, LSP
forms of unchanged findings reused, garbage collection kept off the heap of old parses.

The time itself is measured on the Model Spec by ``benchmarks/lsp_latency.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.workspace import PositionCodec

from charter.diagnostics import Diagnostic, Severity
from charter.lsp.convert import Converter, to_diagnostic
from charter.lsp.server import CHANGE_DELAY
from charter.lsp.texts import Texts
from tests.lsp.client import LspClient

STAGES = ("debounce", "worker", "child.snapshot", "child.analyse", "convert", "publish")


def traced(shop: Path) -> LspClient:
    client = LspClient(shop, env={"CHARTER_LSP_TRACE": "1"})
    client.initialize(shop)
    return client


def stages(client: LspClient, version: int) -> dict[str, float]:
    """The stage times the server logged for the analysis started by ``version``."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for line in client.errors:
            if line.startswith(f"charter-lsp-trace version={version} "):
                pairs = (part.partition("=") for part in line.split()[2:])
                return {name: float(ms) for name, _, ms in pairs}
        time.sleep(0.05)
    raise AssertionError(f"no trace of version {version}: {client.errors[-5:]}")


def test_a_lone_edit_is_traced_stage_by_stage_and_not_debounced(shop: Path) -> None:
    client = traced(shop)
    try:
        uri = client.open(shop / "support" / "assistant.md")
        client.diagnostics(uri, version=1)
        time.sleep(3 * CHANGE_DELAY)  # a quiet spell
        text = (shop / "support" / "assistant.md").read_text(encoding="utf-8")
        client.change(uri, 2, text + "\nThe assistant should reply sparingly.\n")
        assert "L101" in {d["code"] for d in client.diagnostics(uri, version=2)}
        found = stages(client, 2)
        assert tuple(found) == STAGES
        assert found["debounce"] < CHANGE_DELAY * 1000  # no wait for more typing
        assert found["child.analyse"] > 0
        assert client.shutdown() == 0
    finally:
        client.kill()


def test_a_burst_of_edits_waits_and_only_its_last_version_is_published(shop: Path) -> None:
    client = traced(shop)
    try:
        uri = client.open(shop / "support" / "assistant.md")
        client.diagnostics(uri, version=1)
        text = (shop / "support" / "assistant.md").read_text(encoding="utf-8")
        for version in range(2, 7):  # typing: each edit right after the one before
            client.change(uri, version, text + "\n" + "x" * version + "\n")
        client.diagnostics(uri, version=6)
        assert stages(client, 6)["debounce"] >= CHANGE_DELAY * 1000 * 0.9
        published = [
            m["params"].get("version")
            for m in client.seen
            if m.get("method") == "textDocument/publishDiagnostics"
        ]
        assert not set(published) & {3, 4, 5}  # stale work is dropped, not published
        assert client.shutdown() == 0
    finally:
        client.kill()


def _finding(line: int, col: int) -> Diagnostic:
    return Diagnostic("L101", Severity.WARNING, "vague", "/spec/a.md", line, col, line, col + 4)


def test_the_converter_reuses_unchanged_findings_and_redoes_moved_ones() -> None:
    codec = PositionCodec(types.PositionEncodingKind.Utf16)
    before = Texts({"/spec/a.md": "# T {#t}\n\nThe assistant is nice.\n"})
    converter = Converter()
    first = converter.convert([_finding(3, 18)], before, codec)["/spec/a.md"][0]
    assert first == to_diagnostic(_finding(3, 18), before, codec)
    again = converter.convert([_finding(3, 18)], before, codec)["/spec/a.md"][0]
    assert again is first  # the same value on the same line: not converted again
    after = Texts({"/spec/a.md": "# T {#t}\n\nThe 🤖 assistant is nice.\n"})
    moved = converter.convert([_finding(3, 20)], after, codec)["/spec/a.md"][0]
    assert moved == to_diagnostic(_finding(3, 20), after, codec)
    same_value = converter.convert([_finding(3, 20)], before, codec)["/spec/a.md"][0]
    assert same_value == to_diagnostic(_finding(3, 20), before, codec)  # its line changed
    assert same_value.range != moved.range  # the emoji is two UTF-16 code units


def test_settle_collects_cycles_then_freezes_the_survivors() -> None:
    script = (
        "import gc, weakref\n"
        "from charter.lsp.worker import settle\n"
        "class Node: pass\n"
        "a = Node(); b = Node(); a.b = b; b.a = a\n"
        "dead = weakref.ref(a)\n"
        "del a, b\n"
        "kept = [Node() for _ in range(1000)]\n"
        "settle()\n"
        "assert dead() is None, 'the cycle was not collected'\n"
        "assert gc.get_freeze_count() >= 1000, gc.get_freeze_count()\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "ok", done.stderr


def test_warm_loads_the_syntax_pipeline() -> None:
    """What the idle child runs once: afterwards the first new sentence waits for nothing."""
    script = (
        "from charter.lsp.worker import warm\n"
        "from charter.nlp.pipeline import load\n"
        "assert load.cache_info().currsize == 0\n"
        "assert warm() is True\n"
        "assert load.cache_info().currsize == 1\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.stdout.strip() == "ok", done.stderr
