"""Model providers behind one async protocol; they know nothing of specs.

- :mod:`charter.providers.base`: :class:`Request`, :class:`Completion`, the
  :class:`Provider` protocol, error helpers;
- :mod:`charter.providers.registry`: ``PROVIDER/MODEL`` → provider, through the
  entry-point group ``charter.providers``;
- built-ins: ``openai`` (any OpenAI-compatible endpoint), ``anthropic`` (optional extra),
  ``scripted`` (canned answers from a file).
"""

from __future__ import annotations

from charter.providers.base import (
    ChatMessage,
    Completion,
    EndpointUnreachable,
    Provider,
    Request,
    Usage,
)
from charter.providers.registry import resolve, split_ref

__all__ = [
    "ChatMessage",
    "Completion",
    "EndpointUnreachable",
    "Provider",
    "Request",
    "Usage",
    "resolve",
    "split_ref",
]
