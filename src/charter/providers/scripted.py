"""``scripted/<file>``: canned answers from a YAML or JSON file, for demos and tests.

The file maps prompts to replies; the first rule that matches the *last user message*
answers::

    model: shop-demo-1          # the model version reported (default: "scripted")
    default: "I can't help with that."   # optional; without it an unmatched prompt errors
    responses:
      - match: refund           # case-insensitive substring
        reply: Please use the refund form.
      - regex: 'order \\d+'
        reply: Let me look that order up.
      - prompt: exact text of the prompt
        reply: ...
      - match: outage
        error: simulated outage  # raised as a ProviderError
        status: 503              # optional; 429/5xx make it retryable

Token usage is counted as whitespace-separated words, so runs have something to add up.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from charter.errors import ConfigError, ProviderError
from charter.providers.base import Completion, Request, Usage, retryable_status


@dataclass(frozen=True, slots=True)
class Rule:
    kind: str  # "match", "regex" or "prompt"
    pattern: str
    reply: str | None
    error: str | None
    status: int | None
    regex: re.Pattern[str] | None = None

    def matches(self, text: str) -> bool:
        if self.kind == "match":
            return self.pattern.casefold() in text.casefold()
        if self.kind == "prompt":
            return self.pattern.strip() == text.strip()
        return bool(self.regex and self.regex.search(text))


class ScriptedProvider:
    kind = "scripted"

    def __init__(self, path: str, options: Mapping[str, Any]) -> None:
        file = Path(path)
        self.path = str(file)
        self._data = _read(file)
        self.model = str(self._data.get("model", "scripted"))
        self._rules = tuple(_rule(item, file) for item in self._data.get("responses") or ())
        default = self._data.get("default")
        self._default = None if default is None else str(default)
        self._fingerprint = _fingerprint(file)

    def identity(self) -> dict[str, str]:
        # The file's content hash stands in for a base URL: editing the script
        # changes the answers, so it must change the cache key too.
        return {"provider": self.kind, "model": self.model, "base_url": self._fingerprint}

    def price(self) -> tuple[float, float] | None:
        return None

    async def complete(self, request: Request) -> Completion:
        prompt = next((m.content for m in reversed(request.messages) if m.role == "user"), "")
        for rule in self._rules:
            if rule.matches(prompt):
                if rule.error is not None:
                    status = rule.status
                    raise ProviderError(
                        rule.error,
                        retryable=status is not None and retryable_status(status),
                        status=status,
                    )
                return _completion(request, rule.reply or "", self.model)
        if self._default is None:
            raise ProviderError(f"{self.path}: no scripted reply matches {prompt[:80]!r}")
        return _completion(request, self._default, self.model)

    async def aclose(self) -> None:
        return None


def _completion(request: Request, text: str, model: str) -> Completion:
    words_in = sum(len(m.content.split()) for m in request.messages)
    return Completion(text, Usage(words_in, len(text.split())), model, 0.0, "stop")


def _read(file: Path) -> dict[str, Any]:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"scripted provider: cannot read {file}: {exc.strerror or exc}") from None
    try:
        data = json.loads(text) if file.suffix == ".json" else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"scripted provider: {file} is not valid YAML/JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("responses", []), list):
        raise ConfigError(f"scripted provider: {file} must be a mapping with a 'responses' list")
    return data


def _rule(item: Any, file: Path) -> Rule:
    if not isinstance(item, dict):
        raise ConfigError(f"scripted provider: {file}: each response must be a mapping")
    kinds = [k for k in ("match", "regex", "prompt") if k in item]
    if len(kinds) != 1 or ("reply" in item) == ("error" in item):
        raise ConfigError(
            f"scripted provider: {file}: each response needs one of match/regex/prompt "
            f"and one of reply/error (got {sorted(item)})"
        )
    kind = kinds[0]
    pattern = str(item[kind])
    try:
        compiled = re.compile(pattern) if kind == "regex" else None
    except re.error as exc:
        raise ConfigError(f"scripted provider: {file}: bad regex {pattern!r}: {exc}") from None
    status = item.get("status")
    return Rule(
        kind,
        pattern,
        None if item.get("reply") is None else str(item["reply"]),
        None if item.get("error") is None else str(item["error"]),
        int(status) if status is not None else None,
        compiled,
    )


def _fingerprint(file: Path) -> str:
    from charter.hashing import digest

    return "file:" + digest(file.read_bytes(), 8)


def create(model: str, options: Mapping[str, Any]) -> ScriptedProvider:
    return ScriptedProvider(str(options.get("file") or model), options)
