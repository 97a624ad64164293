"""What a statement's output is about, for the checks that compare manner and amounts
("keep error messages short" is about errors; "be brief" about replies in general), and
the memoised lexicon classes of word sets that the decision step shares.

Guarantees: pure functions of two readings; symmetric; an output named by nothing but
manner is about replies in general and meets every topic.
"""

from __future__ import annotations

from functools import lru_cache

from charter.nlp import lexicon, senses, wordnet
from charter.nlp.norm import Reading


@lru_cache(maxsize=262_144)
def classes(words: frozenset[str]) -> frozenset[str]:
    """The lexicon classes of ``words`` (memoised: readings repeat the same sets)."""
    return frozenset(c for w in words for c in lexicon.noun_classes(w))


@lru_cache(maxsize=262_144)
def curated(words: frozenset[str]) -> frozenset[str]:
    """The curated classes of ``words`` only: for overlap ratios and narrowing words,
    where WordNet's several senses per word would count one word several times."""
    return frozenset(c for w in words for c in lexicon.curated_noun_classes(w))


@lru_cache(maxsize=262_144)
def narrowing_classes(words: frozenset[str]) -> frozenset[str]:
    """One class per word that narrows an object (see :func:`lexicon.narrowing_classes`)."""
    return frozenset(c for w in words for c in lexicon.narrowing_classes(w))


def _topic(r: Reading) -> frozenset[str]:
    """Classes of what a statement's output is about: its object heads that are not
    output in general ("replies"), or the nouns that narrow such output ("error
    messages" are about errors); empty for replies in general."""
    general = classes(lexicon.OUTPUT_NOUNS)
    measured = {b.unit for b in r.bounds}  # "questions" name a topic unless counted
    audience = _audience(r)
    heads = _plain_words(r.heads) | {h for h in r.heads if lexicon.unit(h) in _OBJECT_UNITS}
    heads -= audience
    heads -= {h for h in heads if lexicon.unit(h) in measured}
    if heads and not classes(heads) <= general:
        return classes(heads) - general
    narrowed = _plain_words(r.modifiers - lexicon.GENERIC_NOUNS)
    if narrowed:  # "error messages" are about errors
        return classes(narrowed) - general
    # "answers about billing should be brief", "give engineers technical replies"
    rest = r.words - lexicon.GENERIC_NOUNS - set(r.verbs) - audience
    return classes(_plain_words(rest)) - general


_AUDIENCE_SLOTS = frozenset({"to", "with", "for"})


def _audience(r: Reading) -> frozenset[str]:
    """Whom the output is for, not what it is about: the words of a "to" / "with" /
    "for" phrase that names people ("speak to campers", "a formal tone with members",
    "with customers who want to leave")."""
    found: set[str] = set()
    for slot, words in r.slots:
        if slot in _AUDIENCE_SLOTS and any(_people(w) for w in words):
            found |= words
    if r.object_slot in _AUDIENCE_SLOTS and r.heads and all(_people(h) for h in r.heads):
        found |= r.heads | r.modifiers
    return frozenset(found)


def _people(word: str) -> bool:
    return word in lexicon.GENERIC_NOUNS or senses.person(word)


def _apart_audiences(ra: Reading, rb: Reading) -> bool:
    """Both name whom the output is for, and no one is in both ("children" / "adults")."""
    pa = frozenset(w for w in _audience(ra) if _people(w) and w not in lexicon.GENERIC_NOUNS)
    pb = frozenset(w for w in _audience(rb) if _people(w) and w not in lexicon.GENERIC_NOUNS)
    return bool(pa and pb) and not (classes(pa) & classes(pb) or senses.kind_of(pa, pb))


_OBJECT_UNITS = frozenset({"question", "product"})


def _plain_words(words: frozenset[str]) -> frozenset[str]:
    """Words that name a subject: not manner, units, numbers or adverbs ("strictly")."""
    return frozenset(
        w
        for w in words
        if not lexicon.manner_poles(w)
        and lexicon.unit(w) is None
        and not _number(w)
        and not _adverb(w)
    )


@lru_cache(maxsize=65_536)
def _adverb(word: str) -> bool:
    """A word WordNet knows only as an adverb."""
    return bool(wordnet.offsets(word, "r")) and not any(
        wordnet.offsets(word, pos) for pos in ("n", "v", "a")
    )


def _number(word: str) -> bool:
    return word.replace(".", "").replace(",", "").isdigit()


def same_topic(ra: Reading, rb: Reading) -> bool:
    """Manner and amounts apply to the same output: the same object, or either side
    speaks of replies in general (or names nothing but manner) — unless one kind of
    output is narrowed two ways ("legal summaries" / "travel summaries")."""
    if _narrowed_apart(ra, rb) or _apart_audiences(ra, rb):
        return False
    ha, hb = _topic(ra), _topic(rb)
    if not ha or not hb:
        return True
    if not (ha & classes(rb.words) or hb & classes(ra.words)):
        return False
    sa, sb = _subject(ra), _subject(rb)  # "feedback on essays" / "on security flaws"
    return not (sa and sb) or bool(classes(sa) & classes(sb))


def _narrowed_apart(ra: Reading, rb: Reading) -> bool:
    """One kind of output narrowed two ways ("legal questions" / "trivia questions"): each
    side has a narrowing word the other lacks, as for the objects of opposite stances."""
    if not (ra.heads and rb.heads and classes(ra.heads) & classes(rb.heads)):
        return False
    na, nb = _subject_narrowing(ra), _subject_narrowing(rb)
    return bool(na - classes(rb.words) and nb - classes(ra.words))


def _subject_narrowing(r: Reading) -> frozenset[str]:
    """Classes of the words that narrow what the output is about, the curated words of
    manner left out (they are what the two statements are compared on; "legal", which
    WordNet opposes to "illegal", still says what the output is about)."""
    return narrowing_classes(frozenset(w for w in r.modifiers if not lexicon.poles(w)))


_SUBJECT_SLOTS = frozenset({"on", "about", "regarding", "concerning"})


def _subject(r: Reading) -> frozenset[str]:
    """What the output is about, named in an "on" / "about" phrase of the action."""
    found = {w for slot, words in r.slots if slot in _SUBJECT_SLOTS for w in words}
    return _plain_words(frozenset(found) - lexicon.GENERIC_NOUNS)
