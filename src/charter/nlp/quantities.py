"""Numeric bounds in a statement: "under 100 words", "at least five sentences",
"five or more products", "no sooner than two days", "limit answers to three sentences".

Each bound is an interval on one unit (from :func:`charter.nlp.lexicon.unit`, else the
noun the number counts: "three exercises" -> ``exercise``), with open or closed ends.
Guarantees: a number that neither measures a known unit nor counts a noun yields no bound
(a bound is only ever compared with another on the same unit); a number with no
comparator is an exact amount (``low == high``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charter.nlp import lexicon
from charter.nlp.lexicon import split_words

if TYPE_CHECKING:
    from spacy.tokens import Token

NUMBERS = {
    w: n
    for n, w in enumerate(
        split_words(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "a": 1, "single": 1}
# Phrases before a number (joined lower-case words) that bound it from above or below.
UPPER = (
    "under", "below", "less than", "fewer than", "shorter than", "at most", "no more than",
    "not more than", "up to", "within", "maximum of", "max", "no longer than", "limit to",
    "limited to", "exceed", "not exceed", "no later than", "younger than",
)  # fmt: skip
LOWER = (
    "at least", "no fewer than", "no less than", "more than", "over", "above", "longer than",
    "minimum of", "no sooner than", "not before", "no earlier than", "older than",
)  # fmt: skip
STRICT = frozenset({"under", "below", "less than", "fewer than", "shorter than", "more than",
                    "over", "above", "longer than", "younger than", "older than"})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Bound:
    unit: str
    low: float | None
    high: float | None
    low_open: bool = False
    high_open: bool = False

    def disjoint(self, other: Bound) -> bool:
        """True when no amount satisfies both bounds (same unit only)."""
        if self.unit != other.unit:
            return False
        return _below(self, other) or _below(other, self)

    def complement(self) -> Bound | None:
        """The amounts a prohibition of this bound allows ("not more than two" is "at
        most two"); None for a range bounded on both sides (two ranges remain)."""
        if self.high is None and self.low is not None:
            return Bound(self.unit, None, self.low, False, not self.low_open)
        if self.low is None and self.high is not None:
            return Bound(self.unit, self.high, None, not self.high_open, False)
        return None


def _below(a: Bound, b: Bound) -> bool:
    """Every amount allowed by ``a`` is smaller than every amount allowed by ``b``."""
    if a.high is None or b.low is None:
        return False
    return a.high < b.low or (a.high == b.low and (a.high_open or b.low_open))


def value(token: Token) -> float | None:
    text = token.lower_.replace(",", "")
    if text in NUMBERS:
        return float(NUMBERS[text])
    try:
        return float(text)
    except ValueError:
        return None


def read_bounds(tokens: Sequence[Token]) -> list[Bound]:
    """Bounds of the numbers among ``tokens`` (a statement minus its conditions)."""
    found: list[Bound] = []
    words = [t.lower_ for t in tokens]
    for k, token in enumerate(tokens):
        if not (token.like_num or token.pos_ == "NUM") or token.lower_ == "a":
            continue
        amount = value(token)
        measured = _unit(token)
        if amount is None or measured is None:
            continue
        found.append(_bound(measured, amount, words[max(0, k - 4) : k], words[k + 1 : k + 4]))
    return found


def _unit(number: Token) -> str | None:
    head = number.head
    for candidate in (head, *[c for c in head.children if c.dep_ == "pobj"]):
        found = lexicon.unit(candidate.lemma_.lower())
        if found is not None:
            return found
    if number.dep_ == "nummod" and head.pos_ == "NOUN":
        return head.lemma_.lower()  # a count of things: "three exercises", "four options"
    return None


# Units of time, in seconds: bounds in minutes and in seconds compare.
_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86_400, "week": 604_800}


def _bound(measured: str, amount: float, before: list[str], after: list[str]) -> Bound:
    if measured in _SECONDS and measured != "day" and measured != "week":
        amount, measured = amount * _SECONDS[measured], "second"
    tails = (" ".join(after), " ".join(after[1:]))  # "five or more", "five words or more"
    if any(t.startswith(_OPEN_ABOVE) for t in tails):
        return Bound(measured, amount, None)
    if any(t.startswith(_OPEN_BELOW) for t in tails):
        return Bound(measured, None, amount)
    joined = " ".join(before)
    for phrase in sorted(UPPER + LOWER, key=len, reverse=True):
        if _ends_with(joined, phrase):
            if phrase in LOWER:
                return Bound(measured, amount, None, low_open=phrase in STRICT)
            return Bound(measured, None, amount, high_open=phrase in STRICT)
    if before[-1:] == ["to"] and {"limit", "limited", "keep"} & set(before):
        return Bound(measured, None, amount)
    return Bound(measured, amount, amount)


_OPEN_ABOVE = ("or more", "or longer", "plus", "or older", "or over", "or above", "and over",
               "and older", "and above")  # fmt: skip
_OPEN_BELOW = ("or fewer", "or less", "or shorter", "or younger", "or under", "or below",
               "and under", "and younger", "and below")  # fmt: skip
# Words that introduce a bare number said of someone ("is under 17", "aged over 65").
_COMPARING = frozenset({"under", "over", "below", "above", "than"})


def read_population(tokens: Sequence[Token]) -> list[Bound]:
    """Bounds on whom (or what) a statement is about: a bare number said of a noun, as in
    "if the learner is under 17", "learners who are 17 or older", "customers aged under
    18". The unit is ``of <noun lemma>``, so only bounds on the same noun compare; numbers
    that measure a unit or count a noun are amounts (:func:`read_bounds`), never these."""
    found: list[Bound] = []
    words = [t.lower_ for t in tokens]
    for k, token in enumerate(tokens):
        if not (token.like_num or token.pos_ == "NUM") or _unit(token) is not None:
            continue
        amount, noun = value(token), _described_noun(token)
        if amount is None or noun is None:
            continue
        unit = f"of {noun.lemma_.lower()}"
        found.append(_bound(unit, amount, words[max(0, k - 4) : k], words[k + 1 : k + 4]))
    return found


def _described_noun(number: Token) -> Token | None:
    """The noun a bare number is said of, through "be" or "aged"."""
    predicate = number.head
    if number.dep_ == "pobj" and predicate.lower_ in _COMPARING:
        predicate = predicate.head
    elif number.dep_ not in ("attr", "acomp", "npadvmod", "dobj"):
        return None
    if predicate.lower_ == "aged" and predicate.dep_ in ("acl", "amod"):
        noun: Token | None = predicate.head
    elif predicate.lemma_ == "be":
        subjects = [c for c in predicate.children if c.dep_ == "nsubj"]
        noun = subjects[0] if subjects else None
        if noun is not None and noun.lower_ in ("who", "that", "which"):
            noun = predicate.head if predicate.dep_ == "relcl" else None
    else:
        return None
    return noun if noun is not None and noun.pos_ in ("NOUN", "PROPN") else None


def _ends_with(joined: str, phrase: str) -> bool:
    return joined == phrase or joined.endswith(" " + phrase)
