"""What a normative statement asks for, reduced to sets of content words.

A statement such as "If the user asks, the assistant must not share the refund amount"
becomes a :class:`Behaviour`: a *stance* (obligation, permission or prohibition, and
how strong), the *subject* words before the modal phrase ("assistant"), the *action*
words after it ("share refund amount") and the *condition* words ("user ask").

The reduction is deliberately crude and symmetric — lower case, stop words dropped,
suffixes stripped — because it only feeds a comparison of two statements; it never
claims to understand one. "must refuse to X" and "should decline to X" are read as
prohibitions of X, since that is what they say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from charter.spec.inline import plain_text
from charter.spec.model import Modality
from charter.spec.statements import read_modality

# Phrases that open a condition: the words up to the next comma, colon or semicolon.
# Matched on lower-cased text; MARKERS is a cheap pre-test before the expression runs.
MARKERS = (
    "if", "unless", "when", "except", "until", "provided", "as long as", "in case",
    "where", "once", "while", "even though",
)  # fmt: skip
_CONDITION = re.compile(r"\b(?:" + "|".join(MARKERS) + r")\b[^,;:()]*")
_WORD = re.compile(r"[a-z][a-z0-9]*(?:['’-][a-z0-9]+)*")
_REFUSE = re.compile(r"^\s*(?:refuse|decline)\s+to\b", re.IGNORECASE)
STOP_WORDS = frozenset(
    """
    a about above after again against all already also always am an and any are as at be
    because been before being below between both but by clearly could did do does doing
    down during e each eg either etc even few for from further g generally had has have
    having he her here hers herself him himself his how i ie in instead into is it its
    itself just let me more most my myself neither never no nor not now of off often on
    only or other otherwise our ours ourselves out over own rather really same she
    simply so some sometimes still such than that the their theirs them themselves then
    there these they this those through to too typically under up usually very was we
    well were what which who whom why will with would you your yours yourself yourselves
    """.split()  # noqa: SIM905
)


class Stance(Enum):
    """The direction of a statement, with its strength."""

    OBLIGATION = "obligation"  # must, should
    PERMISSION = "permission"  # may
    PROHIBITION = "prohibition"  # must not, should not, refuse to


@dataclass(frozen=True, slots=True)
class Behaviour:
    stance: Stance
    strong: bool  # must / must not, as opposed to should / may
    subject: frozenset[str]
    action: frozenset[str]
    condition: frozenset[str]


def read_behaviour(text: str, modality: Modality) -> Behaviour | None:
    """The behaviour a normative statement asks for, or None when it is too unclear to
    compare (no normative modality, or its modal phrase sits inside a condition). A text
    with no modal phrase of its own — a list item under "The assistant should not:" —
    takes ``modality`` as given and is all action."""
    if not modality.normative:
        return None
    plain = plain_text(text) if any(c in text for c in "[*`") else text
    bare, condition = _split_conditions(plain.lower())
    found, _polarity, where = read_modality(bare)
    if where is None and found is Modality.NONE:
        where = (0, 0)  # a list item that inherits its lead-in's modality: all is action
    elif where is None or found is not modality:
        return None  # the modal phrase sat inside a condition: too unclear to compare
    stance, strong = _stance(modality)
    rest = bare[where[1] :]
    refusal = _REFUSE.match(rest)
    if refusal is not None:
        if stance is not Stance.OBLIGATION:
            return None  # "may refuse to": permission not to act, no firm stance
        stance, rest = Stance.PROHIBITION, rest[refusal.end() :]
    subject = frozenset(words(bare[: where[0]]))
    return Behaviour(stance, strong, subject, frozenset(words(rest)), condition)


def _split_conditions(lower: str) -> tuple[str, frozenset[str]]:
    """The text with its conditions blanked out, and the conditions' words."""
    if not any(marker in lower for marker in MARKERS):
        return lower, frozenset()
    pieces: list[str] = []
    kept: list[str] = []
    last = 0
    for m in _CONDITION.finditer(lower):
        kept.append(lower[last : m.start()])
        pieces.append(m.group(0))
        last = m.end()
    kept.append(lower[last:])
    return " ".join(kept), frozenset(w for piece in pieces for w in words(piece))


def _stance(modality: Modality) -> tuple[Stance, bool]:
    if modality.negative:
        return Stance.PROHIBITION, modality is Modality.MUST_NOT
    if modality is Modality.MAY:
        return Stance.PERMISSION, False
    return Stance.OBLIGATION, modality is Modality.MUST


def words(text: str) -> list[str]:
    """Content words of ``text``: lower case, stop words dropped, suffixes stripped."""
    return [stem(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A tiny suffix stripper: enough to match 'shares'/'sharing'/'shared' with 'share'."""
    word = word.replace("’", "'").removesuffix("'s")
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + keep
            break
    return word.removesuffix("e") if len(word) > 4 else word


def conflicting(a: Behaviour, b: Behaviour) -> bool:
    """Opposite stances that cannot both hold: obligation vs prohibition, or a permission
    against a firm (``must not``) prohibition. A permission against a mere ``should not``
    is advice, not a contradiction."""
    stances = {a.stance, b.stance}
    if stances == {Stance.OBLIGATION, Stance.PROHIBITION}:
        return True
    if stances == {Stance.PERMISSION, Stance.PROHIBITION}:
        prohibition = a if a.stance is Stance.PROHIBITION else b
        return prohibition.strong
    return False


def same_behaviour(a: Behaviour, b: Behaviour, threshold: float = 0.6) -> bool:
    """Same subject (or an unnamed one), same conditions, nearly the same action."""
    if a.condition != b.condition:
        return False  # different situations: an exception, not a contradiction
    if a.subject and b.subject and not a.subject & b.subject:
        return False  # different actors
    if not a.action or not b.action:
        return False
    if a.action == b.action:
        return True
    shared = len(a.action & b.action)
    return shared >= 2 and shared / len(a.action | b.action) >= threshold
