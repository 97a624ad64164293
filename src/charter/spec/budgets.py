"""Analysis budgets: how much text one statement or heading may hold before the
heuristic analyses (lint rules, term and pronoun detection) skip it.

The parser itself is linear in its input; some rules compare every word of a statement
with every earlier one. A budget bounds their cost per statement to a constant, and the
parser reports every statement or heading over it (``P025``) so nothing is skipped
silently. A module longer than ``FILE_LINES`` is parsed and checked, but lint's text rules
skip it as a whole (``P008``): their time grows with the file, and the budget is four times
the longest version of the OpenAI Model Spec (4,691 lines).
The statement budget is about nine times the longest statement of the OpenAI Model Spec
(457 characters), so no real sentence meets it.
"""

from __future__ import annotations

STATEMENT_CHARS = 4_000  # one statement or heading title
FILE_LINES = 20_000  # one module, read by lint
LINE_CHARS = 20_000  # one line of an example conversation or commentary, read by lint


def over_budget(text: str, limit: int = STATEMENT_CHARS) -> bool:
    """True when ``text`` is too long for the heuristic analyses."""
    return len(text) > limit
