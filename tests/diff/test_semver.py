"""The version rule."""

from __future__ import annotations

import pytest

from charter.diff.model import Bump
from charter.diff.semver import RULE, next_version


@pytest.mark.parametrize(
    ("version", "bump", "expected"),
    [
        ("1.4.2", Bump.MAJOR, "2.0.0"),
        ("1.4.2", Bump.MINOR, "1.5.0"),
        ("1.4.2", Bump.PATCH, "1.4.3"),
        ("1.4.2", Bump.NONE, "1.4.2"),
        ("0.3.1", Bump.MAJOR, "0.4.0"),
        ("v2.0.0", Bump.PATCH, "v2.0.1"),
        ("1.0.0-rc.1", Bump.MINOR, "1.1.0"),
        ("2025-09-12", Bump.MAJOR, None),
        (None, Bump.MINOR, None),
    ],
)
def test_next_version(version: str | None, bump: Bump, expected: str | None) -> None:
    assert next_version(version, bump) == expected


def test_rule_names_each_level() -> None:
    assert "major:" in RULE and "minor:" in RULE and "patch:" in RULE
