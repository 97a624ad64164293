"""How long a retry waits (``charter.run.calls``): the server's ``Retry-After`` when it
gave one, otherwise about as long as the endpoint has answered nobody since the call
began — a short wait when other calls keep succeeding (a load-independent 500 or drop),
growing waits when the endpoint is down."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from charter.providers.scripted import ScriptedProvider
from charter.run.calls import CallPolicy, ModelCaller


@pytest.fixture
def caller(tmp_path: Path) -> ModelCaller:
    script = tmp_path / "script.yaml"
    script.write_text("default: hi\n", encoding="utf-8")
    policy = CallPolicy(backoff_base=0.1, backoff_cap=10.0)
    return ModelCaller(ScriptedProvider(str(script), {}), policy)


def test_a_failure_while_others_succeed_waits_the_first_step(caller: ModelCaller) -> None:
    started = time.monotonic() - 5.0  # this call has failed for five seconds
    caller._answered_at = time.monotonic()  # but another call was just answered
    waits = [caller._backoff(None, started) for _ in range(50)]
    assert all(0.05 <= w <= 0.1 for w in waits)


def test_an_endpoint_down_since_the_call_began_waits_about_that_long(
    caller: ModelCaller,
) -> None:
    started = time.monotonic() - 5.0  # no answer to anyone in those five seconds
    waits = [caller._backoff(None, started) for _ in range(50)]
    assert all(2.5 <= w <= 5.1 for w in waits)
    long_ago = time.monotonic() - 600.0
    assert all(caller._backoff(None, long_ago) <= 10.0 for _ in range(50))  # the cap


def test_retry_after_is_waited_up_to_a_tenth_longer(caller: ModelCaller) -> None:
    started = time.monotonic()
    waits = [caller._backoff(2.0, started) for _ in range(50)]
    assert all(2.0 <= w <= 2.2 for w in waits)
    assert 0.05 <= caller._backoff(0.0, started) <= 0.1  # Retry-After: 0 is no guidance
