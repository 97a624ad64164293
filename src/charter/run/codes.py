"""Stable ``T…`` codes: findings of test planning."""

from __future__ import annotations

from charter.diagnostics import Severity, register

T001 = register(
    "T001",
    "example without a user message",
    Severity.WARNING,
    "An example of a testable clause has no user message, so there is nothing to send.",
)
T002 = register(
    "T002",
    "no case to run",
    Severity.WARNING,
    "The filters (--clause, --module, --tag) or the spec leave no case to send.",
)
