"""Charter's exceptions: failures, as opposed to findings (findings are Diagnostics).

The tree, in one place::

    CharterError                 exit code 2 unless a subclass says otherwise
    ├── InputError               a path that does not exist, an unreadable file, bad usage
    ├── ConfigError              charter.toml / pyproject / environment problems
    ├── SpecError                a spec too broken to work with (carries diagnostics)
    └── InfrastructureError      exit code 3: something outside the spec failed
        ├── ProviderError        a model API failed (``retryable`` says if trying again may help)
        ├── StoreError           the SQLite store could not be used
        └── BudgetExhausted      a run deadline or cost budget was reached

Front ends catch ``CharterError``, print its message and exit with ``exit_code``; any
other exception reaching a front end is a bug.
"""

from __future__ import annotations

from typing import ClassVar


class CharterError(Exception):
    """Base class of every failure Charter reports to a user."""

    exit_code: ClassVar[int] = 2


class InputError(CharterError):
    """Bad input: a missing path, an unreadable file, an invalid argument."""


class ConfigError(CharterError):
    """Invalid configuration, or a missing optional dependency."""


class SpecError(CharterError):
    """A spec that cannot be loaded at all."""


class InfrastructureError(CharterError):
    """Something outside the spec failed: a model endpoint, the store, a budget."""

    exit_code: ClassVar[int] = 3


class ProviderError(InfrastructureError):
    """A model API call failed."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = False,
        status: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.status = status
        self.retry_after = retry_after


class StoreError(InfrastructureError):
    """The SQLite store could not be opened, migrated or written."""


class BudgetExhausted(InfrastructureError):
    """A run deadline or cost budget was reached."""
