"""Compiling a spec into what a model consumes: a system prompt (:mod:`.prompt`)."""

from __future__ import annotations

from charter.compile.prompt import CompiledPrompt, compile_prompt, estimate_tokens

__all__ = ["CompiledPrompt", "compile_prompt", "estimate_tokens"]
