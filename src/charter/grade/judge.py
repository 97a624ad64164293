"""The judge grader: a model that decides, against the clause, what assertions left open.

:class:`Judge` implements :class:`~charter.grade.base.Grader`. Each call is made at
temperature 0 with a fixed seed (where the provider accepts one) and, on
OpenAI-compatible endpoints, with a JSON-schema ``response_format``; an endpoint that
rejects the schema (HTTP 400/422) is asked again without it, and the judge remembers.

Guarantees:

- an answer that cannot be read is *unscored* (``ungraded``), never ``passed``;
- verdicts are cached under a BLAKE2b key of canonical JSON: judge identity and
  parameters, template version and digest, clause text hash, case hash (conversation,
  references, criterion) and response hash. Only scored verdicts are cached; provider
  errors propagate (the runner records them as ``errored``) and are never cached;
- the judge's resolved model version is kept with every outcome, and in the grader
  name of every result it decides (``judge:openai/gpt-4o@gpt-4o-2024-08-06``).

The verdict and reasoning travel in :attr:`Grade.reason` as ``"[verdict] reasoning"``
(:func:`format_reason` / :func:`parse_reason`), so a store that keeps a reason keeps both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from hashlib import blake2b
from typing import Any, Protocol

from charter.errors import ConfigError, ProviderError
from charter.grade.base import Grade, GradeItem, ModelCall, Status
from charter.grade.judge_prompt import (
    TEMPLATE_DIGEST,
    TEMPLATE_VERSION,
    JudgeInput,
    JudgeReference,
    build_messages,
)
from charter.grade.verdicts import RESPONSE_FORMAT, read_verdict
from charter.providers.base import Completion, Provider, Request
from charter.spec.model import Candidate, Clause

STRUCTURED_MODES = ("auto", "json_schema", "off")
DEFAULT_THRESHOLD = 0.9
_SEED_KINDS = frozenset({"openai"})  # providers whose API takes a seed
_SCHEMA_KINDS = frozenset({"openai"})  # providers with JSON-schema response_format
_REASON = re.compile(r"^\[(pass|fail|partial|n/a|unscored)\] ?(.*)$", re.DOTALL)


def digest(value: Any) -> str:
    """BLAKE2b (16 bytes, hex) of the canonical JSON of ``value``."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


class VerdictCache(Protocol):
    """Where scored verdicts are kept between runs (the store, or memory in tests)."""

    def get_verdict(self, key: str) -> dict[str, Any] | None: ...

    def put_verdict(self, key: str, value: dict[str, Any]) -> None: ...


class MemoryVerdictCache:
    def __init__(self) -> None:
        self.entries: dict[str, dict[str, Any]] = {}

    def get_verdict(self, key: str) -> dict[str, Any] | None:
        return self.entries.get(key)

    def put_verdict(self, key: str, value: dict[str, Any]) -> None:
        self.entries[key] = value


@dataclass(frozen=True, slots=True)
class JudgeOutcome:
    """One judgement: the verdict (None: unscored), why, and how it was reached."""

    verdict: str | None
    reasoning: str
    method: str  # "json", "extracted", "none"
    judge_model: str  # the model version that answered, as its API reported it
    template: str
    key: str
    cached: bool = False
    raw: str = ""
    problem: str = ""
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency_s: float = 0.0

    @property
    def scored(self) -> bool:
        return self.verdict is not None

    @property
    def status(self) -> Status:
        if self.verdict == "pass":
            return Status.PASSED
        if self.verdict in ("fail", "partial"):
            return Status.FAILED
        return Status.UNGRADED  # n/a, or unscored


@dataclass(frozen=True, slots=True)
class JudgeConfig:
    """The ``[judge]`` table of charter.toml: default grader, seed, output mode, threshold."""

    grader: str | None = None
    seed: int = 0
    max_tokens: int | None = None
    structured: str = "auto"
    threshold: float = DEFAULT_THRESHOLD  # least calibration agreement before a warning

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> JudgeConfig:
        unknown = set(table) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"[judge]: unknown key(s) {', '.join(sorted(unknown))}")
        config = cls(**table)
        if not isinstance(config.threshold, int | float) or not 0 <= config.threshold <= 1:
            raise ConfigError("[judge] threshold must be a number between 0 and 1")
        if config.structured not in STRUCTURED_MODES:
            raise ConfigError(f"[judge] structured must be one of {', '.join(STRUCTURED_MODES)}")
        if not isinstance(config.seed, int) or isinstance(config.seed, bool):
            raise ConfigError("[judge] seed must be an integer")
        return config

    def make(self, provider: Provider, cache: VerdictCache | None = None) -> Judge:
        return Judge(
            provider,
            seed=self.seed,
            max_tokens=self.max_tokens,
            structured=self.structured,
            cache=cache,
        )


def format_reason(verdict: str | None, text: str) -> str:
    return f"[{verdict or 'unscored'}] {text}".rstrip()


def parse_reason(reason: str) -> tuple[str, str] | None:
    """(verdict or "unscored", reasoning) from a judge's :attr:`Grade.reason`."""
    match = _REASON.match(reason)
    return (match.group(1), match.group(2)) if match else None


def clause_statements(clause: Clause) -> tuple[str, ...]:
    return tuple(s.text for s in clause.statements if s.modality.normative) or tuple(
        s.text for s in clause.statements
    )


