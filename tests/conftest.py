"""Shared fixtures: where the golden corpora live (``../shared`` beside the repository)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CHARTER_SHARED", REPO.parent / "shared"))
MODEL_SPEC = SHARED / "corpora" / "openai-model-spec"
RELEASES = ("2025-04-11", "2025-09-12", "2025-12-18")


@pytest.fixture(scope="session")
def model_spec_dir() -> Path:
    if not MODEL_SPEC.is_dir():  # a missing corpus is a broken checkout, not a skip
        raise RuntimeError(f"golden corpus not found at {MODEL_SPEC}; set CHARTER_SHARED")
    return MODEL_SPEC
