"""The decision step: do two normative statements conflict, and in which situation?

Input: two :class:`Norm` values (a statement, its stance and its structured reading).
Output: a :class:`Verdict` naming the kind of conflict, the situation in which both
statements apply, and the question an author must answer — or None.

Kinds: opposite stances on the same behaviour; opposite actions on the same object
("store" vs "erase"); exclusivity ("only in English" vs "in the user's language");
numeric bounds no amount satisfies; opposite descriptions ("brief" vs "detailed").

Situations: when both statements carry conditions or settings, they conflict only if the
conditions are the same situation (an exception otherwise: "before payment" vs "after
payment"); when one side is unconditional, they conflict on the overlap — the
conditional side's situation — unless both sit in one clause, where a conditional
sentence after a general one is that clause's own exception. Guarantees: symmetric in
its arguments up to which statement is named first; never raises.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from charter.check.amounts import MEANS, allowed, populations_apart, told_apart
from charter.check.topics import classes, curated, narrowing_classes, same_topic
from charter.nlp import lexicon
from charter.nlp.norm import Reading
from charter.nlp.objects import REACHING
from charter.nlp.quantities import Bound
from charter.nlp.situations import Situation
from charter.spec.model import Clause, Module, Statement


class Stance(Enum):
    OBLIGATION = "obligation"
    PERMISSION = "permission"
    PROHIBITION = "prohibition"


@dataclass(frozen=True, slots=True)
class Facts:
    """What the decision step asks of a reading, derived once per statement rather than
    once per candidate pair (lexicon classes of its action, object heads, words)."""

    actions: frozenset[str]
    heads: frozenset[str]
    words: frozenset[str]
    narrowing: frozenset[str]


@dataclass(frozen=True, slots=True)
class Norm:
    module: Module
    clause: Clause
    statement: Statement
    stance: Stance
    strong: bool
    reading: Reading
    facts: Facts = field(init=False, compare=False, repr=False)
    key: tuple[str, str] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        r = self.reading
        facts = Facts(_verb_classes(r.verbs), classes(r.heads), classes(r.words), narrowing(r))
        object.__setattr__(self, "facts", facts)
        object.__setattr__(self, "key", (self.module.path, self.clause.id))


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # "opposite stances", "opposite actions", "exclusivity", ...
    situation: str  # "" when both statements always apply
    question: str
    sure: bool = True


FAMILY = {
    "if": "when", "when": "when", "whenever": "when", "upon": "when", "provided": "when",
    "before": "before", "until": "before", "after": "after", "once": "after",
    "while": "while", "during": "while", "unless": "unless", "without": "unless",
    "setting": "setting",
}  # fmt: skip


def decide(a: Norm, b: Norm) -> Verdict | None:
    """The conflict between ``a`` and ``b``, if there is one."""
    ra, rb = a.reading, b.reading
    if ra.actor and rb.actor and ra.actor != rb.actor:
        return None
    if populations_apart(ra, rb):
        return None
    situation = _shared_situation(a, b)
    if situation is None:
        return None
    for forbidding, other in ((a, b), (b, a)):  # "never more than three": a bound, no ban
        if forbidding.stance is Stance.PROHIBITION and _positive(other):
            left = allowed(forbidding.reading)
            if left is not None:
                return _disjoint_amounts(left, forbidding, other, situation)
    tests = _TWO_POSITIVE if _positive(a) and _positive(b) else (_stances,)
    for test in tests:
        verdict = test(a, b, situation)
        if verdict is not None:
            return verdict
    return None


def _shared_situation(a: Norm, b: Norm) -> str | None:
    """The situation in which both apply ("" for always), or None if they never meet."""
    sa, sb = a.reading.situations, b.reading.situations
    if not sa and not sb:
        return ""
    if sa and sb:
        if _same_situations(sa, sb):  # the narrower wording names the overlap
            return _describe(max((sa, sb), key=lambda s: sum(len(x.lemmas) for x in s)))
        return None
    if a.key == b.key:
        return None  # "Do not X. If asked, X.": one clause and its own exception
    return _describe(sa or sb)


def _same_situations(sa: tuple[Situation, ...], sb: tuple[Situation, ...]) -> bool:
    return len(sa) == len(sb) and all(any(_same(x, y) for y in sb) for x in sa)


def _same(x: Situation, y: Situation) -> bool:
    if FAMILY.get(x.marker, x.marker) != FAMILY.get(y.marker, y.marker):
        return False
    if ("not" in x.lemmas) != ("not" in y.lemmas):
        return False  # "if the customer is on the register" / "... is not on the register"
    cx, cy = curated(x.lemmas), curated(y.lemmas)
    if (cx < cy or cy < cx) and (cx ^ cy) <= _ORDINALS and x.marker != "unless":
        return True  # "after a refusal" holds "after the first refusal": they overlap
    return cx == cy or len(cx & cy) / max(1, len(cx | cy)) >= 0.75


# Words that pick one occurrence of an event without changing its kind: "after the second
# refusal" is one of the times "after a refusal" speaks of ("a failed payment" is not one
# of "payment"'s: an adjective may change the kind).
_ORDINALS = frozenset(
    lexicon.split_words("first second third fourth fifth sixth seventh eighth ninth tenth last")
)


def _describe(situations: tuple[Situation, ...]) -> str:
    return " and ".join(s.text[:1].lower() + s.text[1:] for s in situations)


@lru_cache(maxsize=65_536)
def _verb_classes(verbs: tuple[str, ...]) -> frozenset[str]:
    return frozenset(c for v in verbs for c in lexicon.action_classes(v))


def _where(situation: str) -> str:
    return f" {situation}" if situation else ""


def _stances(a: Norm, b: Norm, situation: str) -> Verdict | None:
    if not _opposite_stances(a, b):
        return None
    if not lexicon.same_action(a.facts.actions, b.facts.actions):
        return None
    if not _same_object(a, b) or told_apart(a.reading, b.reading):
        return None
    action = (a if a.stance is Stance.PROHIBITION else b).reading.action_text
    question = f"May the assistant {action}{_where(situation)}, or must it not?"
    return Verdict("opposite stances", situation, question)


def _opposite_stances(a: Norm, b: Norm) -> bool:
    if a.stance is Stance.PROHIBITION:
        forbidding, other = a, b.stance
    elif b.stance is Stance.PROHIBITION:
        forbidding, other = b, a.stance
    else:
        return False
    if other is Stance.OBLIGATION:
        return True
    return other is Stance.PERMISSION and forbidding.strong


def _positive(n: Norm) -> bool:
    return n.stance is not Stance.PROHIBITION


def _actions(a: Norm, b: Norm, situation: str) -> Verdict | None:
    if not (_positive(a) and _positive(b)) or Stance.OBLIGATION not in (a.stance, b.stance):
        return None
    if not lexicon.opposed(a.facts.actions, b.facts.actions) and not any(
        lexicon.undoes(x, y) for x in a.reading.verbs for y in b.reading.verbs
    ):
        return None
    if not _same_object(a, b, mirrored=True):
        return None
    verbs = f"'{a.reading.verbs[-1]}' or '{b.reading.verbs[-1]}'"
    return Verdict(
        "opposite actions", situation, f"Which should happen{_where(situation)}: {verbs}?"
    )


def narrowing(r: Reading) -> frozenset[str]:
    """Classes of the words that narrow the object; with no object head read, every
    content word but the action's (the parse gave nothing better)."""
    if r.heads:
        return narrowing_classes(r.modifiers)
    return _loose_narrowing(r.words, r.verbs)


