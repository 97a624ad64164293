"""The one hashing helper: stable digests, canonical JSON, lone surrogates hash."""

from __future__ import annotations

from hashlib import blake2b

from charter.hashing import Hasher, canonical, digest, digest_json


def test_digests_are_blake2b_of_the_utf8_bytes() -> None:
    assert digest("héllo", 16) == blake2b("héllo".encode(), digest_size=16).hexdigest()
    assert Hasher(8).update("a").update(b"b").hexdigest() == digest("ab", 8)


def test_canonical_json_ignores_key_order() -> None:
    assert (
        canonical({"b": 1, "a": "é"}) == canonical({"a": "é", "b": 1}) == '{"a":"é","b":1}'.encode()
    )
    assert digest_json({"b": 1, "a": 2}) == digest_json({"a": 2, "b": 1})


def test_a_lone_surrogate_hashes() -> None:
    assert len(digest("cut \ud83d", 16)) == 32
