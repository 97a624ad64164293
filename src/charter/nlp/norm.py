"""A structured reading of one normative statement, from its spaCy parse.

"Unless the user is verified, the assistant must not change the delivery address" reads
as: actor ``assistant``; action ``change``; object head ``address`` with modifier
``delivery``; one situation (``unless``: "the user is verified"). The reading also
records whether it is an instruction without a modal verb ("If asked, state the time") or
a norm told in the present tense ("The assistant offers ..."), a verb that carries the
negation ("decline to X"), words of manner ("brief", "formal"), what an "only" restricts
the behaviour to, and numeric bounds with their unit ("under 100 words" -> word ≤ 100).

It never decides anything: it is the shared knowledge the contradiction checker (and
lint rules, later) compare. Guarantees: lemmas are lower case; words inside a situation
or a concession ("even if ...") never count as action or object words; a statement the
parser cannot make sense of still gets a reading (with empty parts), never an error.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from charter.nlp import lexicon
from charter.nlp.manner import read_manner
from charter.nlp.objects import antecedent, read_object
from charter.nlp.quantities import Bound, read_bounds, read_population
from charter.nlp.situations import MARKERS, Situation, lemma, lemmas, situations

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

EXCLUSIVE = frozenset({"only", "exclusively", "solely"})


@dataclass(frozen=True, slots=True)
class Reading:
    actor: str | None  # "assistant", another actor's lemmas, or None (passive: unknown)
    imperative: bool  # "Keep replies short.": an instruction without a modal verb
    habitual: bool  # "The assistant offers a discount ...": a norm told as what it does
    governed: bool  # the main verb carries the modal ("must", "never", "is allowed to")
    verbs: tuple[str, ...]  # the action, phrasal verbs as "give out"
    action_text: str  # the action as written, conditions left out ("read out the details")
    negating: str | None  # a verb that negates the action it governs ("decline"), or "not"
    # for a habitual norm denied with "does not"
    heads: frozenset[str]  # head lemmas of the action's object
    universal: bool  # the object is quantified over everything ("all customer data")
    modifiers: frozenset[str]  # nouns that narrow the object ("tracking" in tracking link)
    object_slot: str  # "dobj", or the preposition that introduces the object
    words: frozenset[str]  # every content lemma of the action part
    manner: frozenset[str]  # lemmas of manner ("brief", "formal", "jargon")
    situations: tuple[Situation, ...]
    concessions: tuple[str, ...]  # "even if the caller insists": widens, never narrows
    exclusive: frozenset[str]  # what an "only" restricts to (lemmas), empty if none
    exclusive_slot: str  # "dobj" or the preposition of the restricted phrase
    slots: tuple[tuple[str, frozenset[str]], ...]  # (slot, lemmas) of each complement
    bounds: tuple[Bound, ...]
    population: tuple[Bound, ...]  # whom it is about: "learners who are 17 or older"


def read(doc: Doc) -> Reading:
    """The reading of a parsed statement (its first sentence with a verb)."""
    sentence = main_sentence(doc)
    root = _main_clause(sentence.root)
    found, concessions, removed = situations(sentence, root)
    verb, negating = _action_verb(root)
    part = [t for t in verb.subtree if t.i not in removed and not _is_frame(t, verb)]
    if verb is not root:
        part += [t for t in root.children if t.dep_ in ("acomp", "oprd") and t.i not in removed]
    actor, described = _actor(root, verb)
    restricted, slot = _exclusive(sentence, removed)
    heads, modifiers, object_slot = read_object(verb, removed)
    if not heads:  # "When a caller asks for the room number, reveal it": "it" is that
        heads, modifiers = antecedent(sentence, verb, removed)
    words = frozenset(lemmas(part)) | described | heads | modifiers
    return Reading(
        actor=actor,
        imperative=_imperative(sentence, root, removed),
        habitual=_habitual(root),
        governed=_governed(root),
        verbs=_verbs(verb),
        action_text=_action_text(verb, removed),
        negating=_denial(root, negating),
        heads=heads | (described & lexicon.OUTPUT_NOUNS if not heads else frozenset()),
        modifiers=modifiers,
        object_slot=object_slot,
        universal=any(
            t.lower_ in ("all", "everything", "anything") and t.i not in removed
            for t in verb.subtree
        ),
        words=words,
        manner=read_manner(verb, root, removed),
        situations=found,
        concessions=concessions,
        exclusive=restricted,
        exclusive_slot=slot,
        slots=_slots(verb, removed),
        bounds=tuple(read_bounds([t for t in sentence if t.i not in removed])),
        population=tuple(read_population(list(sentence))),
    )


MODAL_VERBS = frozenset(
    {"allow", "permit", "require", "forbid", "prohibit", "expect", "encourage", "free"}
    | {"agree", "try", "attempt", "bother"}  # "never agree to waive fees": the act is waiving
)


def _governed(root: Token) -> bool:
    """The main verb carries the statement's modality (not a verb inside a condition)."""
    if lemma(root) in lexicon.NEGATING_VERBS or lemma(root) in MODAL_VERBS:
        return True
    return any(
        c.tag_ == "MD" or c.lower_ in ("never", "always", "not", "n't", "do")
        for c in root.children
        if c.dep_ in ("aux", "neg", "advmod", "auxpass")
    )


