"""The test server of ``tests/helpers/openai_server.py`` with replies a misconfigured or
unusual endpoint sends: 400 (a request it rejects), 401/403/404 (a bad key, model or
path), a redirect, a gzip body
the client did not ask for, content as a list of parts. Fault names are HTTP statuses or
the names in :data:`MORE`; they are scripted per prompt or drawn from ``fault_rates``."""

from __future__ import annotations

import gzip
import json
from typing import Any

from tests.helpers.openai_server import FAULTS, OpenAIServer, _completion, _response

MORE = ("400", "401", "403", "404", "307", "gzip", "parts", "refusal", "down")


class HostileServer(OpenAIServer):
    """``"down"``: the server goes away for good at that request: it stops listening (new
    connections are refused) and drops every request on a connection already open."""

    down = False

    async def _answer(self, request: tuple[str, dict[str, str], bytes], writer: Any) -> bool:
        if self.down:
            writer.transport.abort()
            return False
        return await super()._answer(request, writer)

    def _fault(self, prompt: str) -> str:
        planned = self.script.get(prompt)
        if planned:
            return planned.pop(0)
        roll = self.rng.random()
        for name in (*FAULTS, *MORE):
            rate = self.fault_rates.get(name, 0.0)
            if roll < rate:
                return name
            roll -= rate
        return "ok"

    async def _send(self, fault: str, data: dict[str, Any], prompt: str, writer: Any) -> bool:
        if fault not in MORE:
            return await super()._send(fault, data, prompt, writer)
        if fault == "down":
            self.down = True
            if self._server is not None:
                self._server.close()
            writer.transport.abort()
            return False
        if fault in ("400", "401", "403", "404"):
            error = b'{"error": {"message": "invalid api key or model"}}'
            writer.write(_response(int(fault), error))
        elif fault == "307":
            where = {"Location": "https://elsewhere.example/v1/chat/completions"}
            writer.write(_response(307, b"", where))
        else:
            self.stats.answered[prompt] += 1
            body = _completion(data, prompt)
            if fault == "gzip":
                writer.write(_response(200, gzip.compress(body), {"Content-Encoding": "gzip"}))
            elif fault == "refusal":  # OpenAI's refusal: no content, the text in "refusal"
                payload = json.loads(body)
                message = payload["choices"][0]["message"]
                message["refusal"], message["content"] = "I can't help with that.", None
                writer.write(_response(200, json.dumps(payload).encode()))
            else:
                payload = json.loads(body)
                message = payload["choices"][0]["message"]
                message["content"] = [{"type": "text", "text": message["content"]}]
                writer.write(_response(200, json.dumps(payload).encode()))
        await writer.drain()
        return True
