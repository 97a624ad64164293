"""Split body text into statements and read each one's modality and polarity.

A statement is a sentence (or a list item's sentence). Modality comes from the first
modal phrase in the sentence — ``must``, ``shall``, ``should``, ``may``, ``never``,
``avoid``, ``always``, "is to be" before a participle ("invoices are to be sent by
post"; not after an aim: "the goal is to be helpful"), RFC 2119 capitals — and is negated
when a negation follows the modal closely ("should not", "must never", "should generally
avoid").
"""

from __future__ import annotations

import re
from typing import Any

from charter.spec.model import Modality, Polarity
from charter.spec.sentences import split_sentences as split_sentences  # moved there

# Modal phrases, longest first; each maps to (modality, already_negated).
_MODALS: list[tuple[str, Modality]] = [
    ("must not", Modality.MUST_NOT),
    ("must never", Modality.MUST_NOT),
    ("mustn't", Modality.MUST_NOT),
    ("shall not", Modality.MUST_NOT),
    ("shan't", Modality.MUST_NOT),
    ("may not", Modality.MUST_NOT),
    ("cannot", Modality.MUST_NOT),
    ("can't", Modality.MUST_NOT),
    ("can not", Modality.MUST_NOT),
    ("is not allowed to", Modality.MUST_NOT),
    ("is not permitted to", Modality.MUST_NOT),
    ("is prohibited from", Modality.MUST_NOT),
    ("is forbidden to", Modality.MUST_NOT),
    ("should not", Modality.SHOULD_NOT),
    ("shouldn't", Modality.SHOULD_NOT),
    ("should never", Modality.SHOULD_NOT),
    ("ought not", Modality.SHOULD_NOT),
    ("is not to be", Modality.MUST_NOT),
    ("are not to be", Modality.MUST_NOT),
    ("is never to be", Modality.MUST_NOT),
    ("are never to be", Modality.MUST_NOT),
    ("is to be", Modality.MUST),
    ("are to be", Modality.MUST),
    ("is required to", Modality.MUST),
    ("are required to", Modality.MUST),
    ("must", Modality.MUST),
    ("shall", Modality.MUST),
    ("required", Modality.MUST),
    ("ought to", Modality.SHOULD),
    ("should", Modality.SHOULD),
    ("recommended", Modality.SHOULD),
    ("is allowed to", Modality.MAY),
    ("is permitted to", Modality.MAY),
    ("is free to", Modality.MAY),
    ("may", Modality.MAY),
    ("optional", Modality.MAY),
    ("can", Modality.MAY),
    ("never", Modality.MUST_NOT),
    ("do not", Modality.MUST_NOT),
    ("don't", Modality.MUST_NOT),
    ("does not", Modality.NONE),
    ("avoid", Modality.SHOULD_NOT),
    ("refrain from", Modality.SHOULD_NOT),
    ("always", Modality.MUST),
]


def _atoms(phrase: str) -> list[str]:
    """Regex atoms of a phrase: a space matches any run of whitespace (line breaks
    included), an apostrophe matches both the straight and the curly one."""
    return [r"\s+" if ch == " " else "['’]" if ch == "'" else re.escape(ch) for ch in phrase]


def _trie_pattern(phrases: list[str]) -> str:
    """One alternation shaped as a trie: the regex engine rejects a position after one
    character instead of trying every phrase (read_modality runs on every statement)."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for atom in _atoms(phrase):
            node = node.setdefault(atom, {})
        node[""] = {}
    return _emit(trie)


def _emit(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [atom + _emit(child) for atom, child in node.items() if atom]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a shorter phrase ends here; prefer the longer one (greedy '?')
        return f"(?:{body})?"
    return body


_MODAL_RE = re.compile(
    r"\b(" + _trie_pattern([p for p, _ in _MODALS]) + r")(?![\w'’])", re.IGNORECASE
)
_LOOKUP = {p: m for p, m in _MODALS}
_NEGATORS = re.compile(
    r"(?:\W+\w+){0,3}?\W+(not(?!\s+only\b)|never|avoid|refrain)\b", re.IGNORECASE
)
_NEGATION_WORD = re.compile(r"(?<!\w)(?:not|never|no|nothing|none|n['’]t)(?!\w)", re.IGNORECASE)
_RFC_CAPITALS_ONLY = frozenset({"required", "recommended", "optional"})
_NOT_ONLY = re.compile(r"\s+only\b", re.IGNORECASE)
_UNFLIP = {Modality.MUST_NOT: Modality.MUST, Modality.SHOULD_NOT: Modality.SHOULD}
_FLIP = {
    Modality.MUST: Modality.MUST_NOT,
    Modality.SHOULD: Modality.SHOULD_NOT,
    Modality.MAY: Modality.MAY,
}


def read_modality(text: str) -> tuple[Modality, Polarity, tuple[int, int] | None]:
    """Modality, polarity and the (start, end) of the modal phrase in ``text``."""
    for m in _MODAL_RE.finditer(text):
        phrase = m.group(1).lower().replace("’", "'")
        modality = _LOOKUP.get(" ".join(phrase.split()), Modality.NONE)
        if phrase == "does not":
            continue  # a description ("it does not X"), not an instruction
        if phrase == "can" and _is_capability(text, m.end()):
            continue
        if phrase.split()[-2:] == ["to", "be"] and not _is_duty(text, m.start(), m.end()):
            continue  # "the goal is to be helpful": an aim, not a duty
        if phrase in _RFC_CAPITALS_ONLY and not m.group(1).isupper():
            continue  # "(required)", "optional features": descriptions, not RFC 2119 keywords
        if modality in _UNFLIP and _NOT_ONLY.match(text, m.end()):
            modality = _UNFLIP[modality]  # "should not only X but also Y" asks for more
        if modality in _FLIP and _NEGATORS.match(text, m.end()):
            modality = _FLIP[modality]
        polarity = Polarity.NEGATIVE if modality.negative else Polarity.POSITIVE
        return modality, polarity, (m.start(), m.end())
    negative = _NEGATION_WORD.search(text) is not None
    return Modality.NONE, Polarity.NEGATIVE if negative else Polarity.POSITIVE, None


def _is_duty(text: str, start: int, end: int) -> bool:
    """ "Invoices are to be sent by post": a duty when a participle follows and the
    subject is not an aim ("the goal is to be helpful", "our aim is to be trusted")."""
    before = re.findall(r"[a-z]+", text[:start].lower())
    after = re.match(r"\s+(?:\w+ly\s+)?([a-z]+)", text[end:].lower())
    if (before and before[-1] in _PURPOSES) or after is None:
        return False
    word = after.group(1)
    return word.endswith(("ed", "en", "wn")) or word in _IRREGULAR_PARTICIPLES


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_PURPOSES = _words("aim goal purpose objective mission task job role intention plan idea point")
_IRREGULAR_PARTICIPLES = _words(
    "sent kept told made paid held sold done put set read left brought bought shut cut let "
    "met said heard found built spent lent dealt meant struck taught caught sought led fed "
    "run won hung stuck"
)


def _is_capability(text: str, end: int) -> bool:
    """'can be', 'can sometimes' describe what is possible, not what is permitted."""
    following = text[end : end + 12].lower()
    return following.startswith((" be ", " sometimes", " often", " also be", " help"))
