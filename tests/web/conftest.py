"""Fixtures: a copy of ``examples/shop`` with two ambiguities, a running ``charter serve``
on it (a real uvicorn process on 127.0.0.1), and Debian's Chromium driven by Playwright.

Nothing is downloaded: Playwright launches ``/usr/bin/chromium`` by executable path.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"
CHROMIUM = "/usr/bin/chromium"
SPEC_PATH = "support/assistant.md"
# Appended to the first paragraph of #order_status: a vague time (L112) and an acronym
# never spelled out (L205), on two lines of one wrapped paragraph.
ADDED = "The assistant should reply promptly and\nuse a friendly tone with VIP customers."
ANCHOR = "It should include the tracking link whenever the tool returns one."


@dataclass
class Served:
    url: str  # with the token
    base: str  # scheme://host:port
    root: Path
    proc: subprocess.Popen[str]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(SHOP, target, ignore=shutil.ignore_patterns(".charter"))
    spec = target / "support" / "assistant.md"
    text = spec.read_text(encoding="utf-8")
    assert ANCHOR in text
    spec.write_text(text.replace(ANCHOR, ANCHOR + " " + ADDED), encoding="utf-8")
    return target


def start(root: Path, *extra: str) -> Served:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "charter.cli.main", "serve", str(root), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    m = re.search(r"(http://[^/\s]+)/\?token=\S+", line)
    if m is None:
        proc.kill()
        raise AssertionError(
            f"no URL printed: {line!r} {proc.stderr.read() if proc.stderr else ''}"
        )
    return Served(m.group(0), m.group(1), root, proc)


def stop(served: Served) -> None:
    served.proc.terminate()
    try:
        served.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        served.proc.kill()
        served.proc.wait(timeout=10)
    for stream in (served.proc.stdout, served.proc.stderr):
        if stream is not None:
            stream.close()


@pytest.fixture
def served(shop: Path) -> Iterator[Served]:
    server = start(shop)
    try:
        yield server
    finally:
        stop(server)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for one test module: Playwright's sync API keeps an event loop running in
    this thread while it is open, which would break any later test calling asyncio.run."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():  # scripts/test installs it; in CI its absence is a failure
        if os.environ.get("CI"):
            raise RuntimeError(f"{CHROMIUM} not found: apt-get install -y chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, served: Served) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.goto(served.url)
    yield tab
    context.close()


def request(
    url: str,
    data: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, str]:
    """A plain HTTP request (urllib): status and body, errors included."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def cookie(served: Served) -> dict[str, str]:
    """The header a browser sends after opening the printed URL."""
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(served.url).query)["token"][0]
    return {"Cookie": f"charter_token={token}"}