@lru_cache(maxsize=262_144)
def _loose_narrowing(words: frozenset[str], verbs: tuple[str, ...]) -> frozenset[str]:
    return narrowing_classes(frozenset(w for w in words if w not in verbs and not lexicon.poles(w)))


def same_object(ra: Reading, rb: Reading) -> bool:
    """Both act on the same thing: a shared head (by class), a generic one ("data"),
    and no narrowing noun on each side that the other lacks ("tracking" vs "payment")."""
    fa = Facts(frozenset(), classes(ra.heads), classes(ra.words), narrowing(ra))
    fb = Facts(frozenset(), classes(rb.heads), classes(rb.words), narrowing(rb))
    return _same_thing(ra, rb, fa, fb)


def _same_object(a: Norm, b: Norm, mirrored: bool = False) -> bool:
    """``mirrored``: opposite actions name their object from opposite sides ("add to the
    list" / "remove from the list")."""
    return _same_thing(a.reading, b.reading, a.facts, b.facts, mirrored)


def _same_thing(ra: Reading, rb: Reading, fa: Facts, fb: Facts, mirrored: bool = False) -> bool:
    ha, hb, wa, wb = fa.heads, fb.heads, fa.words, fb.words
    if not ha and not hb:
        ca, cb = curated(ra.words), curated(rb.words)
        return len(ca & cb) / max(1, len(ca | cb)) >= 0.5
    generic = ("data" in ha and ra.universal) or ("data" in hb and rb.universal)
    if _slot(ra.object_slot, mirrored) != _slot(rb.object_slot, mirrored) and not generic:
        return False  # "respond with information" is not "respond to requests"
    # Two heads: the same thing by class ("receipt" / "invoice"); one side names no
    # object head: its words must hold the other's head.
    matched = bool(ha & hb) if ha and hb else bool(ha & wb or hb & wa)
    if not matched and ha and hb:  # "the loyalty points balance" / "how many points"
        matched = (ra.heads <= MEASURES and _each_head(rb.heads, fa.words)) or (
            rb.heads <= MEASURES and _each_head(ra.heads, fb.words)
        )
        matched = matched or lexicon.kind_of(ra.heads, rb.heads)
    if not (generic or matched):
        return False
    # A narrowing word is covered by the other's words, a recipient's aside ("share
    # the store's location with users" does not cover "the user's location").
    oa, ob = _without_recipients(ra, wa), _without_recipients(rb, wb)
    return not (fa.narrowing - ob and fb.narrowing - oa)


