"""Strict tables: unknown keys are errors that name the closest valid key.

Every table of ``charter.toml`` is checked with :func:`check_keys`, so a misspelled key
(``[judeg]``, ``temprature``) stops with a :class:`~charter.errors.ConfigError` that says
what was meant, instead of being ignored. :func:`int_in` and :func:`number_in` range-check
values, so an absurd number is a clear error and never a ``MemoryError`` later.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from charter.errors import ConfigError


def closest(name: str, valid: Iterable[str]) -> str | None:
    """The valid name closest to ``name`` (a likely misspelling of it), if any."""
    close = difflib.get_close_matches(name, sorted(valid), n=1, cutoff=0.6)
    return close[0] if close else None


def suggest(name: str, valid: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest valid name, or an empty string."""
    near = closest(name, valid)
    return f" (did you mean {near!r}?)" if near else ""


def check_keys(where: str, table: Mapping[str, Any], valid: Iterable[str]) -> None:
    """Raise ConfigError naming each key of ``table`` not in ``valid``, with suggestions."""
    allowed = sorted(set(valid))
    unknown = [key for key in table if key not in allowed]
    if not unknown:
        return
    hints = [f"{near!r} for {key!r}" for key in unknown if (near := closest(key, allowed))]
    tail = f" (did you mean {'; '.join(hints)}?)" if hints else ""
    raise ConfigError(
        f"{where}: unknown key(s) {', '.join(unknown)}; expected one of {', '.join(allowed)}{tail}"
    )


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def int_in(where: str, key: str, value: Any, low: int, high: int) -> int:
    """``value`` if it is an integer in [low, high], else a ConfigError saying the range."""
    if not is_int(value) or not low <= value <= high:
        raise ConfigError(
            f"{where}: {key!r} must be an integer from {low} to {high}, got {value!r}"
        )
    return int(value)


def number_in(where: str, key: str, value: Any, low: float, high: float) -> float:
    """``value`` if it is a finite number in [low, high], else a ConfigError."""
    ok = isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high
    if not ok:
        raise ConfigError(
            f"{where}: {key!r} must be a number from {low:g} to {high:g}, got {value!r}"
        )
    return float(value)


def one_of(where: str, key: str, value: Any, choices: Iterable[str]) -> str:
    options = sorted(choices)
    if not isinstance(value, str) or value not in options:
        hint = suggest(value, options) if isinstance(value, str) else ""
        raise ConfigError(
            f"{where}: {key!r} must be one of {', '.join(options)}, got {value!r}{hint}"
        )
    return value
