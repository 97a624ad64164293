"""The JSON-RPC protocol of the server: every request gets an answer, even a malformed one.

pygls turns a request whose params do not fit the method's type into an exception while
decoding, before any handler runs, and no response is ever sent: the editor waits
forever. :class:`CharterProtocol` answers such a request at once with the JSON-RPC
error (``-32602 Invalid params``) and drops it; notifications with bad params are still
only logged, as the protocol has nobody to answer.
"""

from __future__ import annotations

from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.protocol import LanguageServerProtocol

_ANSWERED = object()  # a request already answered with an error while decoding


class CharterProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if not (isinstance(data, dict) and "id" in data and "method" in data):
                raise
            detail = str(exc.__cause__ or exc.message or type(exc).__name__)
            message = f"invalid params for {data['method']}: {detail}"
            error = types.ResponseError(code=exc.code, message=message)
            self._send_response(data["id"], error=error)
            return _ANSWERED

    def handle_message(self, message: Any) -> None:
        if message is _ANSWERED:
            return
        super().handle_message(message)
