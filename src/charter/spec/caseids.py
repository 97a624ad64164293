"""The spelling of test case ids, shared by the runner and the diff engine.

A case id is ``<module id>/<clause id>/<kind>-<n>`` (see :mod:`charter.diff.cases` for
what each kind means). It lives in the spec layer, below both ``run`` and ``diff``, so
that planning a run does not import the diff engine. Guarantee: one function spells
every case id; :func:`charter.diff.cases.case_id` is this function.
"""

from __future__ import annotations


def case_id(module_id: str, clause_id: str, kind: str, n: int | str, tag: str | None = None) -> str:
    """``<module id>/<clause id>/<kind>-<n>``; ``tag`` is required for ``kind="prompt"``.

    >>> case_id("model_spec", "assume_best_intentions", "prompt", 1, tag="a93s")
    'model_spec/assume_best_intentions/prompt-a93s-1'
    """
    if kind not in ("example", "prompt", "test"):
        raise ValueError(f"unknown case kind {kind!r}")
    if (kind == "prompt") != (tag is not None):
        raise ValueError("a tag goes with kind='prompt' and only with it")
    middle = f"{kind}-{tag}" if tag is not None else kind
    return f"{module_id}/{clause_id}/{middle}-{n}"