def _imperative(sentence: Span, root: Token, removed: set[int]) -> bool:
    """The sentence opens with its main verb in the base form (adverbs aside), or with a
    condition or setting and then that verb ("If a caller asks, state the time"; after a
    condition the parser may tag the bare verb as present or past tense)."""
    if any(c.dep_ in ("nsubj", "aux", "nsubjpass") for c in root.children):
        return False
    words = [t for t in sentence if t.pos_ not in ("ADV", "PUNCT", "SPACE")]
    first = next((t for t in words if t.i not in removed), None)
    if first is None or first.i != root.i:
        return False
    after_condition = words[0].i != root.i
    return root.tag_ == "VB" or (after_condition and root.tag_ in ("VBP", "VBD"))


def _habitual(root: Token) -> bool:
    """A norm told as what the assistant does: "The assistant offers a discount when ...",
    "The assistant declines to book ...", "The assistant does not quote prices" (present
    tense, the assistant as subject, no auxiliary but a negated "do"; "is" and "has"
    describe rather than act)."""
    if root.tag_ not in ("VBZ", "VBP", "VB") or lemma(root) in _STATIVE:
        return False
    helpers = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if helpers and not _denied(root):
        return False
    if root.tag_ == "VB" and not helpers:
        return False  # a bare verb with a subject of its own is not present tense
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    return len(subjects) == 1 and lemma(subjects[0]) in _HABITUAL_SUBJECTS


def _denied(root: Token) -> bool:
    """ "does not quote": a present-tense "do" and a negation on the verb."""
    helpers = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    plain = all(c.lower_ in ("does", "do") for c in helpers) and bool(helpers)
    return plain and any(c.dep_ == "neg" for c in root.children)


def _denial(root: Token, negating: str | None) -> str | None:
    """The negating verb, with "not" before it when a habitual norm denies it ("does not
    refuse to X" negates nothing), or "not" alone ("does not quote prices")."""
    if not (_denied(root) and _habitual(root)):
        return negating
    return f"not {negating}" if negating else "not"


_STATIVE = frozenset({"be", "have", "seem", "appear", "know", "need", "want", "mean"})
_HABITUAL_SUBJECTS = lexicon.ASSISTANT - {"it", "system"}  # "it" may be anything


def _main_clause(root: Token) -> Token:
    """The verb of the main clause when the parser made a subordinate clause the root
    ("X should refuse to help (even if it would have provided ...)": "provided" as root):
    the clause under it that carries a modal verb."""
    if not any(c.dep_ == "mark" and c.lower_ in MARKERS for c in root.children):
        return root
    for child in root.children:
        modal = any(a.tag_ == "MD" for a in child.children if a.dep_ == "aux")
        if child.dep_ in ("ccomp", "advcl", "conj") and child.i < root.i and modal:
            return child
    return root


