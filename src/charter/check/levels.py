"""The chain of command of a module: its levels of authority, highest first.

Where the levels come from, first match wins: the module's front matter ``levels``, the
project's ``charter.toml`` ``[project] levels``, else the default
``root > system > developer > user > guideline``.

``platform`` is a documented alias of ``root``: the 2025-04-11 Model Spec calls its top
level ``platform``, renamed ``root`` in later releases. The alias applies only when a
chain has ``root`` and no level of its own named ``platform``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from charter.spec.model import DEFAULT_LEVELS, LEVEL_ALIASES, Module

ALIASES: dict[str, str] = LEVEL_ALIASES


@dataclass(frozen=True, slots=True)
class Chain:
    """Levels highest first; ``rank`` 0 is the top (the root), never overridable."""

    levels: tuple[str, ...]
    source: str  # "front matter", "charter.toml" or "default"

    def canonical(self, level: str) -> str | None:
        """The chain's name for ``level`` (resolving aliases), or None if unknown."""
        if level in self.levels:
            return level
        alias = ALIASES.get(level)
        return alias if alias is not None and alias in self.levels else None

    def rank(self, level: str | None) -> int | None:
        name = self.canonical(level) if level is not None else None
        return self.levels.index(name) if name is not None else None

    @property
    def top(self) -> str:
        return self.levels[0]

    def describe(self) -> str:
        return " > ".join(self.levels)


def chain_for(module: Module, config: Any) -> Chain:
    """The chain of command that governs ``module``'s clauses."""
    written = module.front_matter.get("levels")
    written = [written] if isinstance(written, str) else written
    if isinstance(written, list) and tuple(written) == module.levels:
        return Chain(tuple(module.levels), "front matter")  # valid (else P013 said so)
    configured = getattr(config, "levels", None)
    if configured:
        return Chain(tuple(configured), "charter.toml")
    return Chain(DEFAULT_LEVELS, "default")
