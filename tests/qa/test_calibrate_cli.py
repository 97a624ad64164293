"""``charter calibrate --threshold`` is an agreement in 0..1, like ``[judge] threshold``
(QA: --threshold 5 ran the judge and printed "below the threshold of 500.0%")."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["5", "-0.1", "nan"])
def test_threshold_outside_zero_to_one_is_a_usage_error(value: str) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "charter.cli.main",
            "calibrate",
            str(REPO / "examples" / "shop"),
            "--grader",
            "scripted/does-not-matter.yaml",
            "--no-store",
            "--threshold",
            value,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--threshold is an agreement between 0 and 1" in result.stderr
    assert result.stdout == ""
