"""Words of manner in a normative statement ("brief", "formal", "curt"), read from its
spaCy parse for :mod:`charter.nlp.norm`.

Guarantees: only words the lexicon places on a dimension of manner are returned (an
adverb is read as its adjective: "casually" -> "casual"); words inside a situation (the
``removed`` token indices) are never read; adverbs of frequency ("generally") are not
manner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter.nlp import lexicon
from charter.nlp.situations import lemma

if TYPE_CHECKING:
    from spacy.tokens import Token


def read_manner(verb: Token, root: Token, removed: set[int]) -> frozenset[str]:
    """Words of manner that describe the output: a complement ("be brief", "keep it
    short"), an adverb of the action ("write casually"), a word of manner heading the
    object ("use jargon") or an adjective on an output noun ("a formal tone")."""
    found: set[str] = set()
    for token in {verb, root}:
        for child in token.children:
            if child.i in removed:
                continue
            if child.dep_ in ("acomp", "oprd", "advmod", "xcomp") or (
                child.dep_ in ("dobj", "pobj", "attr") and child.pos_ in ("NOUN", "PROPN", "ADJ")
            ):
                made = child.dep_ == "dobj" and lemma(token) in _PRODUCING
                found.update(_manner_words(child, made))
            if child.dep_ == "prep" or (child.dep_ == "dobj" and lemma(token) in _PRODUCING):
                found.update(_prep_manner(child))
    found.update(_before_manner_nouns(root, removed))
    found.update(_passive_description(root))
    found.update(_trailing_complement(verb, removed))
    for obj in (c for c in verb.children if c.dep_ == "dobj" and c.i not in removed):
        found.update(_with_manner([c for c in obj.children if c.dep_ == "prep"]))
    return frozenset(found)


def _passive_description(root: Token) -> list[str]:
    """A participle of manner read as a passive verb ("summaries should be detailed"):
    with no agent ("detailed by the team") it describes, like an adjective."""
    passive = any(c.dep_ == "auxpass" for c in root.children)
    if root.tag_ != "VBN" or not passive or any(c.dep_ == "agent" for c in root.children):
        return []
    word = root.lower_
    return [word] if lexicon.manner_poles(word) else []


def _trailing_complement(verb: Token, removed: set[int]) -> list[str]:
    """The complement of "keep" / "make" that the parser hung on a noun before it ("keep
    explanations of the tax code short", "keep feedback on a volunteer's work short"): an
    adjective that ends the action's phrase, after its object."""
    if lemma(verb) not in ("keep", "make", "leave"):
        return []
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i not in removed]
    kept = [t for t in verb.subtree if t.i not in removed and t.pos_ not in ("PUNCT", "SPACE")]
    if not objects or not kept:
        return []
    last = kept[-1]
    if last.i > objects[0].i and last.pos_ == "ADJ" and _is_manner(last, word := _plain(last)):
        return [word]
    return []


# Nouns that name the manner of a reply ("in a curt tone", "with a formal style").
_TONE_NOUNS = frozenset(lexicon.split_words("tone style manner register voice way fashion"))


def _before_manner_nouns(root: Token, removed: set[int]) -> list[str]:
    """Words of manner in the phrase that ends on a manner noun, read by position: the
    parser may split "in a kind, encouraging tone" into a noun "kind" and a clause."""
    sentence = root.sent
    found: list[str] = []
    for token in sentence:
        if token.i in removed or lemma(token) not in _TONE_NOUNS:
            continue
        for before in reversed(
            sentence[max(sentence.start, token.i - 6) - sentence.start : token.i - sentence.start]
        ):
            if before.pos_ not in _IN_PHRASE or before.i in removed:
                break
            word = _plain(before)
            if lexicon.manner_poles(word):
                found.append(word)
    return found


# Parts of speech inside a phrase before its noun ("a kind, encouraging tone").
_IN_PHRASE = frozenset({"DET", "ADJ", "ADV", "PUNCT", "CCONJ", "NOUN", "VERB"})


def _prep_manner(token: Token) -> list[str]:
    """Manner in a phrase on the verb or on the written object ("write emails in a curt
    tone"): the parser may attach "in a ... tone" to either."""
    preps = [token] if token.dep_ == "prep" else [c for c in token.children if c.dep_ == "prep"]
    pobjs = [g for p in preps for g in p.children if g.dep_ == "pobj"]
    idioms = [_IDIOMS[(p.lower_, g.lower_)] for p in preps for g in p.children
              if (p.lower_, g.lower_) in _IDIOMS and _bare(g)]  # fmt: skip
    return [w for pobj in pobjs for w in _manner_words(pobj)] + _with_manner(preps) + idioms


def _bare(noun: Token) -> bool:
    """A noun with no determiner or modifier: "at length", not "at the length of a film"."""
    return not any(c.dep_ in ("det", "amod", "compound", "poss", "nummod") for c in noun.children)


# Set phrases of manner, each read as the adjective it means ("describe it at length").
_IDIOMS = {
    ("at", "length"): "lengthy",
    ("in", "detail"): "detailed",
    ("in", "depth"): "thorough",
    ("in", "full"): "complete",
    ("in", "brief"): "brief",
    ("in", "short"): "brief",
}


def _with_manner(preps: list[Token]) -> list[str]:
    """Manner named by a noun after "with" ("with confidence and certainty")."""
    found: list[str] = []
    for p in (p for p in preps if p.lower_ == "with"):
        for pobj in (g for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"):
            for noun in (pobj, *pobj.conjuncts):
                found += lexicon.manner_adjectives(lemma(noun))
    return found


# Verbs whose object is output the assistant makes: its adjectives describe that output
# ("write long itineraries"). Nouns that only carry a manner ("in a playful way").
_PRODUCING = frozenset(
    lexicon.split_words("write draft compose produce create give provide prepare")
)
_MANNER_NOUNS = frozenset({"way", "manner", "fashion"})


def _manner_words(token: Token, made: bool = False) -> list[str]:
    group = [token, *token.conjuncts]
    tokens: list[Token] = []
    for t in group:
        tokens.append(t)
        if t.pos_ in ("NOUN", "PROPN") and (
            made
            or lemma(t) in lexicon.OUTPUT_NOUNS
            or lemma(t) in _MANNER_NOUNS
            or lexicon.poles(lemma(t))
        ):
            tokens += [c for c in t.children if c.dep_ in ("amod", "compound")]
            tokens += [c for a in t.children if a.dep_ == "amod" for c in a.conjuncts]
            tokens += _full_of(t)
    return [w for t in tokens if _is_manner(t, w := _plain(t))]


def _full_of(noun: Token) -> list[Token]:
    """Words of manner after "full of" / "free of" on an output noun ("notes full of
    technical jargon")."""
    found: list[Token] = []
    for adjective in (c for c in noun.children if c.dep_ == "amod"):
        for prep in (g for g in adjective.children if g.dep_ == "prep" and g.lower_ == "of"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                found += [pobj, *[c for c in pobj.children if c.dep_ in ("amod", "compound")]]
    return found


def _is_manner(token: Token, word: str) -> bool:
    """A word of manner: on a curated dimension, or an adjective (or adverb) that WordNet
    places on one side of an antonym pair ("giving" in "avoid giving" is not one)."""
    if lexicon.poles(word):
        return True
    describing = token.pos_ in ("ADJ", "ADV") and not token.is_stop  # not "only"
    return describing and bool(lexicon.manner_poles(word))


def _after_non(token: Token) -> bool:
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "non":
        return True
    return token.i >= 1 and doc[token.i - 1].lower_ in ("non", "non-")


# Adverbs of frequency, not of manner: "generally comply" says how often, not "vaguely".
_HEDGES = frozenset({"generally", "usually", "typically", "normally", "mostly", "largely"})


def _plain(token: Token) -> str:
    """The word, an adverb read as its adjective ("casually" -> "casual")."""
    word = lemma(token)
    if token.lower_ in _HEDGES:
        return token.lower_
    if _after_non(token) and lexicon.manner_poles("non" + word):
        return "non" + word  # "non-technical": WordNet's "nontechnical"
    verbal = token.pos_ != "ADV" and not lexicon.manner_poles(word)
    if verbal and lexicon.manner_poles(token.lower_):
        return token.lower_  # "encouraging", read by the tagger as the verb "encourage"
    if token.pos_ != "ADV" or len(word) < 6:  # "only" is not "on" + "ly"
        return word
    if word.endswith("ly") and lexicon.manner_poles(word[:-2]):
        return word[:-2]
    if word.endswith("ily") and lexicon.manner_poles(word[:-3] + "y"):
        return word[:-3] + "y"
    return word
