"""The judge grader: a model that reports per-statement findings, and a derived verdict.

:class:`Judge` implements :class:`~charter.grade.base.Grader`. The judge reads the clause
as :mod:`charter.grade.judge_prompt` presents it and reports a finding per statement;
the verdict is *derived* from the findings by the written rule of
:mod:`charter.grade.findings` (an answer that only states a verdict is still read). On
OpenAI-compatible endpoints the answer is constrained by a JSON schema; an endpoint that
rejects it (HTTP 400/422) is asked again without, and the judge remembers.

Generation settings come as a mapping (``temperature``, ``seed``, ``reasoning_effort``,
``max_tokens``; any may be left out) — per provider, from whoever reads the config.
Defaults: temperature 0 and seed 0 (the seed only where the provider takes one, unless
the mapping sets it). With ``samples`` K > 1 the judge is asked K times (seed + i, and
temperature 0.7 unless set) and the majority verdict is kept with its agreement
(:mod:`charter.grade.consensus`); no majority is ``uncertain``.

Guarantees:

- an answer that cannot be read is *unscored* (``ungraded``), never ``passed``;
  ``uncertain`` is ``ungraded`` too, shown as ``[uncertain]``; ``n/a`` on a case built
  from the clause's own examples or prompt files is reported as a judge defect;
- verdicts are cached under a BLAKE2b key of canonical JSON: judge identity and
  parameters, template version (derived from the template's text), the spec context,
  the case (conversation, references, criterion), the response and the sample index.
  Only scored verdicts are cached; provider errors propagate and are never cached;
- the judge's resolved model version is kept with every outcome, and in the grader
  name of every result it decides (``judge:openai/gpt-4o@gpt-4o-2024-08-06``).

The verdict and reasoning travel in :attr:`Grade.reason` as ``"[verdict] reasoning"``
(:func:`format_reason` / :func:`parse_reason`), so a store that keeps a reason keeps both.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from charter.config.keys import is_int
from charter.errors import ConfigError, ProviderError
from charter.grade.base import Grade, GradeItem, ModelCall, Status
from charter.grade.findings import Finding, derive, is_defect, summary
from charter.grade.judge_input import clause_statements as clause_statements
from charter.grade.judge_input import input_for as input_for
from charter.grade.judge_input import references_from as references_from
from charter.grade.judge_input import render_message as render_message
from charter.grade.judge_prompt import (
    TEMPLATE_DIGEST,
    TEMPLATE_VERSION,
    JudgeInput,
    build_messages,
)
from charter.grade.spec_context import DEFAULT_BUDGET, SpecContexts
from charter.grade.verdicts import findings_format, read_verdict
from charter.hashing import digest_json
from charter.providers.base import Completion, Provider, Request
from charter.spec.model import Project

STRUCTURED_MODES = ("auto", "json_schema", "off")
DEFAULT_THRESHOLD = 0.9
SAMPLE_TEMPERATURE = 0.7  # with samples > 1 and no temperature given
_SEED_KINDS = frozenset({"openai"})  # providers whose API takes a seed
_SCHEMA_KINDS = frozenset({"openai"})  # providers with JSON-schema response_format
_REASON = re.compile(r"^\[(pass|fail|partial|uncertain|n/a|unscored)\] ?(.*)$", re.DOTALL)
_FAILING = frozenset({"fail", "partial"})


def digest(value: Any) -> str:
    """BLAKE2b (16 bytes, hex) of the canonical JSON of ``value``."""
    return digest_json(value, 16)


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

    verdict: str | None  # pass, fail, partial, uncertain, n/a; None: unscored
    reasoning: str
    method: str  # "json", "extracted", "none", "majority"
    judge_model: str  # the model version that answered, as its API reported it
    template: str
    key: str
    cached: bool = False
    raw: str = ""
    problem: str = ""
    input_tokens: int | None = None
    output_tokens: int | None = None
    latency_s: float = 0.0
    findings: tuple[Finding, ...] = ()
    stated: str | None = None  # the verdict the judge wrote itself, if any
    rule: int | None = None  # the rule of charter.grade.findings that decided
    samples: tuple[str | None, ...] = ()  # each sample's verdict, with samples > 1
    agreement: float | None = None  # share of samples that gave the majority verdict
    defect: bool = False  # n/a on a case that applies by construction

    @property
    def scored(self) -> bool:
        return self.verdict is not None

    @property
    def status(self) -> Status:
        if self.verdict == "pass":
            return Status.PASSED
        if self.verdict in _FAILING:
            return Status.FAILED
        return Status.UNGRADED  # uncertain, n/a, or unscored


@dataclass(frozen=True, slots=True)
class JudgeConfig:
    """The ``[judge]`` table of charter.toml: default grader, seed, output mode, threshold,
    samples per response and the token budget of the spec context."""

    grader: str | None = None
    seed: int = 0
    max_tokens: int | None = None
    structured: str = "auto"
    threshold: float = DEFAULT_THRESHOLD  # least calibration agreement before a warning
    samples: int = 1
    context_budget: int = DEFAULT_BUDGET

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> JudgeConfig:
        unknown = set(table) - set(cls.__dataclass_fields__)
        if unknown:
            raise ConfigError(f"[judge]: unknown key(s) {', '.join(sorted(unknown))}")
        config = cls(**table)
        if config.grader is not None and not (isinstance(config.grader, str) and config.grader):
            raise ConfigError(
                f"[judge] grader must be a PROVIDER/MODEL string, got {config.grader!r}"
            )
        tokens = config.max_tokens
        if tokens is not None and not (is_int(tokens) and tokens >= 1):
            raise ConfigError(f"[judge] max_tokens must be a positive integer, got {tokens!r}")
        if not isinstance(config.threshold, int | float) or not 0 <= config.threshold <= 1:
            raise ConfigError("[judge] threshold must be a number between 0 and 1")
        if config.structured not in STRUCTURED_MODES:
            raise ConfigError(f"[judge] structured must be one of {', '.join(STRUCTURED_MODES)}")
        for name in ("seed", "samples", "context_budget"):
            value = getattr(config, name)
            if not isinstance(value, int) or isinstance(value, bool):
                raise ConfigError(f"[judge] {name} must be an integer")
        if not 1 <= config.samples <= 25 or config.context_budget < 0:
            raise ConfigError("[judge] samples must be 1..25 and context_budget ≥ 0")
        return config

    def make(
        self,
        provider: Provider,
        cache: VerdictCache | None = None,
        *,
        project: Project | None = None,
        params: Mapping[str, Any] | None = None,
        samples: int | None = None,
        compiled_spec: str | None = None,
    ) -> Judge:
        contexts = SpecContexts(project, self.context_budget) if project is not None else None
        return Judge(
            provider,
            seed=self.seed,
            max_tokens=self.max_tokens,
            structured=self.structured,
            cache=cache,
            params=params,
            samples=samples or self.samples,
            contexts=contexts,
            compiled_spec=compiled_spec,
        )


def format_reason(verdict: str | None, text: str) -> str:
    return f"[{verdict or 'unscored'}] {text}".rstrip()


def parse_reason(reason: str) -> tuple[str, str] | None:
    """(verdict or "unscored", reasoning) from a judge's :attr:`Grade.reason`."""
    match = _REASON.match(reason)
    return (match.group(1), match.group(2)) if match else None


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
        params: Mapping[str, Any] | None = None,
        samples: int = 1,
        contexts: SpecContexts | None = None,
        compiled_spec: str | None = None,
    ) -> None:
        if structured not in STRUCTURED_MODES or samples < 1:
            raise ValueError(f"structured must be one of {STRUCTURED_MODES}, samples ≥ 1")
        self.provider, self.cache, self.samples = provider, cache, samples
        self.contexts, self.compiled_spec = contexts, compiled_spec
        self.name = f"judge:{provider.kind}/{provider.model}"
        self.params = _params(provider.kind, seed, max_tokens, dict(params or {}), samples)
        use_schema = structured == "json_schema" or (
            structured == "auto" and provider.kind in _SCHEMA_KINDS
        )
        self._schema = use_schema
        self._settings = {"structured": use_schema, "samples": samples, **self.params}

    def identity(self) -> dict[str, str]:
        return {
            **self.provider.identity(),
            "params": json.dumps(self._settings, sort_keys=True),
            "template": TEMPLATE_VERSION,
            "template_digest": TEMPLATE_DIGEST,
        }

    def key_for(self, item: JudgeInput, sample: int = 0) -> str:
        clause = [item.clause_id, item.clause_title, item.authority, asdict(item.spec)]
        case = {
            "conversation": [list(m) for m in item.conversation],
            "references": [asdict(r) for r in item.references],
            "criterion": item.criterion,
            "with_spec": item.with_spec,
        }
        parts = {"judge": self.identity(), "clause": digest(clause), "case": digest(case)}
        if sample:
            parts["sample"] = str(sample)
        return digest({**parts, "response": digest(item.response)})

    def input_for(self, item: GradeItem, response: str) -> JudgeInput:
        context = self.contexts.for_clause(item.module, item.clause) if self.contexts else None
        return input_for(item, response, context, self.compiled_spec)

    async def grade(self, item: GradeItem, response: str, call: ModelCall) -> Grade:
        outcome = await self.judge(self.input_for(item, response), call)
        return Grade(outcome.status, reason_of(outcome), self.grader_for(outcome))

    def grader_for(self, outcome: JudgeOutcome) -> str:
        """The judge's name, with the model version that answered when it differs:
        ``judge:openai/gpt-4o@gpt-4o-2024-08-06`` (stored with every result)."""
        resolved = outcome.judge_model
        return self.name if resolved in ("", self.provider.model) else f"{self.name}@{resolved}"

    async def judge(self, item: JudgeInput, call: ModelCall | None = None) -> JudgeOutcome:
        """Judge one response (``samples`` times); ProviderError propagates, a bad answer
        is unscored."""
        from charter.grade.consensus import majority

        if self.samples == 1:
            return await self.judge_once(item, call, 0)
        asked = (self.judge_once(item, call, i) for i in range(self.samples))
        return majority(list(await asyncio.gather(*asked)))

    async def judge_once(
        self, item: JudgeInput, call: ModelCall | None, sample: int
    ) -> JudgeOutcome:
        key = self.key_for(item, sample)
        if self.cache is not None:
            hit = self.cache.get_verdict(key)
            if hit is not None:
                return _from_cache(hit, key)
        completion = await self._ask(item, call or self.provider.complete, sample)
        outcome = self._read(item, completion, key)
        if outcome.scored and self.cache is not None:
            self.cache.put_verdict(key, _to_cache(outcome))
        return outcome

    async def _ask(self, item: JudgeInput, call: ModelCall, sample: int) -> Completion:
        messages = build_messages(item)
        params = dict(self.params)
        if sample and "seed" in params:
            params["seed"] = int(params["seed"]) + sample
        if self._schema:
            ids = [s.id for s in item.spec.statements]
            request = Request(messages, {**params, "response_format": findings_format(ids)})
            try:
                return await call(request)
            except Exception as exc:
                if _http_status(exc) not in (400, 422):
                    raise
                self._schema = False  # the endpoint has no JSON-schema output
        return await call(Request(messages, params))

    def _read(self, item: JudgeInput, completion: Completion, key: str) -> JudgeOutcome:
        read = read_verdict(completion.text)
        verdict, rule, problem = read.verdict, None, read.problem
        if read.findings is not None:
            derived = derive(item.spec.modalities, item.authority, read.findings)
            verdict, rule = derived.verdict, derived.rule
            problem = "; ".join(derived.notes)
        return JudgeOutcome(
            verdict=verdict,
            reasoning=read.reasoning,
            method=read.method,
            judge_model=completion.model or self.provider.model,
            template=TEMPLATE_VERSION,
            key=key,
            raw=completion.text,
            problem=problem,
            input_tokens=completion.usage.input_tokens,
            output_tokens=completion.usage.output_tokens,
            latency_s=completion.latency_s,
            findings=read.findings or (),
            stated=read.verdict,
            rule=rule,
            defect=is_defect(verdict, item.kind),
        )