def main_sentence(doc: Doc) -> Span:
    """The first sentence whose root is a verb (else the first sentence)."""
    sentences = list(doc.sents)
    for sentence in sentences:
        if sentence.root.pos_ in ("VERB", "AUX"):
            return sentence
    return sentences[0] if sentences else doc[:]


def _is_frame(token: Token, verb: Token) -> bool:
    """Subject, auxiliaries and negation of the action: not part of what is done. The
    subject of a clause inside the object stays ("homework that students paste")."""
    if token.dep_ in ("aux", "auxpass", "neg", "punct", "mark", "cc"):
        return True
    subject = ("nsubj", "nsubjpass")
    if token.dep_ in subject:
        return token.head == verb or token.head.dep_ not in ("relcl", "acl", "ccomp")
    return token.head.dep_ in subject and token.head.head == verb


def _action_verb(root: Token) -> tuple[Token, str | None]:
    """The verb that names the action, and a negation-carrying verb above it."""
    word = lemma(root)
    if word in MODAL_VERBS:  # "is allowed to share", "is prohibited from sharing"
        verbs = [c for c in root.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
        verbs += [
            g
            for c in root.children
            if c.dep_ == "prep" and c.lower_ == "from"
            for g in c.children
            if g.dep_ == "pcomp" and g.pos_ == "VERB"
        ]
        return (verbs[0], None) if verbs else (root, None)
    if word in _ASPECT:  # "stop suggesting add-ons", "keep playing music"
        going = [c for c in root.children if c.dep_ == "xcomp" and c.tag_ == "VBG"]
        if going:
            return going[0], _ASPECT[word]
    if word not in lexicon.NEGATING_VERBS:
        return root, None
    for child in root.children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ == "VERB":
            return child, word
        if child.dep_ == "advcl" and child.pos_ == "VERB" and _infinitive(child):
            return child, word  # "decline to diagnose ...", parsed as a purpose clause
        if child.dep_ == "prep":  # "refrain from diagnosing", "abstain from giving"
            verbs = [g for g in child.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
            if verbs:
                return verbs[0], word
        if child.dep_ == "dobj":  # "decline requests to write reviews"
            verbs = [g for g in child.children if g.dep_ in ("acl", "relcl") and g.pos_ == "VERB"]
            if verbs:
                return verbs[0], word
    return root, None  # "reject" sense: "decline the return" is an action of its own


# Verbs of aspect before an "-ing" action: ending it negates it ("stop suggesting X" is
# "do not suggest X"); going on with it is doing it ("keep suggesting X").
_ASPECT: dict[str, str | None] = {"stop": "stop", "quit": "stop", "keep": None, "continue": None}


def _infinitive(verb: Token) -> bool:
    """A "to"-infinitive with no subject of its own ("to diagnose pets")."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return to and not any(c.dep_ in ("nsubj", "mark") for c in verb.children)


def _action_text(verb: Token, removed: set[int]) -> str:
    """The words of the action and its object, in order, without conditions, modal
    frame or trailing punctuation."""
    kept = [
        t
        for t in verb.subtree
        if t.i not in removed and not _is_frame(t, verb) and t.dep_ not in ("advmod", "neg")
    ]
    text = " ".join(t.text for t in sorted(kept, key=lambda t: t.i))
    return " ".join(text.replace(" ,", ",").replace(" 's", "'s").split()).strip(" ,;:.")


def _verbs(verb: Token) -> tuple[str, ...]:
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    word = lemma(verb)
    phrasal = tuple(f"{word} {p}" for p in particles)
    return (*phrasal, word)


def _actor(root: Token, verb: Token) -> tuple[str | None, frozenset[str]]:
    """Who acts, and output nouns the subject describes ("each reply must contain")."""
    for token in (verb, root):
        for child in token.children:
            if child.dep_ == "nsubjpass":
                return None, frozenset({lemma(child)})
            if child.dep_ == "nsubj":
                word = lemma(child)
                if word in lexicon.ASSISTANT or child.pos_ == "PRON":
                    return "assistant", frozenset()
                if word in lexicon.OUTPUT_NOUNS or _described(token, child) or _holds(token, child):
                    return "assistant", frozenset({word})
                parts = [lemma(c) for c in child.children if c.dep_ in ("compound", "amod")]
                return " ".join([*parts, word]), frozenset()
    return "assistant", frozenset()  # an imperative: "Keep replies short."


def _described(verb: Token, subject: Token) -> bool:
    """A thing described by "be" ("every hint must be short"), not an actor: a noun that
    is not a person or an organisation, with a complement that describes it."""
    if lemma(verb) != "be" or subject.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    if lemma(subject) in lexicon.GENERIC_NOUNS or lemma(subject) in _PEOPLE:
        return False
    return any(c.dep_ in ("acomp", "attr") for c in verb.children)


# Verbs whose subject is a thing the assistant writes when it is not a person: "workout
# plans must contain no more than three exercises" speaks of the assistant's plans.
_CONTAINING = frozenset(
    lexicon.split_words("contain include have feature comprise mention list use cite")
)


def _holds(verb: Token, subject: Token) -> bool:
    """A thing that contains something ("each plan must include"), not an actor."""
    if lemma(verb) not in _CONTAINING or subject.ent_type_ in ("PERSON", "ORG", "NORP"):
        return False
    word = lemma(subject)
    person = word in _PEOPLE or word.endswith(_PERSON_ENDINGS)
    return word not in lexicon.GENERIC_NOUNS and not person


# Endings of nouns for people and roles ("caretaker", "adjuster", "librarian"); a thing
# with such an ending ("container") is then read as an actor, which only costs recall.
_PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent")


_PEOPLE = frozenset(
    lexicon.split_words(
        "agent staff team manager employee human operator moderator teacher doctor nurse "
        "pharmacist officer parent child student guest owner admin administrator"
    )
)


def _exclusive(sentence: Span, removed: set[int]) -> tuple[frozenset[str], str]:
    """Lemmas an 'only' / 'exclusively' / 'nothing but' restricts to, and their slot."""
    for token in sentence:
        if token.i in removed:
            continue
        if token.lower_ == "nothing":
            for prep in token.children:
                if prep.lower_ in ("but", "except") or prep.dep_ == "prep":
                    objects = [g for g in prep.subtree if g.i != prep.i]
                    return frozenset(lemmas(objects)), "dobj"
        if token.lower_ in EXCLUSIVE and token.dep_ in ("advmod", "amod"):
            target = _restricted_phrase(token)
            if target is not None:
                phrase = target.dep_ in _PHRASES
                slot = target.lower_ if phrase else "dobj"
                words = [t for t in target.subtree if t.i != target.i or not phrase]
                return frozenset(lemmas(words)) - {token.lower_}, slot
    return frozenset(), ""


def _restricted_phrase(only: Token) -> Token | None:
    head = only.head
    if head.pos_ in ("NOUN", "PROPN") or head.dep_ in _PHRASES:
        return head
    later = [c for c in head.children if c.i > only.i and c.dep_ in ("dobj", "attr", *_PHRASES)]
    preps = [c for c in later if c.dep_ in _PHRASES]
    return preps[-1] if preps else later[0] if later else None


# Prepositional phrases of the action; a passive's "by" phrase is one too ("must be sent
# only by post": the parser calls it the agent, though it names the means as often).
_PHRASES = ("prep", "agent")


def _slots(verb: Token, removed: set[int]) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each complement of the action by its slot: ("dobj", ...), ("in", ...), ..."""
    out: list[tuple[str, frozenset[str]]] = []
    for child in verb.children:
        if child.i in removed:
            continue
        if child.dep_ == "dobj":
            out.append(("dobj", frozenset(lemmas(child.subtree))))
            out += [(p.lower_, frozenset(lemmas(p.subtree)) - {p.lower_}) for p in _preps(child)]
        elif child.dep_ in _PHRASES:
            out.append((child.lower_, frozenset(lemmas(child.subtree)) - {child.lower_}))
    return tuple(out)


def _preps(token: Token) -> Sequence[Token]:
    return [c for c in token.children if c.dep_ == "prep"]
