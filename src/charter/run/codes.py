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
T003 = register(
    "T003",
    "duplicate case id",
    Severity.ERROR,
    "Two cases of different modules have the same id, because the modules have the same "
    "id (by default a module's id is its file name). Results are stored by case id, so "
    "`charter test` refuses to start; give one module another `id` in its front matter.",
)
