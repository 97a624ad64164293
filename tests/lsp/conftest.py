"""Fixtures: a copy of the example project and a running ``charter lsp`` speaking to it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.lsp.client import LspClient

SHOP = Path(__file__).resolve().parents[2] / "examples" / "shop"


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    target = tmp_path / "shop"
    shutil.copytree(SHOP, target, ignore=shutil.ignore_patterns(".charter"))
    return target


@pytest.fixture
def client(shop: Path) -> Iterator[LspClient]:
    lsp = LspClient(shop)
    try:
        lsp.initialize(shop)
        yield lsp
        assert lsp.shutdown() == 0
    finally:
        lsp.kill()


def position(path: Path, needle: str, offset: int = 0, nth: int = 0) -> tuple[int, int]:
    """0-based (line, character) of the ``nth`` ``needle`` in ``path``, plus ``offset``.

    The files are ASCII, so characters and UTF-16 code units agree."""
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        at = line.find(needle)
        while at >= 0:
            if seen == nth:
                return number, at + offset
            seen += 1
            at = line.find(needle, at + 1)
    raise AssertionError(f"{needle!r} not in {path}")


def span(line: int, start: int, end: int) -> dict[str, dict[str, int]]:
    return {"start": {"line": line, "character": start}, "end": {"line": line, "character": end}}


def doc(uri: str, line: int, character: int) -> dict[str, object]:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}
