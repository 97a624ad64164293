"""Suggestions from a model (``charter serve --model P/M``): prompts and readings.

Two asks, both proposals the author edits before anything is written (nothing here
writes the spec):

- ``prompts`` for a clause: challenging user messages that probe its edges, one per line;
- ``readings`` for a finding: two or three readings of the flagged words, each a JSON
  line ``{"reading", "user", "good", "bad", "reason"}`` that the page offers as a
  reading and as a ready-made GOOD/BAD precedent.

Answers are cached in memory by (model, prompt), so asking again costs nothing; each
answer reports the tokens and, when the provider has a price, the cost in USD. Model
output is returned as data, and the page puts it only into text fields.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from charter.chat import ChatMessage
from charter.providers import Provider, Request
from charter.spec.loader import load
from charter.web.answers import AnswerError

_PROMPTS = (
    "You help an author test a rule written for an AI assistant.\n"
    "Rule '{title}':\n{body}\n\n"
    "Write three short user messages that probe the edges of this rule, where a careless "
    "assistant would get it wrong. One per line, each starting with '- '. Nothing else."
)
_READINGS = (
    "A rule for an AI assistant says:\n{body}\n\n"
    "The words '{words}' can be read in more than one way ({question}).\n"
    "Give two or three concrete readings. For each, one JSON object on its own line with "
    'the keys "reading" (words to put instead of \'{words}\'), "user" (a user message where '
    'the readings differ), "good" (an answer right under this reading), "bad" (an answer '
    'wrong under it) and "reason" (why the bad one is bad). Nothing else.'
)


@dataclass(slots=True)
class Suggester:
    provider: Provider
    cache: dict[str, tuple[str, int, int]] = field(default_factory=dict)

    async def suggest(self, root: str, form: Mapping[str, str]) -> dict[str, Any]:
        kind = form.get("ask", "")
        body, title = _clause_text(root, form.get("path", ""), form.get("clause", ""))
        if kind == "prompts":
            prompt = _PROMPTS.format(title=title, body=body)
        elif kind == "readings":
            words, question = form.get("words", ""), form.get("question", "")
            prompt = _READINGS.format(body=body, words=words, question=question)
        else:
            raise AnswerError("ask for 'prompts' or 'readings'")
        text, cached, tokens_in, tokens_out = await self._complete(prompt)
        items = _lines(text) if kind == "prompts" else _readings(text)
        return {"items": items, "cached": cached, "cost": self._cost(tokens_in, tokens_out, cached)}

    async def _complete(self, prompt: str) -> tuple[str, bool, int, int]:
        key = json.dumps([self.provider.identity(), prompt], sort_keys=True)
        if key in self.cache:
            text, tokens_in, tokens_out = self.cache[key]
            return text, True, tokens_in, tokens_out
        done = await self.provider.complete(Request((ChatMessage("user", prompt),)))
        tokens_in, tokens_out = done.usage.input_tokens or 0, done.usage.output_tokens or 0
        self.cache[key] = (done.text, tokens_in, tokens_out)
        return done.text, False, tokens_in, tokens_out

    def _cost(self, tokens_in: int, tokens_out: int, cached: bool) -> str:
        tokens = f"{tokens_in} in / {tokens_out} out tokens"
        if cached:
            return f"cached: no cost ({tokens} when first asked)"
        price = self.provider.price()
        if price is None:
            return f"{tokens}; no price known for {self.provider.model}"
        usd = (tokens_in * price[0] + tokens_out * price[1]) / 1_000_000
        return f"${usd:.4f} ({tokens})"


def _clause_text(root: str, rel: str, clause_id: str) -> tuple[str, str]:
    from charter.web.writes import Writer

    project = load(root)
    file, module = Writer(root).module_file(project, rel)
    clause = module.clause(clause_id)
    if clause is None:
        raise AnswerError(f"no clause #{clause_id} in {rel}")
    lines = file.read_text(encoding="utf-8").split("\n")
    body = "\n".join(lines[clause.span.line - 1 : clause.body_end_line])
    return body, clause.title


def _lines(text: str) -> list[dict[str, str]]:
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line.startswith(("- ", "* ")) and line[2:].strip():
            out.append({"user": line[2:].strip()})
    return out[:5]


def _readings(text: str) -> list[dict[str, str]]:
    keys = ("reading", "user", "good", "bad", "reason")
    out = []
    for line in text.split("\n"):
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict) and all(isinstance(value.get(k), str) for k in keys):
            out.append({k: value[k] for k in keys})
    return out[:3]
