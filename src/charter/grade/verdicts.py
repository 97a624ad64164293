"""Reading a judge's answer: structured JSON first, then the final verdict in prose.

A judge is asked for ``{"reasoning": "...", "verdict": "pass"|"fail"|"partial"|"n/a"}``.
Endpoints with JSON-schema output return exactly that; others wrap it in prose or code
fences, or write a verdict line at the end. :func:`read_verdict` accepts, in order:

1. the whole answer (code fences stripped) as the JSON object;
2. otherwise the *last* verdict in the answer, whether a JSON object with a ``verdict``
   key or a line that is only a verdict (``Verdict: fail``, ``**Final verdict:** PASS``).
   Verdicts quoted mid-sentence, in ``>`` quotes or inside code fences are not lines of
   their own and are ignored, so a response that says "verdict: pass" and is quoted by the
   judge cannot decide its own grade.

Anything else — garbage, an unknown verdict word, an empty answer — is *unscored*
(``verdict is None``), which no caller may treat as a pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

VERDICTS = ("pass", "fail", "partial", "n/a")

JSON_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "reasoning": {"type": "string"},
        "verdict": {"type": "string", "enum": list(VERDICTS)},
    },
    "required": ["reasoning", "verdict"],
    "additionalProperties": False,
}

RESPONSE_FORMAT: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {"name": "judge_verdict", "strict": True, "schema": JSON_SCHEMA},
}

_ALIASES = {"n/a": "n/a", "na": "n/a", "n.a.": "n/a", "not applicable": "n/a"}
_WORD = r"(pass|fail|partial|n/a|na|n\.a\.|not applicable)"
_VERDICT_LINE = re.compile(
    r"^[\s#*_-]*(?:final\s+)?verdict[\s*_]*[:=\-–—][\s*_\"'`]*" + _WORD + r"[\s*_\"'`.!]*$",
    re.IGNORECASE,
)
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True, slots=True)
class ReadVerdict:
    """What could be read from a judge's answer."""

    verdict: str | None  # one of VERDICTS; None: unscored
    reasoning: str
    method: str  # "json": the whole answer; "extracted": the final verdict in prose; "none"
    problem: str = ""  # why the answer is unscored

    @property
    def scored(self) -> bool:
        return self.verdict is not None


def normalise(word: Any) -> str | None:
    """A verdict word in canonical form, or None when it is not one."""
    if not isinstance(word, str):
        return None
    text = " ".join(word.strip().lower().split())
    if text in VERDICTS:
        return text
    return _ALIASES.get(text)


def read_verdict(answer: str) -> ReadVerdict:
    """The verdict and reasoning in ``answer``; see the module docstring."""
    text = answer.strip()
    if not text:
        return ReadVerdict(None, "", "none", "empty answer")
    whole = _whole_json(text)
    if whole is not None:
        return whole
    candidates = _json_verdicts(text) + _line_verdicts(text)
    if not candidates:
        return ReadVerdict(None, text, "none", "no verdict found in the answer")
    _, verdict, reasoning = max(candidates, key=lambda c: c[0])
    return ReadVerdict(verdict, reasoning or text, "extracted")


def _strip_fences(text: str) -> str:
    match = re.fullmatch(r"(?:```|~~~)[\w-]*\s*\n(.*)\n\s*(?:```|~~~)", text, re.DOTALL)
    return match.group(1).strip() if match else text


def _from_object(data: Any) -> tuple[str | None, str]:
    if not isinstance(data, dict):
        return None, ""
    reasoning = data.get("reasoning")
    return normalise(data.get("verdict")), reasoning if isinstance(reasoning, str) else ""


def _whole_json(text: str) -> ReadVerdict | None:
    try:
        data = json.loads(_strip_fences(text))
    except ValueError:
        return None
    if not isinstance(data, dict) or "verdict" not in data:
        return None
    verdict, reasoning = _from_object(data)
    if verdict is None:
        return ReadVerdict(None, reasoning, "none", f"unknown verdict {data.get('verdict')!r}")
    return ReadVerdict(verdict, reasoning, "json")


def _json_verdicts(text: str) -> list[tuple[int, str, str]]:
    """(end offset, verdict, reasoning) of each top-level JSON object with a verdict."""
    decoder = json.JSONDecoder()
    found: list[tuple[int, str, str]] = []
    position = text.find("{")
    while position != -1:
        try:
            data, end = decoder.raw_decode(text, position)
        except ValueError:
            position = text.find("{", position + 1)
            continue
        verdict, reasoning = _from_object(data)
        if verdict is not None:
            found.append((end, verdict, reasoning))
        position = text.find("{", end)  # never look inside an object already read
    return found


def _line_verdicts(text: str) -> list[tuple[int, str, str]]:
    """(end offset, verdict, text before it) of each line that is only a verdict."""
    found: list[tuple[int, str, str]] = []
    offset = 0
    fenced = False
    for line in text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or line.lstrip().startswith(">"):
            continue
        match = _VERDICT_LINE.match(line.strip())
        verdict = normalise(match.group(1)) if match else None
        if verdict is not None:
            found.append((offset, verdict, text[:start].strip()))
    return found
