"""Stable ``T…`` codes: findings of test planning."""

from __future__ import annotations

from charter.diagnostics import Severity, register

T001 = register(
    "T001",
    "example with nothing to send",
    Severity.WARNING,
    "An example of a testable clause holds no message at all, so there is nothing to send. "
    "(An example whose only input is a developer or system message is sent as it is.)",
)
T002 = register(
    "T002",
    "no case to run",
    Severity.WARNING,
    "The filters (--clause, --module, --tag) or the spec leave no case to send.",
)
