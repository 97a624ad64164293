"""The pygls server: LSP messages in, snapshots and features out, diagnostics published.

Every open, change and save re-checks the document's whole project (cross-file: a change
in one module re-publishes the findings of every open module of its project). Changes
are debounced (``CHANGE_DELAY``) only while they come in a burst: an edit after a quiet
spell, with no analysis running, is checked at once. The analysis runs in a child process
(:mod:`charter.lsp.worker`), so hover and completion stay answered even while a slow
analysis holds its interpreter; a newer edit makes older work stale (its result is
dropped, and a job running longer than ``STALE_KILL`` seconds is killed). Requests use a
snapshot of the current buffers, rebuilt (parse only, unchanged files from the loader's
cache) when a buffer changed since the last one; after an edit the server builds it while
the child analyses, so the next edit does not wait for it.

Why an edit is fast (``benchmarks/lsp_latency.py``; ``CHARTER_LSP_TRACE=1`` logs each
stage to stderr, :mod:`charter.lsp.trace`): the loader re-parses only the edited section
(:mod:`charter.spec.incremental`) and does not re-read unchanged files, lint re-runs its
segment-local rules only on changed clauses (:mod:`charter.lint.clause_cache`), the LSP
form of an unchanged finding is reused (:class:`~charter.lsp.convert.Converter`), and
both processes keep full garbage collections off the heap of earlier parses.
"""

from __future__ import annotations

import asyncio
import time

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from charter import __version__
from charter.diagnostics import Diagnostic
from charter.lsp.analysis import config_failure
from charter.lsp.convert import Converter, to_diagnostic
from charter.lsp.index import Occurrence, occurrence_at
from charter.lsp.protocol import CharterProtocol
from charter.lsp.snapshot import Snapshot, inside
from charter.lsp.state import RootState, ServerState
from charter.lsp.texts import Texts, absolute
from charter.lsp.trace import Trace
from charter.lsp.worker import AnalysisWorker, settle

CHANGE_DELAY = 0.05  # seconds of quiet typing before a re-check
STALE_KILL = 1.0  # a stale analysis running longer than this is killed, not awaited


class CharterServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("charter", __version__, protocol_cls=CharterProtocol)
        self.charter = ServerState()
        self.worker = AnalysisWorker()
        self.converter = Converter()

    # -- documents -------------------------------------------------------------------
    def buffers(self) -> tuple[dict[str, str], dict[str, int | None]]:
        docs = self.workspace.text_documents.values()
        texts = {absolute(d.path): d.source for d in docs}
        return texts, {absolute(d.path): d.version for d in docs}

    def snapshot_for(self, uri: str) -> tuple[Snapshot, str]:
        path = self.workspace.get_text_document(uri).path
        buffers, versions = self.buffers()
        root = self.charter.root_of(path)
        return self.charter.snapshot(root, buffers, versions), path

    def at(self, uri: str, position: types.Position) -> tuple[Snapshot, Occurrence | None]:
        snapshot, path = self.snapshot_for(uri)
        line, col = self.server_position(snapshot, path, position)
        return snapshot, occurrence_at(snapshot, path, line, col)

    def server_position(
        self, snapshot: Snapshot, path: str, position: types.Position
    ) -> tuple[int, int]:
        """A client position as a 1-based line and code-point column."""
        lines = snapshot.texts.lines(path)
        server = self.workspace.position_codec.position_from_client_units(lines, position)
        return server.line + 1, server.character + 1

    # -- checking --------------------------------------------------------------------
    def schedule(self, uri: str, delay: float) -> None:
        document = self.workspace.get_text_document(uri)
        root = self.charter.root_of(document.path)
        state = self.charter.state(root)
        delay = self.debounce(state, delay)
        if state.pending is not None:
            state.pending.cancel()
            self.worker.cancel_if_slower_than(STALE_KILL)
        state.generation += 1
        trace = Trace(f"version={document.version}")
        job = self.check(root, state, state.generation, delay, trace)
        state.pending = asyncio.ensure_future(job)

    def debounce(self, state: RootState, delay: float) -> float:
        """``delay`` while edits come faster than it or an analysis runs, else none: the
        wait is for a burst of typing, and a lone edit need not pay it."""
        now = time.monotonic()
        quiet = now - state.last_change >= delay and not self.worker.busy
        if delay > 0:
            state.last_change = now
        return 0.0 if quiet else delay

    async def check(
        self, root: str, state: RootState, generation: int, delay: float, trace: Trace
    ) -> None:
        await asyncio.sleep(delay)
        trace.mark("debounce")
        buffers, versions = self.buffers()
        own = {k: v for k, v in buffers.items() if inside(k, root)}
        # parse this version for hover and completion while the child analyses it (the
        # thread waiting on the child holds no lock), not after: the next edit would wait
        parsed = asyncio.ensure_future(
            asyncio.to_thread(self.charter.snapshot, root, buffers, versions)
        )
        result = await asyncio.to_thread(self.worker.analyse, root, own)
        trace.mark("worker")
        if generation != state.generation:
            return  # stale: a newer check of this root is on its way
        if result is None:  # not killed as stale (a newer generation would exist): it died
            message = "charter: the analysis process stopped; it restarts on the next change"
            self.window_log_message(types.LogMessageParams(types.MessageType.Warning, message))
            return
        if result[0] != "ok":  # a bug in an analysis must not take the server down
            message = f"charter: analysis failed: {result[1]}"
            self.window_log_message(types.LogMessageParams(types.MessageType.Error, message))
            return
        found: list[Diagnostic] = result[1][0]
        trace.add(result[1][2], "child")
        texts = Texts(own)  # ranges need the lines only, not a parse
        state.findings = {}
        for d in found:
            state.findings.setdefault(absolute(d.path), []).append(d)
        by_path = self.converter.convert(found, texts, self.workspace.position_codec)
        trace.mark("convert")
        self.publish(root, texts, result[1][1], by_path, versions)
        trace.mark("publish")
        trace.emit()
        await parsed
        settle()  # this process holds a parse too: keep full collections short here as well

    def publish(
        self,
        root: str,
        texts: Texts,
        error: str | None,
        by_path: dict[str, list[types.Diagnostic]],
        versions: dict[str, int | None],
    ) -> None:
        codec = self.workspace.position_codec
        for doc in list(self.workspace.text_documents.values()):
            key = absolute(doc.path)
            if not inside(key, root):
                continue
            items = list(by_path.get(key, []))
            failure = config_failure(error, doc.path)
            if failure is not None:
                items.insert(0, to_diagnostic(failure, texts, codec))
            params = types.PublishDiagnosticsParams(doc.uri, items, versions.get(key))
            self.text_document_publish_diagnostics(params)
