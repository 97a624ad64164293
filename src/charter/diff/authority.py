"""Compare a clause's authority across versions: raised, lowered, or a renamed level.

A level's rank is its position in its module's chain of command (highest first). The
two versions are compared by rank, so renaming a level keeps every rank:
``platform`` (the Model Spec's name for the top level until 2025-09-12) holds the rank
of ``root`` when the module's chain does not name it, and a level whose name is gone
from the new chain but whose rank is unchanged is reported as a *level rename*, not as a
move up or down.
"""

from __future__ import annotations

from charter.diff.model import Bump
from charter.spec.model import LEVEL_ALIASES, Clause, Module

# Old names of levels that a module's chain may no longer list, with their current name.
LEGACY_LEVELS: dict[str, str] = LEVEL_ALIASES

_BUMPS = {
    "lowered": Bump.MAJOR,
    "became_informative": Bump.MAJOR,
    "changed": Bump.MAJOR,
    "raised": Bump.MINOR,
    "became_normative": Bump.MINOR,
    "level_renamed": Bump.MINOR,
}


def levels_of(module: Module, fallback: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """The module's chain: its front matter's, else the project's, else the default."""
    if "levels" in module.front_matter or not fallback:
        return module.levels
    return fallback


def rank(level: str, chain: tuple[str, ...]) -> int | None:
    """0 for the top of ``chain``; a legacy name takes its successor's rank."""
    if level in chain:
        return chain.index(level)
    successor = LEGACY_LEVELS.get(level)
    return chain.index(successor) if successor in chain else None


def direction(
    old: str | None, new: str | None, old_chain: tuple[str, ...], new_chain: tuple[str, ...]
) -> str | None:
    """How the authority moved, or None when it did not.

    Ranks are compared even when the name is unchanged: a chain of command reordered in
    the front matter moves the clauses of the levels it moved.
    """
    if old == new:
        if old is None:
            return None
        before, after = rank(old, old_chain), rank(old, new_chain)
        if before is None or after is None or before == after:
            return None
        return "raised" if after < before else "lowered"
    if old is None:
        return "became_normative"
    if new is None:
        return "became_informative"
    old_rank, new_rank = rank(old, old_chain), rank(new, new_chain)
    if old_rank is None or new_rank is None:
        return "changed"
    if old_rank == new_rank:
        return "level_renamed"
    return "raised" if new_rank < old_rank else "lowered"


def describe(old: str | None, new: str | None, how: str) -> str:
    """One line for a reviewer, e.g. ``platform → root (level renamed: ...)``."""
    arrow = f"{old or 'informative'} → {new or 'informative'}"
    if old == new:
        arrow = f"{old} (its place in the chain of command changed)"
    if how == "level_renamed":
        return f"{arrow} (level renamed: '{old}' is the old name of '{new}'; same rank)"
    if how == "raised":
        return f"{arrow} (raised: fewer levels may override it)"
    if how == "lowered":
        return f"{arrow} (lowered: more levels may override it)"
    if how == "became_normative":
        return f"{arrow} (now normative: it will be tested)"
    if how == "became_informative":
        return f"{arrow} (now informative: no longer tested)"
    return f"{arrow} (a level unknown to the chain of command)"


def compare(
    old: Clause, new: Clause, old_chain: tuple[str, ...], new_chain: tuple[str, ...]
) -> tuple[str, Bump, str, bool] | None:
    """(direction, bump, description, inherited) when the effective authority changed."""
    how = direction(old.authority, new.authority, old_chain, new_chain)
    if how is None:
        return None
    inherited = old.own_authority == new.own_authority
    return how, _BUMPS[how], describe(old.authority, new.authority, how), inherited
