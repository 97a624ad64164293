"""Ids that look alike but are not: homoglyphs, mixed scripts, invisible characters.

``#admin`` and ``#аdmin`` (its first letter Cyrillic) print the same, yet a reference to
one never reaches the other, and a reviewer cannot tell which a test names. Each id of
the project (clause ids and module ids) is reduced to a *skeleton* — every character
that Unicode lists as confusable with a Latin letter or digit replaced by it, case folded
— and ids sharing a skeleton are reported (``C070``). An id that mixes scripts, or
holds an invisible or direction-changing character, is reported on its own (``C071``).
Messages spell the odd characters as ``U+0430 CYRILLIC SMALL LETTER A`` so the finding
is readable in any terminal. Linear in the total length of the ids.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from charter.check.diag import make, related
from charter.diagnostics import Diagnostic, Severity, register
from charter.spec.model import Project, Span

C070 = register(
    "C070",
    "ids that look alike",
    Severity.ERROR,
    "Two ids differ only in characters that look the same (a Cyrillic 'а' for a Latin "
    "'a'): references and case ids that name one are easily mistaken for the other.",
)
C071 = register(
    "C071",
    "suspicious characters in an id",
    Severity.WARNING,
    "An id mixes scripts (Latin with Cyrillic or Greek) or holds an invisible or "
    "direction-changing character; write it in one script, in visible characters.",
)


@lru_cache(maxsize=4096)
def _latin(char: str) -> str:
    """The ASCII character ``char`` is confusable with, or ``char`` itself."""
    if char.isascii():
        return char
    from confusable_homoglyphs import confusables  # type: ignore[import-untyped]

    found = confusables.is_confusable(char, preferred_aliases=["latin", "common"])
    for entry in found or ():
        for glyph in entry["homoglyphs"]:
            if glyph["c"].isascii() and len(glyph["c"]) == 1:
                return str(glyph["c"])
    return char


def skeleton(ident: str) -> str:
    """What ``ident`` looks like: confusables mapped to ASCII, case folded."""
    folded = unicodedata.normalize("NFKC", ident)
    return "".join(_latin(ch) for ch in folded).casefold()


def describe(ident: str) -> str:
    """The non-ASCII characters of ``ident``, named."""
    odd = dict.fromkeys(ch for ch in ident if not ch.isascii())
    return ", ".join(f"U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed')}" for ch in odd)


def _scripts(ident: str) -> set[str]:
    names = (unicodedata.name(ch, "") for ch in ident if ch.isalpha())
    return {name.split(" ")[0] for name in names if name}


def _suspicious(ident: str) -> str | None:
    if any(unicodedata.category(ch) in ("Cf", "Cc", "Zs") for ch in ident):
        return "holds an invisible or direction-changing character"
    scripts = _scripts(ident) & _LOOKALIKE_SCRIPTS
    if len(scripts) > 1:
        return f"mixes scripts ({', '.join(sorted(scripts))})"
    return None


# scripts whose letters pass for each other; Kana beside Kanji is ordinary Japanese
_LOOKALIKE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE"})


def check_homoglyphs(project: Project) -> list[Diagnostic]:
    """C070 for each id that looks like an earlier, different one; C071 for odd ids."""
    found: list[Diagnostic] = []
    first: dict[str, tuple[str, Span]] = {}
    for ident, span, what in _ids(project):
        reason = _suspicious(ident)
        if reason is not None:
            message = f"{what} '{ident}' {reason}: {describe(ident)}"
            found.append(make(C071, message, span))
        shape = skeleton(ident)
        earlier = first.setdefault(shape, (ident, span))
        if earlier[0] != ident:
            message = (
                f"{what} '{ident}' looks like '{earlier[0]}' but is a different id "
                f"({describe(ident + earlier[0]) or 'case differs'})"
            )
            found.append(make(C070, message, span, others=[related("the look-alike", earlier[1])]))
    return found


def _ids(project: Project) -> list[tuple[str, Span, str]]:
    out: list[tuple[str, Span, str]] = []
    for module in project.modules:
        out.append((module.id, Span(module.path, 1, 1, 1, 1), "module id"))
        out.extend((c.id, c.span, "clause id") for c in module.clauses)
    return out
