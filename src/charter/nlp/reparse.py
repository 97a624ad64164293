"""Guards against misparses of the small English pipeline around the action verb, each
fixed by a rewording the parser reads right — "the" after the verb, which changes
nothing a reading keeps:

- a modal verb's own verb read as a modifier ("The assistant must delete players' chat
  logs": "logs" taken for the main verb, "delete" for an adjective on "players");
- the verb after a modal read as a noun, the object as the root ("must ship orders");
- an "-ing" action read as an adjective on its object ("must avoid naming suspects");
- a rule followed by a remark about someone else, which the parser made the main clause
  ("Do not plan routes; the floor staff do that"), read without the remark;
- an instruction's opening verb read as something else ("Quote the rate": an
  interjection; "Book bulky waste collections": a noun), fixed by "Always" before it
  (and "the" after it before a bare noun phrase), which the reading of an instruction drops.

:func:`reworded` spots them and proposes the rewording; :mod:`charter.nlp.norm_cache`
parses it and keeps it only if that parse is sound. Guarantees: None for a parse where
the modal's verb heads its own clause and no "-ing" word is hung on an object; never
raises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter.nlp import wordnet
from charter.nlp.lexicon import ASSISTANT, NEGATING_VERBS, split_words
from charter.nlp.norm import main_sentence
from charter.nlp.situations import lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Relations a verb with its own modal may hold to its head (anything else is a misparse:
# "must delete players' chat logs" read with "logs" as the verb and "delete" as an adjective).
_CLAUSAL = frozenset(split_words("ROOT conj xcomp ccomp advcl relcl acl csubj pcomp parataxis"))


def reworded(doc: Doc) -> str | None:
    """A rewording the parser reads better, or None when the parse looks sound."""
    sentence = main_sentence(doc)
    aside = _remark_after(sentence)
    if aside is not None:
        return doc.text[: aside.idx].rstrip() + "."
    opening = _misread_opening(sentence)
    if opening is not None:
        if opening.i != sentence.start:
            return doc.text  # already led by an adverb: parsing again changes nothing
        end = opening.idx + len(opening.text)
        after = opening.nbor(1) if opening.i + 1 < len(doc) else None
        the = " the" if after is not None and after.pos_ in ("NOUN", "ADJ", "PROPN") else ""
        return f"{doc.text[: opening.idx]}Always {opening.lower_}{the}{doc.text[end:]}"
    for token in sentence:
        verb = _misread_verb(token) if token.tag_ == "MD" and token.dep_ == "aux" else None
        if verb is not None:
            return _the_after(doc, verb)
        if token.tag_ == "VBG" and token.dep_ == "amod" and _after_negating(token):
            return _the_after(doc, token)
    return None


def _remark_after(sentence: Span) -> Token | None:
    """The semicolon before a main clause about someone else ("...; the floor staff do
    that") when the clause before it holds a verb of its own (the rule)."""
    root = sentence.root
    semicolons = [t for t in sentence if t.text == ";" and t.i < root.i]
    if not semicolons:
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects or any(lemma(c) in ASSISTANT for c in subjects):
        return None
    first = semicolons[0]
    verbs = [t for t in sentence if t.i < first.i and t.pos_ in ("VERB", "AUX")]
    return first if verbs else None


def _misread_opening(sentence: Span) -> Token | None:
    """The first word of an instruction when the parse did not make it the main verb: a
    verb's base form (in WordNet) that is not the root, in a sentence with no modal verb
    and no subject of its own ("Quote the per-word rate ...")."""
    words = [t for t in sentence if t.pos_ not in ("ADV", "PUNCT", "SPACE")]
    if not words:
        return None
    first, root = words[0], sentence.root
    if first.i == root.i and first.tag_ == "VB":
        return None
    if not wordnet.offsets(first.lower_, "v") or first.lower_ in _NOT_OPENING:
        return None
    if any(t.tag_ == "MD" for t in sentence):
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if any(first.i not in {t.i for t in s.subtree} or s.i != first.i for s in subjects):
        return None  # "Support tickets go to a person": a subject after all
    return first


# Verb forms that open sentences as other parts of speech.
_NOT_OPENING = frozenset(split_words("be do have will can may might shall should must"))


def _misread_verb(modal: Token) -> Token | None:
    """The word that should be the modal's verb, when the parse made it something else."""
    head = modal.head
    if head.dep_ not in _CLAUSAL:
        return head if head.i > modal.i else None
    if head.pos_ not in ("NOUN", "PROPN"):
        return None
    after = [t for t in modal.doc[modal.i + 1 : head.i] if t.pos_ not in ("ADV", "PART")]
    return after[0] if after else None  # "must ship orders": "orders" as the root


def _after_negating(word: Token) -> bool:
    """An "-ing" word on the object of "avoid" / "refuse": "avoid naming suspects"."""
    obj = word.head
    return obj.dep_ == "dobj" and word.i < obj.i and obj.head.lemma_.lower() in NEGATING_VERBS


def _the_after(doc: Doc, verb: Token) -> str | None:
    after = verb.nbor(1) if verb.i + 1 < len(doc) else None
    if after is None or after.pos_ in ("DET", "PRON", "PUNCT"):
        return None
    end = verb.idx + len(verb.text)
    return f"{doc.text[:end]} the{doc.text[end:]}"
