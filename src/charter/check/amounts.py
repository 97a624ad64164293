"""Amounts and means that tell two statements about one behaviour apart, for the
decision step (:mod:`charter.check.decide`).

- A prohibition of an amount of its own object ("do not send more than two reminders")
  bounds the amount rather than banning the action: :func:`allowed` gives the amounts it
  leaves ("at most two").
- Two statements about populations no one belongs to on both sides ("if the learner is
  under 17" / "learners who are 17 or older") never meet: :func:`populations_apart`.
- Two statements whose amounts no thing meets on both sides ("orders over 50 euros" /
  "orders under 50 euros"), or that name one different means each ("by email" / "by
  post"), speak of different behaviours: :func:`told_apart`.

Guarantees: pure functions of two readings; a means of several words ("by text
message") never tells statements apart, since it may be another's one word ("by SMS").
"""

from __future__ import annotations

from charter.check.topics import classes
from charter.nlp.norm import Reading
from charter.nlp.quantities import Bound

MEANS = frozenset({"by", "through", "via", "over"})


def allowed(reading: Reading) -> list[Bound] | None:
    """What a prohibition of ``reading`` allows when each of its bounds counts its own
    object and is open on one side; None otherwise (it bans the action)."""
    if not reading.bounds or any(b.unit not in reading.heads for b in reading.bounds):
        return None
    left = [c for b in reading.bounds if (c := b.complement()) is not None]
    return left if len(left) == len(reading.bounds) else None


def populations_apart(ra: Reading, rb: Reading) -> bool:
    """The two statements are about people (or things) no one is on both sides: "if the
    learner is under 17" / "learners who are 17 or older"."""
    return any(x.disjoint(y) for x in ra.population for y in rb.population)


def told_apart(ra: Reading, rb: Reading) -> bool:
    """Amounts no thing meets on both sides, or one different means on each side."""
    if any(x.disjoint(y) for x in ra.bounds for y in rb.bounds):
        return True
    means_a = {w for slot, words in ra.slots if slot in MEANS for w in words}
    means_b = {w for slot, words in rb.slots if slot in MEANS for w in words}
    if len(means_a) != 1 or len(means_b) != 1:
        return False
    return not classes(frozenset(means_a)) & classes(frozenset(means_b))
