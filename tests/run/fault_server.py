"""The test server of ``tests/helpers/openai_server.py`` with more faults, for the runner's
fault tests: 429 without ``Retry-After``, with ``Retry-After: 0`` and with a long one;
answers in odd but valid Unicode; answers holding a lone surrogate (``"\\ud83d"`` in the
JSON, a reply cut mid-emoji)."""

from __future__ import annotations

import json
from typing import Any

from tests.helpers.openai_server import FAULTS, OpenAIServer, _completion, _response

MORE = ("429-none", "429-zero", "429-long", "unicode", "surrogate")
# combining marks, a right-to-left run, a ZWJ emoji sequence, a non-character, astral CJK
ODD = " e\u0301\u0327 \u05e9\u05dc\u05d5\u05dd \U0001f469\u200d\U0001f4bb \ufffe \U00020000"


class FaultServer(OpenAIServer):
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
        if fault.startswith("429"):
            error = b'{"error": {"message": "rate limited", "type": "rate_limit"}}'
            extra = {"429-none": {}, "429-zero": {"Retry-After": "0"}}.get(
                fault, {"Retry-After": "3600"}
            )
            writer.write(_response(429, error, extra))
        else:
            self.stats.answered[prompt] += 1
            body = json.loads(_completion(data, prompt))
            tail = ODD if fault == "unicode" else " \ud83d"
            body["choices"][0]["message"]["content"] += tail
            writer.write(_response(200, json.dumps(body).encode()))  # ascii: "\ud83d" escaped
        await writer.drain()
        return True
