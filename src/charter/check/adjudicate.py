"""The optional model tier of the contradiction check (``charter check --model P/M``).

The deterministic step decides what it can; the pairs it is unsure about — candidates
about one behaviour that it did not call a conflict (opposite stances or actions it
could not tie to the same object or situation, or shared units and manner) — are put
to a model, which answers ``conflict``, ``compatible`` or ``needs-clarification`` with
the situation in which both apply and the question an author must answer.

Findings have their own codes: C042 (warning) when the model finds a conflict, C043
(info) when it asks for clarification; nothing for ``compatible``. Answers are cached by
the pair's text and the model's identity (``adjudications.json`` in the reading cache
folder), so an unchanged pair is never asked twice. Guarantees: at most ``limit`` pairs
are asked per run (the rest are counted in the summary finding, never silently
dropped); an answer that is not the JSON asked for is a C043 saying so, not a crash; a
provider failure raises :class:`~charter.errors.ProviderError` (exit 3).
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from charter.chat import ChatMessage
from charter.check import codes
from charter.check.contradictions import candidates
from charter.check.decide import Norm, decide
from charter.check.diag import make, related
from charter.check.symbols import SymbolTable
from charter.diagnostics import Diagnostic
from charter.hashing import digest
from charter.nlp.norm_cache import cache_folder
from charter.providers.base import Provider, Request
from charter.spec.model import Project

PROMPT_VERSION = "1"
INSTRUCTIONS = """You review two rules from the specification of an AI assistant.
Decide whether an assistant could follow both in every situation.
Answer with one JSON object and nothing else:
{"verdict": "conflict" | "compatible" | "needs-clarification",
 "situation": "the situation in which both rules apply (empty if compatible)",
 "question": "the question the authors must answer (empty if compatible)"}"""
VERDICTS = frozenset({"conflict", "compatible", "needs-clarification"})


def adjudicate(project: Project, provider: Provider, limit: int = 50) -> list[Diagnostic]:
    """Model findings (C042, C043) for the pairs the deterministic step left open."""
    table = SymbolTable.build(project)
    open_pairs = [(a, b) for a, b in candidates(table, narrowed=False) if decide(a, b) is None]
    asked, skipped = open_pairs[:limit], len(open_pairs) - limit
    folder = cache_folder(Path(project.root))
    answers = _Answers(folder, provider)
    replies = asyncio.run(_ask_all(provider, answers, asked))
    answers.save()
    found = [
        d for (a, b), reply in zip(asked, replies, strict=True) if (d := _finding(a, b, reply))
    ]
    if skipped > 0 and asked:
        first = asked[0][0]
        note = f"{skipped} more candidate pairs were not put to the model (limit {limit})"
        found.append(make(codes.C043, note, first.statement.span, clause=first.clause.id))
    return found


def prompt(a: Norm, b: Norm) -> str:
    """The user message for one pair (the pair's text is its cache key)."""
    return (
        f"Rule 1 (#{a.clause.id}, level {a.clause.authority}): {a.statement.text}\n"
        f"Rule 2 (#{b.clause.id}, level {b.clause.authority}): {b.statement.text}"
    )


async def _ask_all(
    provider: Provider, answers: _Answers, pairs: Sequence[tuple[Norm, Norm]]
) -> list[dict[str, str]]:
    try:
        return [await answers.get(prompt(a, b)) for a, b in pairs]
    finally:
        await provider.aclose()


class _Answers:
    """Model answers by (model identity, prompt version, pair text), in memory and in a
    JSON file beside the reading cache."""

    def __init__(self, folder: Path | None, provider: Provider) -> None:
        self.provider = provider
        self.path = folder / "adjudications.json" if folder is not None else None
        self.identity = json.dumps(provider.identity(), sort_keys=True)
        self.data: dict[str, dict[str, str]] = {}
        self.dirty = False
        if self.path is not None and self.path.is_file():
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                self.data = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.data = {}

    async def get(self, text: str) -> dict[str, str]:
        key = digest(f"{self.identity}\n{PROMPT_VERSION}\n{text}", 16)
        if key not in self.data:
            request = Request((ChatMessage("system", INSTRUCTIONS), ChatMessage("user", text)))
            completion = await self.provider.complete(request)
            self.data[key] = parse_answer(completion.text)
            self.dirty = True
        return self.data[key]

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.data, indent=1), encoding="utf-8")
            tmp.replace(self.path)
        except OSError:
            pass  # answers stay uncached; the findings are unaffected


def parse_answer(text: str) -> dict[str, str]:
    """The verdict, situation and question of a reply; an unreadable reply becomes
    ``needs-clarification`` saying so."""
    start, end = text.find("{"), text.rfind("}")
    try:
        data: Any = json.loads(text[start : end + 1]) if start >= 0 else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("verdict") not in VERDICTS:
        shown = " ".join(text.split())[:80]
        return {"verdict": "needs-clarification", "situation": "", "question": "", "raw": shown}
    return {k: str(data.get(k) or "") for k in ("verdict", "situation", "question")}


def _finding(a: Norm, b: Norm, answer: dict[str, str]) -> Diagnostic | None:
    verdict = answer.get("verdict")
    if verdict == "compatible":
        return None
    situation = f" when {answer['situation']}" if answer.get("situation") else ""
    question = f" To resolve: {answer['question']}" if answer.get("question") else ""
    quote_a = f"'{' '.join(a.statement.text.split())[:90]}' (#{a.clause.id})"
    quote_b = f"'{' '.join(b.statement.text.split())[:90]}' (#{b.clause.id})"
    if verdict == "conflict":
        message = f"the model finds that {quote_b} conflicts with {quote_a}{situation}.{question}"
        code = codes.C042
    elif answer.get("raw") is not None:
        message = f"the model gave no verdict on {quote_b} and {quote_a}: {answer['raw']!r}"
        code = codes.C043
    else:
        message = f"the model asks for clarification of {quote_b} and {quote_a}{situation}."
        code = codes.C043
        message += question
    other = related(f"the other statement, in #{a.clause.id}", a.statement.span)
    return make(code, message, b.statement.span, clause=b.clause.id, others=[other])
