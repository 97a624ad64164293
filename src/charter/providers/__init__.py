"""Model providers behind one async protocol; they know nothing of specs.

- :mod:`charter.providers.base`: :class:`Request`, :class:`Completion`, the
  :class:`Provider` protocol, error helpers;
- :mod:`charter.providers.registry`: ``PROVIDER/MODEL`` → provider, through the
  entry-point group ``charter.providers``;
- built-ins: ``openai`` (any OpenAI-compatible endpoint; shorthands ``ollama/``, ``vllm/``,
  ``llamacpp/``, ``lmstudio/`` for local servers), ``anthropic`` (optional extra),
  ``scripted`` (canned answers from a file);
- :func:`redact` (:mod:`charter.providers.secrets`): masks credentials in any text;
- :func:`generation_params`: the configured ``params`` / ``judge_params`` of an endpoint.
"""

from __future__ import annotations

from charter.config.providers import generation_params
from charter.providers.base import (
    ChatMessage,
    Completion,
    EndpointUnreachable,
    Provider,
    Request,
    Usage,
)
from charter.providers.registry import resolve, split_ref
from charter.providers.secrets import redact

__all__ = [
    "ChatMessage",
    "Completion",
    "EndpointUnreachable",
    "Provider",
    "Request",
    "Usage",
    "generation_params",
    "redact",
    "resolve",
    "split_ref",
]
