"""Analysis budgets: how much text one statement or heading may hold before the
heuristic analyses (lint rules, term and pronoun detection) skip it.

The parser itself is linear in its input; some rules compare every word of a statement
with every earlier one. A budget bounds their cost per statement to a constant, and the
parser reports every statement or heading over it (``P025``) so nothing is skipped
silently. The budget is about nine times the longest statement of the OpenAI Model Spec
(457 characters), so no real sentence meets it.
"""

from __future__ import annotations

STATEMENT_CHARS = 4_000  # one statement or heading title
LINE_CHARS = 20_000  # one line of an example conversation or commentary, read by lint


def over_budget(text: str, limit: int = STATEMENT_CHARS) -> bool:
    """True when ``text`` is too long for the heuristic analyses."""
    return len(text) > limit
