"""The optional model tier of lint (``charter lint --model P/M``): a model reads each
normative clause and names its ambiguities, as findings of their own code (L601).

For every clause with authority, the model gets the clause's statements and answers with
JSON: ``{"ambiguities": [{"words": …, "question": …, "readings": [two or three]}]}``. A
finding is reported only when ``words`` occur verbatim in one of the clause's statements
(its span is exact); the question lists the readings. Answers are cached by provider,
prompt version and clause text in the reading cache folder, saved after every clause, so an
interrupted run resumes where it stopped. Usage and cost (when the provider has a price)
are returned for the caller to show. The tier complements the deterministic rules; nothing
here runs unless asked, and nothing runs offline.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from charter.diagnostics import Diagnostic, Severity, register
from charter.errors import ProviderError
from charter.hashing import digest
from charter.providers.base import ChatMessage, Provider, Request
from charter.spec.model import Clause, Project

CODE = register(
    "L601",
    "ambiguity found by a model",
    Severity.WARNING,
    "A model read the clause (charter lint --model) and found words two readers could take "
    "to mean different behaviour; the question offers its readings. Not measured like the "
    "deterministic rules: treat it as a reviewer's remark.",
).code
PROMPT_VERSION = "1"
INSTRUCTIONS = (
    "You review one clause of a specification of an AI assistant's behaviour. Find wording "
    "that two careful readers could take to mean different behaviour, where the difference "
    "would change what the assistant does or how a test grades it. Ignore deliberate "
    "latitude and descriptive background. Answer with JSON only, in this shape: "
    '{"ambiguities": [{"words": "<words copied exactly from the clause>", "question": '
    '"<the question that would settle it>", "readings": ["<reading 1>", "<reading 2>"]}]}. '
    'Give two or three concrete readings each. Answer {"ambiguities": []} when there is none.'
)
_JSON = re.compile(r"\{.*\}", re.DOTALL)


@dataclass
class TierStats:
    clauses: int = 0
    cached: int = 0
    asked: int = 0
    unplaced: int = 0  # ambiguities whose words are not in the clause
    input_tokens: int = 0
    output_tokens: int = 0
    price: tuple[float, float] | None = None
    errors: list[str] = field(default_factory=list)

    def summary(self, ref: str) -> str:
        cost = "cost unknown (no price for this model)"
        if self.price is not None:
            usd = (self.input_tokens * self.price[0] + self.output_tokens * self.price[1]) / 1e6
            cost = f"cost ${usd:.4f}"
        line = (
            f"model tier ({ref}): {self.clauses} clause(s), {self.cached} from cache, "
            f"{self.asked} asked; {self.input_tokens} tokens in, {self.output_tokens} out; "
            f"{cost}; {self.unplaced} answer(s) not found in the clause text"
        )
        if self.errors:
            line += f"\nmodel tier stopped at {self.errors[0]}; run again to resume"
        return line


class AnswerCache:
    """Answers by key in ``<folder>/lint-model.json``, written after every new answer."""

    def __init__(self, folder: Path | None) -> None:
        self.path = folder / "lint-model.json" if folder else None
        self.data: dict[str, Any] = {}
        if self.path and self.path.is_file():
            try:
                self.data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.data = {}

    def put(self, key: str, value: Any) -> None:
        self.data[key] = value
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(self.data), encoding="utf-8")


def parse_answer(text: str) -> list[dict[str, Any]]:
    """The ambiguities of a model's answer; malformed items are dropped."""
    m = _JSON.search(text)
    try:
        data = json.loads(m.group(0)) if m else {}
    except ValueError:
        return []
    items = data.get("ambiguities", []) if isinstance(data, dict) else []
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        words, question = item.get("words"), item.get("question")
        readings = [str(r) for r in item.get("readings", []) if str(r).strip()]
        if isinstance(words, str) and words.strip() and isinstance(question, str):
            out.append({"words": words.strip(), "question": question, "readings": readings[:3]})
    return out


def model_findings(
    project: Project, provider: Provider, ref: str, folder: Path | None
) -> tuple[list[Diagnostic], TierStats]:
    """L601 findings for every normative clause of ``project`` (see the module docstring)."""
    stats = TierStats(price=provider.price())
    cache = AnswerCache(folder)
    clauses = [c for m in project.modules for c in m.clauses if c.authority and c.statements]
    found = asyncio.run(_run(clauses, provider, ref, cache, stats))
    return found, stats


async def _run(
    clauses: list[Clause], provider: Provider, ref: str, cache: AnswerCache, stats: TierStats
) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    try:
        for clause in clauses:
            stats.clauses += 1
            text = "\n".join(" ".join(s.text.split()) for s in clause.statements)
            key = _key(provider, text)
            answer = cache.data.get(key)
            if answer is None:
                try:
                    answer = await _ask(provider, clause, text, stats)
                except ProviderError as error:
                    stats.errors.append(f"{clause.id}: {error}")
                    break  # the answers so far are cached: a rerun resumes here
                cache.put(key, answer)
            else:
                stats.cached += 1
            found.extend(_place(clause, answer, stats))
    finally:
        await provider.aclose()
    return found


def _key(provider: Provider, text: str) -> str:
    identity = json.dumps(provider.identity(), sort_keys=True)
    raw = "\0".join((identity, PROMPT_VERSION, text))
    return digest(raw, 16)


async def _ask(
    provider: Provider, clause: Clause, text: str, stats: TierStats
) -> list[dict[str, Any]]:
    prompt = f"Clause '{clause.title}' (authority: {clause.authority}):\n\n{text}"
    request = Request(
        (ChatMessage("system", INSTRUCTIONS), ChatMessage("user", prompt)),
        {"temperature": 0},
    )
    completion = await provider.complete(request)
    stats.asked += 1
    stats.input_tokens += completion.usage.input_tokens or 0
    stats.output_tokens += completion.usage.output_tokens or 0
    return parse_answer(completion.text)


def _place(clause: Clause, answer: list[dict[str, Any]], stats: TierStats) -> list[Diagnostic]:
    out = []
    for item in answer:
        where = _locate(clause, item["words"])
        if where is None:
            stats.unplaced += 1
            continue
        path, line, col, end_line, end_col = where
        readings = "; ".join(f"({chr(97 + i)}) {r}" for i, r in enumerate(item["readings"]))
        question = f"'{item['words']}': {item['question']}" + (f" {readings}" if readings else "")
        message = f"'{item['words']}' can be read more than one way (model tier)"
        d = Diagnostic(CODE, Severity.WARNING, message, path, line, col, end_line, end_col)
        out.append(replace(d, clause=clause.id, question=question))
    return out


def _locate(clause: Clause, words: str) -> tuple[str, int, int, int, int] | None:
    """The span of ``words`` (spacing and case aside) in the clause's statements."""
    from charter.lint.text import statement_segment
    from charter.spec.parse import source_lines

    pattern = re.compile(r"\s+".join(re.escape(w) for w in words.split()), re.IGNORECASE)
    for statement in clause.statements:
        m = pattern.search(statement.text)
        if m is None:
            continue
        span = statement.span
        index = statement_segment(clause, statement, source_lines(span.path)).index
        line, col = index.position(m.start())
        end_line, end_col = index.position(m.end())
        return span.path, line, col, end_line, end_col
    return None


__all__ = ["CODE", "AnswerCache", "TierStats", "model_findings", "parse_answer"]
