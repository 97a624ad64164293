"""The LSP methods the server answers, each a thin adapter to :mod:`charter.lsp.features`.

:func:`create_server` builds a :class:`~charter.lsp.server.CharterServer` with every
handler registered; it is what ``charter lsp`` starts over stdio.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.exceptions import JsonRpcInvalidParams

from charter.lsp import edits, features
from charter.lsp.server import CHANGE_DELAY, CharterServer


def create_server() -> CharterServer:
    server = CharterServer()
    _documents(server)
    _navigation(server)
    _editing(server)
    return server


def _documents(server: CharterServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CharterServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CharterServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, CHANGE_DELAY)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CharterServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CharterServer, params: None) -> None:
        ls.worker.close()  # the analysis process ends with the server, not after it

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CharterServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri, []))
        ls.schedule(uri, 0)  # the others now see the file as saved on disk


def _navigation(server: CharterServer) -> None:
    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CharterServer, params: types.HoverParams) -> types.Hover | None:
        snapshot, occ = ls.at(params.text_document.uri, params.position)
        if occ is None:
            return None
        text = features.hover_text(snapshot, occ)
        where = features.name_range(snapshot, occ, ls.workspace.position_codec)
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), where)

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: CharterServer, params: types.DefinitionParams) -> types.Location | None:
        snapshot, occ = ls.at(params.text_document.uri, params.position)
        codec = ls.workspace.position_codec
        return None if occ is None else features.definition(snapshot, occ, codec)

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: CharterServer, params: types.ReferenceParams) -> list[types.Location]:
        snapshot, occ = ls.at(params.text_document.uri, params.position)
        if occ is None:
            return []
        declaration = params.context.include_declaration
        return features.references(snapshot, occ, ls.workspace.position_codec, declaration)


def _editing(server: CharterServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=["#"])
    )
    def completion(ls: CharterServer, params: types.CompletionParams) -> types.CompletionList:
        snapshot, path = ls.snapshot_for(params.text_document.uri)
        module = snapshot.module_at(path)
        if module is None:
            return types.CompletionList(False, [])
        line, col = ls.server_position(snapshot, path, params.position)
        items = edits.complete(snapshot, module, line, col, ls.workspace.position_codec)
        return types.CompletionList(False, items)

    @server.feature(types.TEXT_DOCUMENT_RENAME, types.RenameOptions(prepare_provider=True))
    def rename(ls: CharterServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        snapshot, occ = ls.at(params.text_document.uri, params.position)
        if occ is None:
            return None
        try:
            return features.rename(snapshot, occ, params.new_name, ls.workspace.position_codec)
        except ValueError as exc:
            raise JsonRpcInvalidParams(str(exc)) from exc

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: CharterServer, params: types.PrepareRenameParams) -> types.Range | None:
        snapshot, occ = ls.at(params.text_document.uri, params.position)
        codec = ls.workspace.position_codec
        return None if occ is None else features.rename_range(snapshot, occ, codec)

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
    )
    def code_action(ls: CharterServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        snapshot, path = ls.snapshot_for(params.text_document.uri)
        found = ls.charter.findings_for(path)
        first, last = params.range.start.line + 1, params.range.end.line + 1
        return edits.code_actions(snapshot, path, found, first, last, ls.workspace.position_codec)