def references_from(candidates: Iterable[Candidate]) -> tuple[JudgeReference, ...]:
    return tuple(
        JudgeReference(c.verdict.value, c.content, c.reason)
        for c in candidates
        if c.verdict is not None
    )


def input_for(item: GradeItem, response: str) -> JudgeInput:
    """The judge's view of a planned case and the response it got."""
    criteria = [str(e.value) for e in item.expectations if e.kind == "judge"]
    criterion = "\n".join(f"- {c}" for c in criteria) if criteria else None
    return JudgeInput(
        clause_id=item.clause.id,
        clause_title=item.clause.title,
        authority=item.clause.authority,
        statements=clause_statements(item.clause),
        conversation=tuple((m.role, m.content) for m in item.messages),
        response=response,
        references=references_from(item.references),
        criterion=criterion,
    )


class Judge:
    """A judge model behind any provider; see the module docstring."""

    def __init__(
        self,
        provider: Provider,
        *,
        seed: int = 0,
        max_tokens: int | None = None,
        structured: str = "auto",
        cache: VerdictCache | None = None,
    ) -> None:
        if structured not in STRUCTURED_MODES:
            raise ValueError(f"structured must be one of {STRUCTURED_MODES}")
        self.provider = provider
        self.name = f"judge:{provider.kind}/{provider.model}"
        self.cache = cache
        self.params: dict[str, Any] = {"temperature": 0}
        if provider.kind in _SEED_KINDS:
            self.params["seed"] = seed
        if max_tokens is not None:
            self.params["max_tokens"] = max_tokens
        use_schema = structured == "json_schema" or (
            structured == "auto" and provider.kind in _SCHEMA_KINDS
        )
        self._schema = use_schema
        self._settings = {"structured": use_schema, **self.params}

    def identity(self) -> dict[str, str]:
        return {
            **self.provider.identity(),
            "params": json.dumps(self._settings, sort_keys=True),
            "template": TEMPLATE_VERSION,
            "template_digest": TEMPLATE_DIGEST,
        }

    def key_for(self, item: JudgeInput) -> str:
        clause = [item.clause_id, item.clause_title, item.authority, list(item.statements)]
        case = {
            "conversation": [list(m) for m in item.conversation],
            "references": [asdict(r) for r in item.references],
            "criterion": item.criterion,
        }
        return digest(
            {
                "judge": self.identity(),
                "clause": digest(clause),
                "case": digest(case),
                "response": digest(item.response),
            }
        )

    async def grade(self, item: GradeItem, response: str, call: ModelCall) -> Grade:
        outcome = await self.judge(input_for(item, response), call)
        text = outcome.reasoning if outcome.scored else outcome.problem
        return Grade(outcome.status, format_reason(outcome.verdict, text), self.grader_for(outcome))

    def grader_for(self, outcome: JudgeOutcome) -> str:
        """The judge's name, with the model version that answered when it differs:
        ``judge:openai/gpt-4o@gpt-4o-2024-08-06`` (stored with every result)."""
        resolved = outcome.judge_model
        return self.name if resolved in ("", self.provider.model) else f"{self.name}@{resolved}"

    async def judge(self, item: JudgeInput, call: ModelCall | None = None) -> JudgeOutcome:
        """Judge one response; ProviderError propagates, a bad answer is unscored."""
        key = self.key_for(item)
        if self.cache is not None:
            hit = self.cache.get_verdict(key)
            if hit is not None:
                return _from_cache(hit, key)
        completion = await self._ask(item, call or self.provider.complete)
        outcome = self._read(completion, key)
        if outcome.scored and self.cache is not None:
            self.cache.put_verdict(key, _to_cache(outcome))
        return outcome

    async def _ask(self, item: JudgeInput, call: ModelCall) -> Completion:
        messages = build_messages(item)
        if self._schema:
            request = Request(messages, {**self.params, "response_format": RESPONSE_FORMAT})
            try:
                return await call(request)
            except Exception as exc:
                if _http_status(exc) not in (400, 422):
                    raise
                self._schema = False  # the endpoint has no JSON-schema output
        return await call(Request(messages, dict(self.params)))

    def _read(self, completion: Completion, key: str) -> JudgeOutcome:
        read = read_verdict(completion.text)
        return JudgeOutcome(
            verdict=read.verdict,
            reasoning=read.reasoning,
            method=read.method,
            judge_model=completion.model or self.provider.model,
            template=TEMPLATE_VERSION,
            key=key,
            raw=completion.text,
            problem=read.problem,
            input_tokens=completion.usage.input_tokens,
            output_tokens=completion.usage.output_tokens,
            latency_s=completion.latency_s,
        )


def _http_status(exc: BaseException) -> int | None:
    """The HTTP status behind a failed call: a ProviderError's own, or that of the
    ProviderError a caller wrapped (the runner wraps failures with the attempts made)."""
    for candidate in (exc, getattr(exc, "error", None)):
        if isinstance(candidate, ProviderError):
            return candidate.status
    return None


def _to_cache(outcome: JudgeOutcome) -> dict[str, Any]:
    data = asdict(outcome)
    del data["cached"], data["key"]
    return data


def _from_cache(data: Mapping[str, Any], key: str) -> JudgeOutcome:
    fields = {k: v for k, v in data.items() if k in JudgeOutcome.__dataclass_fields__}
    return JudgeOutcome(**{**fields, "key": key, "cached": True})
