"""Compiling a spec into what a model or a peer tool consumes: a system prompt that carries
the whole spec (:mod:`.prompt`), training data in the formats trainers read
(:mod:`.records`, :mod:`.formats`) and test suites for promptfoo and Inspect AI
(:mod:`.exports`)."""

from __future__ import annotations

from charter.compile.formats import FORMATS, Output, write
from charter.compile.prompt import CompiledPrompt, PromptOptions, compile_prompt
from charter.compile.records import Gates, Records, collect
from charter.compile.tokens import TokenCount, count_tokens, estimate_tokens

__all__ = [
    "FORMATS",
    "CompiledPrompt",
    "Gates",
    "Output",
    "PromptOptions",
    "Records",
    "TokenCount",
    "collect",
    "compile_prompt",
    "count_tokens",
    "estimate_tokens",
    "write",
]
