"""``charter lint``: find ambiguous, weak and untestable language in a spec.

Most rules are data — YAML rule packs shipped in :mod:`charter.lint.packs` with rule
types in the spirit of Vale (existence, substitution, occurrence, consistency,
conditional); rules that need the spec's structure are Python functions, declared in the
same packs (``type: python``). Every rule has a stable ``L…`` code registered with
:func:`charter.diagnostics.register`, and every finding carries the exact span of the
words, a clarifying question and, where one exists, a fix.

Public API (imported lazily, so ``import charter.lint`` stays cheap):

- :func:`lint_project` — ``(Project) -> list[Diagnostic]``; what ``charter check`` runs;
- :func:`load_settings` — the ``[lint]`` table of a project, validated;
- :func:`all_rules` — every rule, in code order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from charter.lint.engine import lint_project
    from charter.lint.packs import all_rules
    from charter.lint.settings import load_settings

__all__ = ["all_rules", "lint_project", "load_settings"]

_LAZY = {
    "lint_project": "charter.lint.engine",
    "all_rules": "charter.lint.packs",
    "load_settings": "charter.lint.settings",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'charter.lint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
