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
  (and "the" after it before a bare noun phrase), which the reading of an instruction drops;
- a relative clause without "that" made the main clause ("Keep a record of every request
  a patient makes"), fixed by "that" before its subject;
- an instruction after a leading condition hung inside that condition ("Whenever a
  caller says they are locked out, provide the number"), fixed by putting the condition
  last;
- what the assistant is said to do read as a noun ("The assistant waives the fee on
  garments cleaned the same day"), fixed by "always" before the verb;
- a duty written as "is to be" and a participle ("Invoices are to be sent by post"),
  which the parser makes a statement about "be", read as "must be sent";
- what people are said to get ("Members who renew get a free month"), which is what
  the assistant gives them: read as "The assistant gives members who renew a free
  month".

:func:`reworded` spots them and proposes the rewording; :mod:`charter.nlp.norm_cache`
parses it and keeps it only if that parse is sound. Guarantees: None for a parse where
the modal's verb heads its own clause and no "-ing" word is hung on an object; never
raises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter.nlp import senses, wordnet
from charter.nlp.lexicon import ASSISTANT, GENERIC_NOUNS, NEGATING_VERBS, split_words
from charter.nlp.norm import main_sentence
from charter.nlp.situations import MARKERS, lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Relations a verb with its own modal may hold to its head (anything else is a misparse:
# "must delete players' chat logs" read with "logs" as the verb and "delete" as an adjective).
_CLAUSAL = frozenset(split_words("ROOT conj xcomp ccomp advcl relcl acl csubj pcomp parataxis"))


def reworded(doc: Doc) -> str | None:
    """A rewording the parser reads better, or None when the parse looks sound."""
    sentence = main_sentence(doc)
    duty = _to_be_done(sentence)
    if duty is not None:
        be, to = duty
        between = doc.text[be.idx + len(be.text) : to.idx].rstrip()  # " not", " never"
        return f"{doc.text[: be.idx]}must{between}{doc.text[to.idx + len(to.text) :]}"
    given = _people_get(sentence)
    if given is not None:
        subject, root = given
        start, end = subject.left_edge.idx, root.idx
        who = doc.text[start:end].strip()
        who = who if subject.left_edge.pos_ == "PROPN" else who[:1].lower() + who[1:]
        rest = doc.text[end + len(root.text) :].lstrip()
        return f"{doc.text[:start]}The assistant gives {who} {rest}"
    aside = _remark_after(sentence)
    if aside is not None:
        return doc.text[: aside.idx].rstrip() + "."
    buried = _instruction_in_condition(sentence)
    if buried is not None:
        return _condition_last(doc, *buried)
    told = _told_verb_as_noun(sentence)
    if told is not None:
        return f"{doc.text[: told.idx]}always {doc.text[told.idx :]}"
    relative = _relative_read_as_main(sentence)
    if relative is not None:
        return f"{doc.text[: relative.idx]}that {doc.text[relative.idx :]}"
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


def _to_be_done(sentence: Span) -> tuple[Token, Token] | None:
    """The "are" and the "to" of "X are (not) to be <participle>": the root "be" with a
    passive infinitive as its complement. The rewording keeps everything between them
    ("are not to be sent" -> "must not be sent")."""
    root = sentence.root
    if lemma(root) != "be" or root.tag_ not in ("VBZ", "VBP"):
        return None
    if any(c.dep_ == "nsubj" and lemma(c) in _PURPOSES for c in root.children):
        return None  # "our aim is to be trusted": a purpose, not a duty
    for child in root.children:
        if child.dep_ != "xcomp" or child.tag_ != "VBN":
            continue
        to = next((c for c in child.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        passive = any(c.dep_ == "auxpass" and c.lower_ == "be" for c in child.children)
        if to is not None and passive and to.i > root.i:
            return root, to
    return None


def _people_get(sentence: Span) -> tuple[Token, Token] | None:
    """The subject and the verb of "<people> get / receive <something>" in the present
    tense, with no modal, auxiliary or negation: a norm told from the receiving side."""
    root = sentence.root
    if lemma(root) not in ("get", "receive") or root.tag_ not in ("VBP", "VBZ"):
        return None
    if any(t.tag_ == "MD" for t in sentence):
        return None
    if any(c.dep_ in ("aux", "auxpass", "neg") for c in root.children):
        return None
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    objects = [c for c in root.children if c.dep_ == "dobj"]
    if len(subjects) != 1 or not objects or subjects[0].left_edge.i != sentence.start:
        return None
    word = lemma(subjects[0])
    if word in ASSISTANT or not (word in GENERIC_NOUNS or senses.person(word)):
        return None
    return subjects[0], root


# Nouns whose "is to be" names what is aimed at rather than what must be done.
_PURPOSES = frozenset(
    split_words("aim goal purpose objective mission task job role intention plan idea point")
)


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


def _instruction_in_condition(sentence: Span) -> tuple[Token, Token] | None:
    """The comma after a leading condition and the instruction's verb after it, when the
    parser hung that verb inside the condition ("Whenever a caller says they are locked
    out, provide the number": "provide" read as a conjunct of "locked"). The rewording
    puts the condition last, where the parser reads the instruction as the main verb."""
    opening = sentence[0]
    if opening.lower_ not in MARKERS or any(t.tag_ == "MD" for t in sentence):
        return None
    comma = next((t for t in sentence if t.text == ","), None)
    if comma is None or comma.i + 1 >= sentence.end:
        return None
    verb = comma.doc[comma.i + 1]
    inside = sentence.start <= verb.head.i < comma.i
    if verb.tag_ != "VB" or verb.dep_ == "ROOT" or not inside or verb.lower_ in _NOT_OPENING:
        return None
    if verb.head.i == comma.i - 1 or any(t.text == "," for t in sentence if t.i > verb.i):
        return None  # a list of verbs ("wants to book, cancel, or change"), not the rule
    return comma, verb


def _condition_last(doc: Doc, comma: Token, verb: Token) -> str:
    """ "If X, do Y." as "Do Y if X." """
    condition = doc.text[: comma.idx].strip()
    rest = doc.text[verb.idx :].rstrip().rstrip(".")
    return f"{rest[:1].upper()}{rest[1:]} {condition[:1].lower()}{condition[1:]}."


def _told_verb_as_noun(sentence: Span) -> Token | None:
    """What the assistant is said to do, read as a noun: "The assistant waives the fee on
    garments cleaned the same day" with "cleaned" as the root and "waives" as its subject.
    "always" before the verb makes the parse right and changes nothing a reading keeps
    (a habitual norm is read without it)."""
    for token in sentence[1:]:
        before = token.doc[token.i - 1]
        nominal = token.dep_ in _NOMINAL and token.is_alpha  # not "'s", not an auxiliary
        if token.tag_ == "VBZ" and nominal and lemma(before) in ASSISTANT:
            return token
    return None


# Relations of a noun: a verb holding one was read as a noun ("waives" as a subject).
_NOMINAL = frozenset(split_words("nsubj nsubjpass dobj pobj compound amod appos npadvmod attr"))


def _relative_read_as_main(sentence: Span) -> Token | None:
    """The first word of a relative clause without "that" which the parser made the main
    clause: "Keep a record of every request a patient makes" read with "makes" as the
    root and "Keep" hung on it. The sentence opens with a verb's base form, and the
    root's one subject comes after a noun phrase that verb takes; "that" before the
    subject's phrase makes the parse right."""
    words = [t for t in sentence if t.pos_ not in ("ADV", "PUNCT", "SPACE")]
    root = sentence.root
    if not words or words[0].tag_ != "VB" or words[0].i == root.i or root.i < words[0].i:
        return None
    if any(t.tag_ == "MD" for t in sentence) or words[0].head.i != root.i:
        return None
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1:
        return None
    start, doc = subjects[0].left_edge, sentence.doc
    between = doc[words[0].i + 1 : start.i]
    if not any(t.pos_ in ("NOUN", "PROPN") for t in between) or start.lower_ == "that":
        return None
    return start


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
