"""Run every compiled regular expression of ``charter.*`` over adversarial strings and
time it (used by ``test_regex_audit.py`` in a subprocess, so a pattern that backtracks
without end is killed rather than hanging the suite).

Adversarial strings are built from each pattern's own literal characters: every
character repeated, every pair alternated, and each followed by a character that makes
the match fail at the end — the shapes that make nested or overlapping quantifiers
backtrack. Prints one JSON line per pattern: its module, name, and worst time.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import charter

LENGTH = 8_000  # characters of each adversarial string
PAIR_LENGTH = 3_000
_PREFIXES = ("", "<!--", "<user ", "[", "**", "`", "#")
# Patterns the code only ever applies at one position per call (``match``), on input whose
# size the caller bounds: audited with ``match`` at the start instead of ``finditer``.
ANCHORED = {
    "charter.spec.statements._NEGATORS": "matched once, after the modal phrase",
    "charter.spec.statements._NOT_ONLY": "matched once, after the modal phrase",
    "charter.spec.sentences._NEXT_VISIBLE": "matched once per sentence boundary",
    "charter.spec.conversation._VERDICT": "matched once at the start of a line",
}
_GENERIC = ("a", " ", "a ", "\n", "`", "<!--", "[", "](", "**Term**: ", "it ", "e.g. ", "*_", '"',
            ' a="x"', " a='x'", " a=x", "[a](", "[^a", "{#a ", "- ")  # fmt: skip


def patterns() -> Iterator[tuple[str, str, re.Pattern[str]]]:
    """(module, attribute, pattern) for every compiled str pattern found on a module or
    on a class defined in one."""
    seen: set[int] = set()
    for name in module_names():
        try:
            module = importlib.import_module(name)
        except Exception:  # an optional extra that is not installed
            continue
        for attr, value in _attributes(module):
            if not isinstance(value, re.Pattern) or not isinstance(value.pattern, str):
                continue
            if id(value) not in seen:
                seen.add(id(value))
                yield name, attr, value


def module_names() -> list[str]:
    """Every module under the charter package, namespace sub-packages included."""
    root = Path(charter.__file__).parent
    names = []
    for file in sorted(root.rglob("*.py")):
        parts = file.relative_to(root.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _attributes(module: object) -> Iterator[tuple[str, object]]:
    for name, value in vars(module).items():
        yield name, value
        if isinstance(value, type) and value.__module__ == getattr(module, "__name__", ""):
            for attr, inner in vars(value).items():
                yield f"{name}.{attr}", inner


def alphabet(pattern: str) -> list[str]:
    """The printable characters a pattern mentions (escapes read as their character)."""
    chars = {ch for ch in re.sub(r"\\[a-zA-Z]", "", pattern) if ch.isprintable()}
    chars |= {" ", "a", "A", "1", "\n"}
    return sorted(chars)


def strings(pattern: str) -> Iterator[str]:
    chars = alphabet(pattern)
    for prefix in _PREFIXES:
        for unit in (*chars, *_GENERIC):
            for tail in ("", "\x00"):
                yield prefix + unit * (LENGTH // len(unit)) + tail
    for a in chars:
        for b in chars:
            if a < b:
                yield (a + b) * (PAIR_LENGTH // 2) + "!"
                yield a * (PAIR_LENGTH // 2) + b * (PAIR_LENGTH // 2) + "\x00"


def worst_time(pattern: re.Pattern[str], anchored: bool = False) -> tuple[float, str]:
    worst, shape = 0.0, ""
    for text in strings(pattern.pattern):
        start = time.perf_counter()
        if anchored:
            pattern.match(text)
        else:
            for _ in pattern.finditer(text):
                pass
        spent = time.perf_counter() - start
        if spent > worst:
            worst, shape = spent, repr(text[:12]) + f"… ({len(text)} chars)"
    return worst, shape


def main(extra: list[str]) -> None:
    """Audit every pattern of charter, then each pattern given on the command line (a
    test plants a known-bad one to prove the audit catches it)."""
    planted = [("planted", str(k), re.compile(p)) for k, p in enumerate(extra)]
    for module, name, pattern in [*patterns(), *planted]:
        print(json.dumps({"start": f"{module}.{name}"}), flush=True)
        seconds, shape = worst_time(pattern, f"{module}.{name}" in ANCHORED)
        row = {"pattern": f"{module}.{name}", "seconds": round(seconds, 4), "shape": shape}
        print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
