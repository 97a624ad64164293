"""The server's memory: one snapshot and one set of findings per project root.

A snapshot is keyed by the versions of the open documents under its root, so a request
reuses it while nothing changed and rebuilds it (parse only, no analysis) when a buffer
moved on. Findings come from a background analysis; a result is kept only if no newer
analysis of the same root was started meanwhile (``generation``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field

from charter.diagnostics import Diagnostic
from charter.lsp.snapshot import Snapshot, build_snapshot, inside, project_root
from charter.lsp.texts import absolute

Versions = tuple[tuple[str, int | None], ...]


@dataclass(slots=True)
class RootState:
    snapshot: Snapshot | None = None
    versions: Versions = ()
    findings: dict[str, list[Diagnostic]] = field(default_factory=dict)  # by absolute path
    generation: int = 0
    last_change: float = float("-inf")  # time.monotonic() of the last edit (debounce)
    pending: asyncio.Task[None] | None = None


@dataclass(slots=True)
class ServerState:
    roots: dict[str, RootState] = field(default_factory=dict)

    def root_of(self, path: str) -> str:
        return project_root(path)

    def state(self, root: str) -> RootState:
        return self.roots.setdefault(root, RootState())

    def snapshot(
        self, root: str, buffers: Mapping[str, str], versions: Mapping[str, int | None]
    ) -> Snapshot:
        """The snapshot of ``root`` for these open documents (rebuilt when they changed)."""
        state = self.state(root)
        key = tuple(sorted((k, v) for k, v in versions.items() if inside(k, root)))
        if state.snapshot is None or state.versions != key:
            state.snapshot = build_snapshot(root, buffers)
            state.versions = key
        return state.snapshot

    def findings_for(self, path: str) -> list[Diagnostic]:
        state = self.roots.get(self.root_of(path))
        return [] if state is None else state.findings.get(absolute(path), [])
