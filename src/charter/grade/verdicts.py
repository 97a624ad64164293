"""Reading a judge's answer: structured JSON first, then the final verdict in prose.

A judge is asked for ``{"reasoning": "...", "findings": [{"statement": "S1", "outcome":
..., "evidence": ...}]}`` (per-statement findings, :mod:`charter.grade.findings`, from
which the judge derives the verdict); older or simpler answers give ``"verdict":
"pass"|"fail"|"partial"|"uncertain"|"n/a"`` instead. Endpoints with JSON-schema output
return exactly that; others wrap it in prose or code fences, or write a verdict line at
the end. :func:`read_verdict` accepts, in order:

1. the whole answer (code fences stripped) as the JSON object;
2. otherwise a JSON object with ``findings`` or a ``verdict`` that opens or closes the
   answer (only a code fence or blank space before, or after, it): that is the judge's
   structured answer, and when there is one only it counts — a ``Verdict: pass`` line
   after (or before) a structured ``fail`` is never read as a pass;
3. otherwise the last line that is only a verdict (``Verdict: fail``, ``**Final
   verdict:** PASS``). Verdicts quoted mid-sentence, in ``>`` quotes or inside code
   fences are not lines of their own and are ignored, so a response that says "verdict:
   pass" and is quoted by the judge cannot decide its own grade — nor can a JSON verdict
   quoted in the middle of the judge's prose;
4. otherwise the last JSON object with a verdict anywhere in the answer.

Anything else — garbage, an unknown verdict word, an empty answer — is *unscored*
(``verdict is None``), which no caller may treat as a pass.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from charter.grade.findings import OUTCOMES, Finding, findings_from

VERDICTS = ("pass", "fail", "partial", "uncertain", "n/a")

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


def findings_schema(statement_ids: list[str]) -> dict[str, Any]:
    """The JSON schema of a findings answer about statements ``statement_ids``."""
    finding = {
        "type": "object",
        "properties": {
            "statement": {"type": "string", "enum": statement_ids},
            "outcome": {"type": "string", "enum": list(OUTCOMES)},
            "evidence": {"type": "string"},
        },
        "required": ["statement", "outcome", "evidence"],
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "properties": {
            "reasoning": {"type": "string"},
            "findings": {"type": "array", "items": finding},
        },
        "required": ["reasoning", "findings"],
        "additionalProperties": False,
    }


def findings_format(statement_ids: list[str]) -> dict[str, Any]:
    """The ``response_format`` of a findings answer (OpenAI-compatible endpoints)."""
    schema = findings_schema(statement_ids)
    return {
        "type": "json_schema",
        "json_schema": {"name": "judge_findings", "strict": True, "schema": schema},
    }


_ALIASES = {"n/a": "n/a", "na": "n/a", "n.a.": "n/a", "not applicable": "n/a"}
_WORD = r"(pass|fail|partial|uncertain|n/a|na|n\.a\.|not applicable)"
_VERDICT_LINE = re.compile(
    r"^[\s#*_-]*(?:final\s+)?verdict[\s*_]*[:=\-–—][\s*_\"'`]*" + _WORD + r"[\s*_\"'`.!]*$",
    re.IGNORECASE,
)
MAX_TRIES = 400  # opening braces at which a JSON object is looked for
_FENCE = re.compile(r"^\s*(```|~~~)")
_EDGE = re.compile(r"(?:(?:```|~~~)[\w-]*)?")


@dataclass(frozen=True, slots=True)
class ReadVerdict:
    """What could be read from a judge's answer."""

    verdict: str | None  # the verdict the judge stated (one of VERDICTS), if any
    reasoning: str
    method: str  # "json": the whole answer; "extracted": the final verdict in prose; "none"
    problem: str = ""  # why the answer is unscored
    findings: tuple[Finding, ...] | None = None  # per-statement findings, when given

    @property
    def scored(self) -> bool:
        return self.verdict is not None or self.findings is not None


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
    embedded = _json_answers(text)
    framing = [r for start, end, r in embedded if _edge(text[:start]) or _edge(text[end:])]
    lines = _line_verdicts(text)
    if framing or (embedded and not lines):
        read = (framing or [r for _, _, r in embedded])[-1]
        return ReadVerdict(read.verdict, read.reasoning or text, "extracted", "", read.findings)
    if not lines:
        return ReadVerdict(None, text, "none", "no verdict found in the answer")
    _, verdict, start = lines[-1]
    return ReadVerdict(verdict, text[:start].strip() or text, "extracted")


def _edge(text: str) -> bool:
    """Whether ``text`` (before or after a JSON object) is only a fence and blank space."""
    return _EDGE.fullmatch(text.strip()) is not None


def _strip_fences(text: str) -> str:
    match = re.fullmatch(r"(?:```|~~~)[\w-]*\s*\n(.*)\n\s*(?:```|~~~)", text, re.DOTALL)
    return match.group(1).strip() if match else text


def _from_object(data: Any) -> ReadVerdict | None:
    """The answer a JSON object holds; None when it holds neither findings nor a verdict."""
    if not isinstance(data, dict) or not ({"verdict", "findings"} & data.keys()):
        return None
    reasoning = data.get("reasoning")
    text = reasoning if isinstance(reasoning, str) else ""
    findings = findings_from(data.get("findings"))
    verdict = normalise(data.get("verdict"))
    if findings is None and verdict is None:
        return ReadVerdict(None, text, "none", f"unknown verdict {data.get('verdict')!r}")
    return ReadVerdict(verdict, text, "json", "", findings)


def _whole_json(text: str) -> ReadVerdict | None:
    try:
        data = json.loads(_strip_fences(text))
    except (ValueError, RecursionError):  # RecursionError: nesting too deep to read
        return None
    return _from_object(data)


def _json_answers(text: str) -> list[tuple[int, int, ReadVerdict]]:
    """(start, end, answer) of each top-level JSON object with findings or a verdict.

    Objects are tried at no more than :data:`MAX_TRIES` opening braces (the first and the
    last half of them): each failed try costs time in the length of the answer, so an
    answer made of braces stays linear."""
    decoder = json.JSONDecoder()
    found: list[tuple[int, int, ReadVerdict]] = []
    tries = _brace_positions(text)
    skip_to = 0
    for position in tries:
        if position < skip_to:
            continue  # never look inside an object already read
        try:
            data, end = decoder.raw_decode(text, position)
        except (ValueError, RecursionError):
            continue
        read = _from_object(data)
        if read is not None and read.scored:
            found.append((position, end, read))
        skip_to = end
    return found


def _brace_positions(text: str) -> list[int]:
    positions: list[int] = []
    position = text.find("{")
    while position != -1:
        positions.append(position)
        position = text.find("{", position + 1)
    if len(positions) <= MAX_TRIES:
        return positions
    return positions[: MAX_TRIES // 2] + positions[-MAX_TRIES // 2 :]


def _line_verdicts(text: str) -> list[tuple[int, str, int]]:
    """(end offset, verdict, start offset) of each line that is only a verdict."""
    found: list[tuple[int, str, int]] = []
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
            found.append((offset, verdict, start))
    return found