def reason_of(outcome: JudgeOutcome) -> str:
    """The reason text of a judged grade: verdict, findings, samples, defect, problem."""
    if not outcome.scored:
        return format_reason(None, outcome.problem)
    parts = [outcome.reasoning]
    if outcome.findings:
        parts.append(f"findings: {summary(outcome.findings)}")
    if outcome.samples:
        agreed = f"{outcome.agreement:.0%}" if outcome.agreement is not None else "–"
        parts.append(
            f"samples: {', '.join(v or 'unscored' for v in outcome.samples)} ({agreed} agree)"
        )
    if outcome.defect:
        parts.append("judge defect: n/a on a case built from the clause's own example")
    return format_reason(outcome.verdict, " · ".join(p for p in parts if p))


def _params(
    kind: str, seed: int, max_tokens: int | None, given: dict[str, Any], samples: int
) -> dict[str, Any]:
    """The judge's generation parameters: defaults, then what the mapping sets; a key set
    to None in the mapping is left out of the request."""
    params: dict[str, Any] = {"temperature": 0 if samples == 1 else SAMPLE_TEMPERATURE}
    if kind in _SEED_KINDS:
        params["seed"] = seed
    if max_tokens is not None:
        params["max_tokens"] = max_tokens
    for key, value in given.items():  # None leaves a parameter out (reasoning models)
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return params


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
    fields["findings"] = tuple(Finding(**f) for f in fields.get("findings") or ())
    fields["samples"] = tuple(fields.get("samples") or ())
    return JudgeOutcome(**{**fields, "key": key, "cached": True})