def _each_head(heads: frozenset[str], words: frozenset[str]) -> bool:
    """Every head has a class among ``words`` ("price" among "a cost estimate")."""
    return all(lexicon.noun_classes(h) & words for h in heads)


_RECIPIENT_SLOTS = frozenset({"to", "with", "for", "from"})
_SAME_SLOT = {"onto": "to", "into": "to"}  # "move them onto a plan" / "switch them to it"


def _slot(name: str, mirrored: bool = False) -> str:
    if mirrored and name in ("from", "off"):
        return "to"
    return _SAME_SLOT.get(name, name)


def _without_recipients(r: Reading, words: frozenset[str]) -> frozenset[str]:
    if r.object_slot in _RECIPIENT_SLOTS:
        return words
    aside = {w for slot, ws in r.slots if slot in _RECIPIENT_SLOTS for w in ws}
    aside -= {w for slot, ws in r.slots if slot not in _RECIPIENT_SLOTS for w in ws}
    return classes(r.words - aside - r.heads - r.modifiers) | classes(r.heads | r.modifiers)


# Nouns that measure or settle what narrows them: "the loyalty points balance" is how many
# points, "election outcomes" who wins, "the source's identity" who the source is ("the
# password hint" is not the password); an estimate, a quote or a forecast of a thing is a
# figure for that thing told in advance ("a cost estimate" is the price).
MEASURES = (
    frozenset(
        lexicon.split_words(
            "balance amount number total count level sum allowance quota assignment outcome result "
            "status identity name whereabouts estimate quote quotation forecast prediction "
            "projection"
        )
    )
    | REACHING
)  # "calls to premium-rate numbers" reach the numbers


def _exclusive(a: Norm, b: Norm, situation: str) -> Verdict | None:
    for narrow, wide in ((a, b), (b, a)):
        if not narrow.reading.exclusive or not (_positive(narrow) and _positive(wide)):
            continue
        if not lexicon.same_action(a.facts.actions, b.facts.actions) and not (
            narrow.reading.exclusive_slot in MEANS and _same_object(narrow, wide)
        ):  # "readings only through the form" / "take readings by phone": one channel
            continue
        if not _same_kind(narrow.reading, wide.reading):
            continue
        outside = _outside(narrow.reading, wide.reading)
        outside -= _refinements(outside, narrow.reading, wide.statement.text)
        if outside:
            allowed = ", ".join(sorted(narrow.reading.exclusive))
            question = (
                f"Is '{allowed}' the only choice{_where(situation)}, or may the assistant "
                f"also use '{', '.join(sorted(outside))}'?"
            )
            return Verdict("exclusivity", situation, question)
    return None


