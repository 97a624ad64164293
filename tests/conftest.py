"""Shared fixtures: where the golden corpora live (``../shared`` beside the repository)."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

# A shell that starts a job in the background without job control (`bash .ci/run &` in a
# script, nohup) hands it SIGINT ignored, and every child inherits that: the tests that
# press Ctrl-C on a charter subprocess would see it ignored and the run finish. A Python
# handler here is reset to the default in each child at exec, as in a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHARTER_SHARED", REPO.parent / "shared"))
MODEL_SPEC = SHARED / "corpora" / "openai-model-spec"
RELEASES = ("2025-04-11", "2025-09-12", "2025-12-18")


@pytest.fixture(scope="session")
def model_spec_dir() -> Path:
    if not MODEL_SPEC.is_dir():  # a missing corpus is a broken checkout, not a skip
        raise RuntimeError(f"golden corpus not found at {MODEL_SPEC}; set CHARTER_SHARED")
    return MODEL_SPEC
