"""The one hashing helper: BLAKE2b digests of text, bytes and canonical JSON.

Every content address in Charter (cache keys, spec and file digests, verdict keys) is a
BLAKE2b hex digest of a chosen size; this module spells it once. Text is encoded as
UTF-8 with ``surrogatepass``, so a string holding a lone surrogate (a model reply cut
mid-emoji) hashes instead of raising. :func:`canonical` is the JSON form hashed for
structured keys: sorted keys, no spaces, non-ASCII kept as is.
"""

from __future__ import annotations

import json
from hashlib import blake2b
from typing import Any

Data = str | bytes


def _bytes(data: Data) -> bytes:
    return data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")


def digest(data: Data, size: int = 16) -> str:
    """The hex BLAKE2b digest of ``data`` (``size`` bytes, so ``2 × size`` hex digits)."""
    return blake2b(_bytes(data), digest_size=size).hexdigest()


def canonical(value: Any) -> bytes:
    """``value`` as canonical JSON bytes: the same value, the same bytes."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return _bytes(text)


def digest_json(value: Any, size: int = 20) -> str:
    return digest(canonical(value), size)


class Hasher:
    """An incremental digest over several parts (files, fields), fed in order."""

    def __init__(self, size: int = 16) -> None:
        self._digest = blake2b(digest_size=size)

    def update(self, data: Data) -> Hasher:
        self._digest.update(_bytes(data))
        return self

    def hexdigest(self) -> str:
        return self._digest.hexdigest()

    def digest(self) -> bytes:
        return self._digest.digest()
