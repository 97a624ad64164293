"""The mixed-fault profile of issue 10 over a few hundred cases: 429 with and without
``Retry-After`` (zero and an hour long too), 500, dropped connections, slow replies,
malformed JSON, odd but valid Unicode and lone surrogates. Every case settles exactly
once, counted in the store and against the server's log of requests by prompt."""

from __future__ import annotations

from pathlib import Path

from tests.run.conftest import prompt_of, run_profile
from tests.run.fault_server import ODD, FaultServer

CLAUSES, PER = 15, 20
RATES = {
    "429": 0.05,
    "429-none": 0.04,
    "429-zero": 0.04,
    "429-long": 0.02,
    "500": 0.05,
    "drop": 0.03,
    "slow": 0.02,
    "badjson": 0.03,
    "unicode": 0.05,
    "surrogate": 0.05,
}


def test_mixed_faults_settle_every_case_exactly_once(tmp_path: Path) -> None:
    with FaultServer(
        latency=0.005, fault_rates=RATES, seed=11, retry_after=0.05, slow_s=1.0
    ) as server:
        _, store, results = run_profile(
            tmp_path,
            server.base_url,
            CLAUSES,
            PER,
            concurrency=16,
            retries=3,
            timeout=0.4,
            backoff_base=0.01,
            backoff_cap=0.05,
            retry_after_cap=0.2,
        )
    assert sum(server.stats.by_prompt.values()) == server.stats.requests
    assert store.count_calls("r1") == server.stats.requests
    odd = surrogate = 0
    for case_id, result in results.items():
        prompt = prompt_of(case_id)
        assert len(store.calls("r1", case_id)) == server.stats.by_prompt[prompt]
        assert result.status in ("passed", "errored"), result
        if result.status == "passed":
            assert result.response is not None and result.response.startswith("ECHO: " + prompt)
            odd += result.response.endswith(ODD)
            surrogate += result.response.endswith(" \\ud83d")  # escaped, not dropped
    assert odd and surrogate, "the profile exercised neither odd Unicode nor surrogates"
    assert {f for f in RATES if server.stats.outcomes[f]} == set(RATES)
    store.close()
