"""Situations of a statement: the conditions and settings under which it applies.

"If a customer asks for a discount, ..." -> ``if``: "a customer asks for a discount";
"On the phone line, ..." -> a setting; "before payment" -> ``before``. A concession ("even
if the caller insists") is kept apart: it widens a statement, it never narrows it.
Guarantees: the token indices a situation or concession covers are returned, so the
caller never counts their words as action or object words; discourse phrases ("For
example", "On the other hand", "In all cases") are never settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charter.nlp import lexicon
from charter.nlp.lexicon import split_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

CONTENT = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "NUM", "ADV"})
SKIP_WORDS = frozenset({"always", "never", "not", "also", "just", "every", "each", "all"})
MARKERS = frozenset(
    split_words("if when whenever unless once until while before after provided during upon")
)
TIME_PREPOSITIONS = frozenset({"before", "after", "until", "during", "upon", "following"})
SETTING_PREPOSITIONS = frozenset(
    {"in", "on", "at", "for", "during", "within", "via", "over", "outside", "inside"}
)
SETTING_NOUNS = frozenset(
    split_words(
        "app application chat web website site page phone call line email forum channel mode "
        "section thread widget portal voice video sms store kiosk"
    )
)
DISCOURSE = frozenset(
    split_words(
        "example instance general particular addition case short practice hand word time way "
        "sum fact contrast turn end least most all default doubt summary principle"
    )
)


@dataclass(frozen=True, slots=True)
class Situation:
    """A condition or setting under which a statement applies."""

    marker: str  # "if", "when", "unless", "before", ..., or "setting" ("in the app")
    text: str  # as written, marker included
    lemmas: frozenset[str]  # content lemmas, marker excluded


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def lemmas(tokens: Iterable[Token]) -> list[str]:
    """Content lemmas (stop words and "always", "never", ... left out)."""
    return [
        lemma(t)
        for t in tokens
        if t.pos_ in CONTENT and not t.is_stop and lemma(t) not in SKIP_WORDS
    ]


def situations(
    sentence: Span, root: Token
) -> tuple[tuple[Situation, ...], tuple[str, ...], set[int]]:
    """Conditions and settings, concessions, and the token indices they cover."""
    found: list[Situation] = []
    concessions: list[str] = []
    removed: set[int] = set()
    for token in sentence:
        clause = _clause_of(token, root)
        if clause is None:
            continue
        marker, head = clause
        inside = set() if root.is_ancestor(head) else {t.i for t in root.subtree}
        span = sorted((t for t in head.subtree if t.i not in inside), key=lambda t: t.i)
        if not span:
            continue
        if any(t.i in removed for t in span):
            continue
        removed.update(t.i for t in span)
        text = sentence.doc[span[0].i : span[-1].i + 1].text
        if _concessive(token, head):
            concessions.append(text)
            continue
        words = frozenset(lemmas(t for t in span if t.i != token.i)) | _amounts(span)
        if any(t.dep_ == "neg" for t in span):  # "if the guest has not paid"
            words |= {"not"}
        found.append(Situation(marker, text, words))
    return tuple(found), tuple(concessions), removed


# Words that make a condition about an amount ("under one year old", "over 65"): they are
# stop words to spaCy, yet they tell two conditions apart.
COMPARISONS = frozenset({"under", "over", "above", "below", "more", "less", "fewer", "least"})


def _amounts(span: Iterable[Token]) -> frozenset[str]:
    """Numbers and comparison words of a condition, kept although spaCy calls them stop
    words: "if the pet is under one year old" is not "if the pet is over seven years"."""
    return frozenset(t.lower_ for t in span if t.like_num or t.lower_ in COMPARISONS)


def _clause_of(token: Token, root: Token) -> tuple[str, Token] | None:
    """(marker, head of the covered phrase) when ``token`` opens a situation."""
    word = token.lower_
    if _as_soon_as(token):  # "as soon as the payment clears": once it has cleared
        return "once", token.head
    opens = word in MARKERS and token.dep_ in ("mark", "advmod")
    opens = opens and token.head.dep_ not in ("pcomp", "pobj")  # "an estimate of when ..."
    if opens and token.head.pos_ in ("VERB", "AUX") and token.head.i != root.i:
        return word, token.head
    if _trailing_time(token):  # "give the answer key after each quiz"
        return word, token
    if _fronted_noun_phrase(token, root):  # "Outside office hours, ..."
        return "setting", token
    if word == "without" and token.dep_ == "prep":  # "to customers without an account"
        return "without", token  # a condition: it holds unless there is one
    if token.dep_ == "prep" and token.head.pos_ in ("VERB", "AUX"):
        if word in TIME_PREPOSITIONS and not _after_amount(token):
            return word, token
        if word == "on" and any(lemma(c) == "request" for c in token.children):
            return "when", token
        if word in SETTING_PREPOSITIONS and token.head.i == root.i and _is_setting(token, root):
            return "setting", token
    return None


def _as_soon_as(token: Token) -> bool:
    """The second "as" of "as soon as <clause>", marking the clause that opens a time."""
    if token.lower_ != "as" or token.dep_ != "mark" or token.i < 2:
        return False
    before = token.doc[token.i - 2 : token.i]
    return [t.lower_ for t in before] == ["as", "soon"] and token.head.pos_ in ("VERB", "AUX")


def _trailing_time(prep: Token) -> bool:
    """A time phrase the parser hung on the object ("share the key after the quiz"): it
    still says when the action happens, as it would on the verb."""
    if prep.dep_ != "prep" or prep.lower_ not in TIME_PREPOSITIONS or _after_amount(prep):
        return False
    head = prep.head
    return head.dep_ in ("dobj", "dative") and head.head.pos_ == "VERB"


def _after_amount(prep: Token) -> bool:
    """'two days after an order' is an amount of time, not a situation."""
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    return before is not None and lexicon.unit(lemma(before)) is not None


def _is_setting(prep: Token, root: Token) -> bool:
    """A fronted phrase ("On the phone line, ...") or "in/on <a channel>" after the verb;
    never a discourse phrase ("For example", "On the other hand", "In all cases")."""
    if any(lemma(c) in DISCOURSE for c in prep.children if c.dep_ == "pobj"):
        return False
    if any(_described_manner(c) for c in prep.children if c.dep_ == "pobj"):
        return False  # "in a confident voice" says how, not where
    if prep.i < root.i and not any(c.dep_ == "nsubj" and c.i < prep.i for c in root.children):
        return True
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.lower_ in ("in", "on", "over", "via") and any(
        lemma(o) in SETTING_NOUNS for o in objects
    )


def _fronted_noun_phrase(token: Token, root: Token) -> bool:
    """A noun phrase on the main verb before its subject ("Outside office hours, the
    assistant ..."; "Each weekend, ..."), which sets when or where the statement holds."""
    if token.dep_ != "npadvmod" or token.head.i != root.i or lemma(token) in DISCOURSE:
        return False
    subjects = [c.i for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and token.i < min(subjects)


def _described_manner(noun: Token) -> bool:
    """A noun of manner with a describing adjective ("a confident voice")."""
    manner = lemma(noun) in ("voice", "tone", "style", "manner", "register", "way")
    return manner and any(c.dep_ == "amod" for c in noun.children)


def _concessive(marker: Token, head: Token) -> bool:
    """'even if', 'even when', 'even though': the statement holds whatever happens."""
    before = marker.doc[marker.i - 1] if marker.i > 0 else None
    if before is not None and before.lower_ == "even":
        return True
    return any(c.lower_ == "even" for c in head.children) or marker.lower_ == "though"