def _same_kind(narrow: Reading, wide: Reading) -> bool:
    """An "only" restricts a choice among things of one kind: "accept nothing but card
    payments" speaks of payments, so the other statement's object must name one too;
    "only in English" restricts how, so the two objects (if both name one) must match."""
    if narrow.exclusive_slot == "dobj":
        objects = frozenset(w for name, words in wide.slots if name == "dobj" for w in words)
        kinds = narrow.exclusive & _KIND_NOUNS  # "only topics related to cooking"
        return bool(kinds and objects) or bool(classes(narrow.exclusive) & classes(objects))
    both = narrow.object_slot == wide.object_slot == "dobj" and narrow.heads and wide.heads
    return not both or bool(classes(narrow.heads) & classes(wide.heads))


# Nouns that name no kind of their own: whatever is discussed is a topic.
_KIND_NOUNS = frozenset(lexicon.split_words("topic subject matter area field theme issue"))


def _outside(narrow: Reading, wide: Reading) -> frozenset[str]:
    """Words the wide statement puts in the restricted slot that the restriction excludes."""
    allowed = classes(narrow.exclusive)
    families = {f for w in narrow.exclusive if (f := lexicon.family(w)) or w in lexicon.FAMILIES}
    families |= {w for w in narrow.exclusive if w in lexicon.FAMILIES}
    slot = narrow.exclusive_slot
    out: set[str] = set()
    for name, words in wide.slots:
        if name != slot and not (name in MEANS and slot in MEANS):
            continue
        for word in words - lexicon.GENERIC_NOUNS:
            if lexicon.noun_classes(word) & allowed or lexicon.family(word) in families:
                continue
            if not lexicon.poles(word) and word not in narrow.words:
                out.add(word)
    return frozenset(out) if out and not (classes(wide.words) <= allowed) else frozenset()


def _refinements(outside: frozenset[str], narrow: Reading, text: str) -> frozenset[str]:
    """Outside words that, with their neighbour, still name the allowed thing: a kind of it
    ("only with DHL" / "with DHL Express") or a compound of its name ("only by SMS" / "by
    text message")."""
    if not outside:
        return frozenset()
    allowed = classes(narrow.exclusive)
    tokens = re.findall(r"[\w-]+|[^\w\s]", text.lower())  # a comma parts two names

    def covered(word: str) -> bool:
        return word in narrow.exclusive or bool(lexicon.noun_classes(word) & allowed)

    found: set[str] = set()
    for i, token in enumerate(tokens):
        word = next((w for w in outside if token.startswith(w)), None)
        if word is None:
            continue
        before, after = tokens[i - 1] if i else "", tokens[i + 1] if i + 1 < len(tokens) else ""
        if before and (covered(before) or covered(f"{before} {word}")):
            found.add(word)  # "DHL Express", "text message"
        elif after and covered(f"{word} {after.rstrip('s')}"):
            found.add(word)  # the "text" of "text message"
    return frozenset(found)


def _bounds(a: Norm, b: Norm, situation: str) -> Verdict | None:
    if not (_positive(a) and _positive(b)):
        return None
    return _disjoint_amounts(a.reading.bounds, a, b, situation)


def _disjoint_amounts(bounds: Sequence[Bound], a: Norm, b: Norm, situation: str) -> Verdict | None:
    """A conflict when no amount meets one of ``bounds`` (``a``'s) and one of ``b``'s."""
    for x in bounds:
        for y in b.reading.bounds:
            if x.disjoint(y) and same_topic(a.reading, b.reading):
                question = f"How many {x.unit}s are allowed{_where(situation)}?"
                return Verdict("numeric bounds", situation, question)
    return None


def _descriptions(a: Norm, b: Norm, situation: str) -> Verdict | None:
    if not (_positive(a) and _positive(b)):
        return None
    poles_a = {p for w in a.reading.manner for p in lexicon.manner_poles(w)}
    poles_b = {p for w in b.reading.manner for p in lexicon.manner_poles(w)}
    clashes = sorted(p[0] for p in poles_b if (p[0], -p[1]) in poles_a and p not in poles_a)
    if not clashes or not same_topic(a.reading, b.reading):
        return None
    if "|" in clashes[0]:  # a WordNet pair of antonyms
        one, other = clashes[0].split("|")
        question = f"Should the assistant's replies be {one} or {other}{_where(situation)}?"
    else:
        question = f"Which {clashes[0]} should the assistant's replies have{_where(situation)}?"
    return Verdict("opposite descriptions", situation, question)


_TWO_POSITIVE = (_actions, _exclusive, _bounds, _descriptions)
