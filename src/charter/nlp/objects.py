"""The object of an action in a spaCy parse, for :mod:`charter.nlp.norm`: its head
nouns, the words that narrow them ("tracking" in "the tracking link") and the slot it
fills ("dobj", or the preposition of "respond with information").

Known misparses are read through: a plural noun tagged as a verb ("chat logs"), the noun
counted by "how many" / "how much (of the)", a container noun ("a copy of every invoice"
acts on invoices), and a pronoun object whose noun sits in the condition ("when a caller
asks for the room number, reveal it"). Guarantees: generic nouns ("customer", "thing")
and pronouns are never heads; words inside a situation (``removed``) are never read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter.nlp import lexicon, senses
from charter.nlp.lexicon import split_words
from charter.nlp.situations import lemma, lemmas

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Adjectives that do not narrow what a noun names ("the likely condition").
UNRESTRICTIVE = frozenset(
    split_words(
        "likely possible relevant appropriate such other certain given same full whole entire "
        "own any every new additional usual right correct proper necessary available "
        "much many specific particular exact precise actual"
    )
)
COPULAS = frozenset({"be", "sound", "seem", "remain", "stay", "become", "look", "feel", "keep"})


def read_object(verb: Token, removed: set[int]) -> tuple[frozenset[str], frozenset[str], str]:
    """Head lemmas of the action's object, the words that narrow them, and the slot
    they fill ("dobj", or the preposition of "respond with information")."""
    heads: list[Token] = []
    slot = "dobj"
    # The recipient ("give students the key") is the object only when nothing else is.
    has_object = any(c.dep_ == "dobj" and c.i not in removed for c in verb.children)
    for child in verb.children:
        if child.i in removed or (child.dep_ == "dative" and has_object):
            continue
        objects = child.dep_ in ("dobj", "attr", "oprd", "ccomp", "xcomp", "dative", "nsubjpass")
        if objects or (not has_object and _object_as_adverb(child, verb)):
            heads += _noun_heads(child)
        if child.dep_ in ("acomp", "attr") and lemma(verb) in COPULAS and child.pos_ == "ADJ":
            heads += [child, *child.conjuncts]
    heads = [_named(h) for h in heads]
    people = [h for h in heads if lemma(h) not in lexicon.GENERIC_NOUNS and _someone(h)]
    moved: list[Token] = []
    if all(lemma(h) in lexicon.GENERIC_NOUNS or h in people for h in heads):
        preps = [c for c in verb.children if c.dep_ == "prep" and c.i not in removed]
        preps = preps or _moved_along(people, verb, removed)
        found = [g for g in preps[0].children if g.dep_ == "pobj"] if preps else []
        if people and (not found or any(_recipient(g) for g in found)):
            preps = []  # the person is the object: "recommend a lawyer to users"
        if preps:
            moved = [h for h in heads if h in people]  # "inactive members": still narrows
            heads = [h for h in heads if h not in people] + found
            supplied = preps[0].lower_ == "with" and lemma(verb) in _SUPPLYING
            topical = preps[0].lower_ == "about"  # "talk about pay" = "discuss pay"
            slot = preps[0].lower_ if len(heads) and not (supplied or topical) else slot
    heads = [h for h in heads if lemma(h) not in lexicon.GENERIC_NOUNS and h.pos_ != "PRON"]
    modifiers: set[str] = {w for p in moved for w in (lemma(p), *_modifiers(p))}
    for head in heads:
        modifiers.update(_modifiers(head))
    if heads and all(lemma(h) in REACHING for h in heads):  # "allow access [to X]"
        for prep in (c for c in verb.children if c.lower_ == "to" and c.i not in removed):
            modifiers.update(_reached(prep))
    for child in verb.children:  # "share the payment w6151 w31972": a stray noun narrows too
        stray = child.dep_ in ("npadvmod", "dep") and child.pos_ in ("NOUN", "PROPN", "X")
        held = any(h.i == child.i or h.head.i == child.i for h in heads)
        if stray and heads and child.i not in removed and not held:
            modifiers.update([lemma(child), *_modifiers(child)])
    return frozenset(lemma(h) for h in heads), frozenset(modifiers), slot


def _someone(noun: Token) -> bool:
    """A person named as the direct object ("move tenants onto a plan"): like "customer",
    the one acted on, while the phrase after it names what is done."""
    return noun.dep_ == "dobj" and senses.person(lemma(noun))


def _moved_along(people: list[Token], verb: Token, removed: set[int]) -> list[Token]:
    """The destination or source the parser hung on a person moved by the action ("remove
    subscribers [from the list]"), for verbs that put people in or out of a thing."""
    if not people or not lexicon.action_classes(lemma(verb)) & _MOVING:
        return []
    return [
        c
        for p in people
        for c in p.children
        if c.dep_ == "prep" and c.lower_ in _DIRECTIONS and c.i not in removed
    ]


_MOVING = frozenset({"include", "erase", "omit", "move"})
_DIRECTIONS = frozenset({"to", "onto", "into", "from", "off"})


def _recipient(noun: Token) -> bool:
    return lemma(noun) in lexicon.GENERIC_NOUNS or senses.person(lemma(noun))


# Verbs whose "with" phrase is the object when the direct object is a person ("provide
# customers with the manager's address").
_SUPPLYING = frozenset(split_words("provide supply furnish present equip issue"))


def _object_as_adverb(child: Token, verb: Token) -> bool:
    """A noun phrase after the verb that the parser hung as an adverb ("disclose
    appointment times to patients"), not a count ("reply three times")."""
    if child.dep_ != "npadvmod" or child.pos_ != "NOUN" or child.i < verb.i:
        return False
    return any(c.dep_ == "compound" for c in child.children) and not any(
        c.dep_ == "nummod" for c in child.children
    )


def _named(head: Token) -> Token:
    """For a generic head that a noun names ("the appointment time"), that noun."""
    if lemma(head) not in lexicon.GENERIC_NOUNS:
        return head
    nouns = [c for c in head.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else head


_ANAPHORS = frozenset({"it", "them", "this", "that", "these", "those"})


def antecedent(
    sentence: Span, verb: Token, removed: set[int]
) -> tuple[frozenset[str], frozenset[str]]:
    """For a pronoun object, the object of the condition that names it (its last noun
    object), with the words that narrow it; nothing when there is no such pronoun."""
    pronoun = any(c.dep_ == "dobj" and c.lower_ in _ANAPHORS for c in verb.children)
    if not pronoun:
        return frozenset(), frozenset()
    nouns = [
        t
        for t in sentence
        if t.i in removed and t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("pobj", "dobj")
    ]
    if not nouns or lemma(nouns[-1]) in lexicon.GENERIC_NOUNS:
        return frozenset(), frozenset()
    return frozenset({lemma(nouns[-1])}), frozenset(_modifiers(nouns[-1]))


def _noun_heads(token: Token) -> list[Token]:
    """A noun and its conjuncts; for a clause, its subject and object nouns, or the noun
    it counts ("show how many points a customer holds": "points")."""
    if token.pos_ in ("NOUN", "PROPN"):
        nouns = [token, *[c for c in token.conjuncts if c.pos_ in ("NOUN", "PROPN")]]
        return [_contained(n) for n in nouns]
    if token.pos_ in ("VERB", "AUX"):
        if _noun_as_verb(token):
            return [token]  # "delete the players' chat logs": "logs" tagged as a verb
        counted = _how_many(token)
        if counted is not None:
            return [counted]
        inner = [c for c in token.children if c.dep_ in ("nsubj", "dobj")]
        return [c for c in inner if c.pos_ in ("NOUN", "PROPN")]
    return []


# Nouns that hold the thing acted on: "keep a copy of every invoice" acts on invoices.
CONTAINERS = frozenset(split_words("copy list set piece part version portion bit sort kind type"))


def _contained(noun: Token) -> Token:
    if lemma(noun) not in CONTAINERS:
        return noun
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (g for g in prep.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")):
            return _contained(pobj)
    return noun


def _how_many(clause: Token) -> Token | None:
    """The noun after "how many" / "how much (of the)" in a clause, read by position (the
    parser often takes a plural noun there for a verb); None without such a phrase."""
    doc = clause.doc
    for token in clause.subtree:
        if token.lower_ != "how" or token.i + 1 >= len(doc):
            continue
        if doc[token.i + 1].lower_ not in ("many", "much"):
            continue
        last: Token | None = None
        for word in doc[token.i + 2 : clause.right_edge.i + 1]:
            if word.lower_ == "of" or word.pos_ == "DET":
                if last is None:
                    continue
                break
            misread = word.pos_ == "VERB" and word.tag_ == "VBZ"  # "reward points"
            if word.pos_ not in ("NOUN", "PROPN", "ADJ") and not misread:
                break
            last = word
        return last
    return None


def _noun_as_verb(token: Token) -> bool:
    """An object read as a verb in the 3rd person ("store the chat logs": "chat" its
    subject, "logs" the verb) with no object of its own: a plural noun."""
    if token.dep_ != "dobj" or token.tag_ != "VBZ":
        return False
    return not any(c.dep_ in ("dobj", "aux", "neg") for c in token.children)


_NARROWING = frozenset({"compound", "poss", "nmod", "npadvmod", "appos", "dep"})
# Nouns of reaching a thing: "calls to premium-rate numbers" are about those numbers,
# "access to the archive" about the archive (the thing reached narrows them).
REACHING = frozenset(split_words("access call link connection"))


def _reached(prep: Token) -> list[str]:
    """The thing a "to" phrase reaches, with its narrowing words ("to betting websites",
    even when the tagger reads "betting" as a verb with its own object)."""
    nouns = [g for g in prep.children if g.dep_ == "pobj"]
    nouns += [o for g in prep.children if g.dep_ == "pcomp" for o in g.children if o.dep_ == "dobj"]
    found = [lemma(g) for g in prep.children if g.dep_ == "pcomp"]
    return found + [w for n in nouns for w in (lemma(n), *_modifiers(n))]


def _modifiers(head: Token) -> list[str]:
    found: list[str] = []
    misread = head.pos_ == "VERB"  # a noun the tagger took for a verb ("chat logs")
    for child in head.children:
        narrowing = child.dep_ in _NARROWING or (misread and child.dep_ == "nsubj")
        if narrowing and child.pos_ in ("NOUN", "PROPN", "X"):
            found += [lemma(child), *_modifiers(child)]
        elif child.dep_ == "amod" and child.pos_ == "VERB":
            found.append(lemma(child))  # "tracking", "saved"
        elif child.dep_ == "amod" and child.tag_ in ("JJR", "JJS", "RBR"):
            continue  # "a cheaper hotel": a description, not a different kind of hotel
        elif child.dep_ == "amod" and lemma(child) not in UNRESTRICTIVE:
            found.append(lemma(child))  # "inapplicable instructions", "medical conditions"
        elif child.dep_ in ("relcl", "acl", "appos", "dep"):  # "instructions that are meant"
            found += lemmas(t for t in child.subtree if t.dep_ not in ("nsubj", "nsubjpass"))
        elif child.dep_ == "prep" and child.lower_ in ("of", "about", "for", "on"):
            for pobj in (g for g in child.children if g.dep_ == "pobj"):
                found += [lemma(pobj), *_modifiers(pobj)]
        elif child.dep_ == "prep" and child.lower_ == "to" and lemma(head) in REACHING:
            found += _reached(child)
    # People nouns stay: "customer data" is narrower than "information" (when both sides
    # name the customer, the word is shared and tells nothing apart).
    return [w for w in found if lexicon.unit(w) in _OBJECT_UNITS and not w.isdigit()]


# Units that also name things acted on ("the product price"); others ("a 100-word
# summary") measure and never narrow.
_OBJECT_UNITS = frozenset({None, "product", "question"})
