"""Compiling a spec into what a model consumes: a system prompt (:mod:`.prompt`) and
training data, SFT records and DPO preference pairs (:mod:`.datasets`)."""

from __future__ import annotations

from charter.compile.datasets import Dataset, Options, dpo_records, sft_records
from charter.compile.prompt import CompiledPrompt, compile_prompt, estimate_tokens

__all__ = [
    "CompiledPrompt",
    "Dataset",
    "Options",
    "compile_prompt",
    "dpo_records",
    "estimate_tokens",
    "sft_records",
]
