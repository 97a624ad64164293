"""What a statement does, read from its syntax: binds (deontic), describes, or instructs.

:func:`read` turns statement texts into :class:`Reading` values: the tokens (offsets, lemma,
part of speech, dependency) and the statement's *force*:

- ``deontic``: a modal that binds an agent ("the assistant may not escalate", "should");
- ``imperative``: a bare verb with no subject ("Ensure that …", "Keep answers short");
- ``gerund``: a verb in -ing with no subject ("Giving appropriate weight to …"): a rule
  when it is an item under a normative lead-in (the caller knows the neighbours);
- ``epistemic``: only modals of possibility ("the public version may not include every
  detail", "can raise the likelihood");
- ``none``: no modal and no instruction.

Guarantees: the same text always gives the same reading for one pipeline version; results
are cached per text (in memory and, given a folder, in ``<folder>/nlp-<pipeline>.json``), so
a warm run never imports spaCy. A reading is plain data (tuples of str/int), safe to cache.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charter.hashing import digest

PIPELINE_KEY = "en_core_web_sm-3.8"  # the cache file name; readings change with the model
FORMAT = 1
CACHE_LIMIT = 20_000  # statements kept in one cache file; beyond it, only this run's
AGENTS = frozenset(
    [
        "assistant",
        "model",
        "it",
        "you",
        "they",
        "developer",
        "developers",
        "user",
        "users",
        "operator",
        "operators",
        "system",
        "platform",
        "chatgpt",
        "ai",
    ]
)
# Verbs that, under 'may/can/could/might', say what is possible rather than allowed.
STATIVE = frozenset(
    [
        "be",
        "have",
        "know",
        "seem",
        "appear",
        "encounter",
        "need",
        "want",
        "find",
        "feel",
        "lead",
        "cause",
        "result",
        "include",
        "contain",
        "become",
        "get",
        "exist",
        "mean",
        "reflect",
        "lack",
        "miss",
        "vary",
        "differ",
        "happen",
        "occur",
        "arise",
        "struggle",
        "fail",
    ]
)
_POSSIBILITY = frozenset({"might", "could", "can", "may"})
_BINDING = frozenset({"must", "shall", "should", "ought"})


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token in the statement

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Reading:
    text: str
    tokens: tuple[Token, ...]
    force: str  # deontic | imperative | gerund | epistemic | none

    @property
    def instructs(self) -> bool:
        return self.force in ("deontic", "imperative")

    def children(self, index: int) -> list[Token]:
        """The tokens whose head is ``index``, in order (the child lists are built once per
        statement text, so walking a long statement stays linear)."""
        return [self.tokens[k] for k in _kids(self)[index]]

    def subject_of(self, index: int) -> Token | None:
        for t in self.children(index):
            if t.dep in ("nsubj", "nsubjpass", "expl"):
                return t
        return None


_kids_memo: dict[str, tuple[tuple[int, ...], ...]] = {}


def _kids(reading: Reading) -> tuple[tuple[int, ...], ...]:
    found = _kids_memo.get(reading.text)
    if found is not None and len(found) == len(reading.tokens):
        return found
    kids: list[list[int]] = [[] for _ in reading.tokens]
    for i, t in enumerate(reading.tokens):
        if t.head != i and 0 <= t.head < len(kids):
            kids[t.head].append(i)
    if len(_kids_memo) >= 4_096:
        _kids_memo.clear()
    frozen = _kids_memo[reading.text] = tuple(tuple(k) for k in kids)
    return frozen


def _token_data(doc: Any) -> list[list[Any]]:
    return [
        [t.idx, t.idx + len(t.text), t.text, t.lemma_, t.pos_, t.tag_, t.dep_, t.head.i]
        for t in doc
    ]


def _build(text: str, data: list[list[Any]]) -> Reading:
    tokens = tuple(Token(*row) for row in data)
    partial = Reading(text, tokens, "none")
    return Reading(text, tokens, force_of(partial))


def force_of(reading: Reading) -> str:
    """The force of a parsed statement (see the module docstring)."""
    modal = _modal_force(reading)
    if modal == "deontic":
        return modal
    if _wordy(reading) and modal != "epistemic":
        return "deontic"
    bare = _bare_verb(reading)
    return bare or modal or "none"


def _modal_force(reading: Reading) -> str | None:
    found: str | None = None
    for t in reading.tokens:
        if t.tag != "MD":
            continue
        word = t.lower.replace("’", "'").removesuffix("n't")
        if word in _BINDING:
            return "deontic"
        if word in _POSSIBILITY:
            if permission(reading, t):
                return "deontic"
            found = "epistemic"
    return found


def permission(reading: Reading, modal: Token) -> bool:
    """'the assistant may refuse': an agent allowed (or forbidden) to act."""
    verb = reading.tokens[modal.head]
    subject = reading.subject_of(modal.head)
    if subject is None or verb.lemma.lower() in STATIVE:
        return False
    main = verb.dep in ("ROOT", "conj") or (verb.dep == "ccomp" and modal.head < verb.head)
    if not main or _marked(reading, modal.head):  # a ccomp before its head: 'X; Y' misparsed
        return False  # 'so it can adjust', 'which may lead to': a purpose or a relative
    if subject.dep == "nsubjpass" or subject.lemma.lower() not in AGENTS:
        return False
    hedges = ("sometimes", "also", "still", "even")
    return not any(c.lower in hedges for c in reading.children(modal.head))


def only_permits(reading: Reading) -> bool:
    """The statement binds only by permission ('the assistant can provide ranges'): a
    possibility modal that binds an agent, and no binding modal, 'never', 'avoid', negation
    or 'only'."""
    modals = [t for t in reading.tokens if t.tag == "MD"]
    words = {t.lower.replace("’", "'").removesuffix("n't") for t in modals}
    if words & _BINDING or _wordy(reading):
        return False
    return any(
        t.lower in _POSSIBILITY and permission(reading, t) and not _negated(reading, t.head)
        for t in modals
    )


_REASONS = frozenset({"because", "since", "although", "though", "whereas"})


def explains(reading: Reading, index: int) -> bool:
    """The token at ``index`` lies in a clause that gives a reason or a concession ('…,
    because lengthy answers tire users'), not in the rule's condition, object or manner:
    the rule does not turn on it."""
    seen: set[int] = set()
    while index not in seen:
        seen.add(index)
        token = reading.tokens[index]
        marks = {c.lower for c in reading.children(index) if c.dep == "mark"}
        if token.dep == "advcl" and marks & _REASONS:
            return True
        if token.lower in _REASONS and token.dep == "prep":  # 'because of …', or a misparse
            return True
        if token.dep == "ROOT" or token.head == index:
            return False
        index = token.head
    return False


_FINITE = frozenset({"VBZ", "VBP", "VBD"})


def describes(reading: Reading, index: int) -> bool:
    """The token at ``index`` modifies a finite verb with no modal of its own that only
    reports ('…, and it usually does', '…, as it usually does', '…, which it rarely
    does', '…, which users generally prefer'): it says what happens, not when the
    statement's modal holds ('may usually skip' keeps the modal). A full verb conjoined
    to the rule ('…, and it usually answers in English') may be a norm: not this."""
    head = reading.tokens[index].head
    verb = reading.tokens[head]
    children = reading.children(head)
    if verb.tag not in _FINITE or any(c.tag == "MD" for c in children):
        return False
    as_clause = verb.dep == "advcl" and any(c.lower == "as" for c in children)
    return verb.lemma.lower() == "do" or verb.dep == "relcl" or as_clause


# Who a norm told in the present tense is about ('it' may be anything: the module, a tool)
_TOLD_SUBJECTS = frozenset({"assistant", "model", "chatbot", "bot", "ai", "you", "chatgpt"})
_TOLD_STATIVE = frozenset({"be", "have", "seem", "appear", "know", "need", "want", "mean"})


def tells_what_it_does(reading: Reading) -> bool:
    """A norm told as what the assistant does ('The assistant offers a discount when …',
    'The model does not quote prices'): the main verb in the present tense, with the
    assistant as its one subject and no auxiliary but a negated 'do' (as
    :mod:`charter.nlp.norm` reads a habitual norm; 'is' and 'has' describe)."""
    for index, verb in enumerate(reading.tokens):
        if verb.dep != "ROOT":
            continue
        kids = reading.children(index)
        helpers = [c for c in kids if c.dep in ("aux", "auxpass")]
        denied = (
            bool(helpers)
            and all(c.lower in ("do", "does") for c in helpers)
            and any(c.dep == "neg" for c in kids)
        )
        if verb.lemma.lower() in _TOLD_STATIVE or (helpers and not denied):
            return False
        if verb.tag not in ("VBZ", "VBP") and not denied:
            return False
        subjects = [c for c in kids if c.dep == "nsubj"]
        return len(subjects) == 1 and subjects[0].lemma.lower() in _TOLD_SUBJECTS
    return False


def _negated(reading: Reading, index: int) -> bool:
    """'may not', 'cannot': a prohibition, which binds; so does 'may only' (anywhere in the
    statement: 'may share data only when …' forbids every other case)."""
    if any(c.dep == "neg" for c in reading.children(index)):
        return True
    return any(t.lower == "only" and t.dep == "advmod" for t in reading.tokens)


def _marked(reading: Reading, index: int) -> bool:
    """The verb (or the verb it is conjoined to) opens a subordinate clause ('so it can')."""
    verb = reading.tokens[index]
    heads = [index] + ([verb.head] if verb.dep == "conj" else [])
    return any(c.dep == "mark" for h in heads for c in reading.children(h))


def _wordy(reading: Reading) -> bool:
    """'never' or 'avoid' in the main clause: 'The assistant basically never shares …'."""
    for i, t in enumerate(reading.tokens):
        if t.lower == "never" and not _marked(reading, t.head):
            return True
        if t.lemma.lower() == "avoid" and t.pos == "VERB" and t.dep == "ROOT":
            return not _marked(reading, i)
    return False


def _bare_verb(reading: Reading) -> str | None:
    """An imperative or a gerund item: the root is a verb without a subject."""
    for t in reading.tokens:
        if t.dep != "ROOT":
            continue
        if t.pos not in ("VERB", "AUX") or reading.subject_of(reading.tokens.index(t)):
            return None
        if t.tag == "VB":
            return "imperative"
        if t.tag == "VBG" and t is _first_word(reading):
            return "gerund"
        return None
    return None


def _first_word(reading: Reading) -> Token | None:
    return next((t for t in reading.tokens if t.pos not in ("PUNCT", "SYM", "X")), None)


def syntax_phrase(reading: Reading, start: int, end: int, text: str | None = None) -> str | None:
    """The words a modifier at ``start..end`` belongs with, in the sentence's own order:
    an adjective with its noun ('significant error'), a predicate adjective with its
    subject ('details are extensive') or verb ('keep answers short'), an adverb with its
    verb ('change materially'), with an adverb right before it ('When appropriate',
    'clearly appropriate contexts'). None when the token is not a modifier or the phrase
    would be long. ``text``: a copy of the statement of the same length to quote from
    (lint passes its masked copy, footnote tags blanked)."""
    index = next((i for i, t in enumerate(reading.tokens) if t.start <= start < t.end), None)
    if index is None:
        return None
    bounds = _phrase_bounds(reading, index)
    if bounds is None:
        return None
    first, last = reading.tokens[bounds[0]], reading.tokens[bounds[1]]
    low, high = min(first.start, start), max(last.end, end)
    source = text if text is not None and len(text) == len(reading.text) else reading.text
    return " ".join(source[low:high].split()).strip("()[],;:") or None


def _phrase_bounds(reading: Reading, index: int) -> tuple[int, int] | None:
    """First and last token index of the phrase of the modifier at ``index``."""
    token = reading.tokens[index]
    if token.dep not in ("amod", "acomp", "oprd", "advmod", "advcl") or token.head == index:
        return None
    if token.dep == "advcl" and token.pos != "ADJ":
        return None
    first, last = min(index, token.head), max(index, token.head)
    if token.dep == "advcl":
        first = last = index  # 'When appropriate, …': the adjective is its own clause
    if token.dep == "acomp" and reading.tokens[token.head].lemma == "be":
        subject = reading.subject_of(token.head)
        if subject is not None:
            first = min(first, reading.tokens.index(subject))
    adverb = reading.tokens[index - 1] if index else None
    if adverb is not None and adverb.dep == "advmod" and adverb.head == index:
        first = min(first, index - 1)
    return None if last - first > 5 else (first, last)


class ReadingCache:
    """Readings by text hash: in memory, and in one JSON file per pipeline when given a folder
    (pruned to the texts of the current run once it holds more than :data:`CACHE_LIMIT`)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = folder / f"nlp-{PIPELINE_KEY}.json" if folder else None
        self.data: dict[str, list[list[Any]]] = {}
        self.used: set[str] = set()  # keys read or written in this process
        self.dirty = False
        if self.path and self.path.is_file():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
                if raw.get("format") == FORMAT:
                    self.data = raw["readings"]
            except (OSError, ValueError, KeyError, AttributeError):
                self.data = {}

    def save(self) -> None:
        if not (self.path and self.dirty):
            return
        if len(self.data) > CACHE_LIMIT:  # a shared user cache stays bounded
            self.data = {k: v for k, v in self.data.items() if k in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"format": FORMAT, "readings": self.data}), "utf-8")
            tmp.replace(self.path)
            self.dirty = False
        except OSError:
            pass  # a read-only project still lints; it only stays cold


_memory: dict[str, Reading] = {}


def key(text: str) -> str:
    return digest(text, 12)


def read(texts: Sequence[str], cache: ReadingCache | None = None) -> list[Reading]:
    """A :class:`Reading` per text, in order; parses only texts not cached."""
    missing = [t for t in dict.fromkeys(texts) if t not in _memory]
    to_parse = []
    for text in missing:
        row = cache.data.get(key(text)) if cache else None
        if cache is not None:
            cache.used.add(key(text))
        if row is not None:
            _memory[text] = _build(text, row)
        else:
            to_parse.append(text)
    if to_parse:
        from charter.nlp.pipeline import load

        docs = load().pipe(to_parse, batch_size=256, disable=["ner"])  # entities unused
        for text, doc in zip(to_parse, docs, strict=True):
            data = _token_data(doc)
            _memory[text] = _build(text, data)
            if cache is not None:
                cache.data[key(text)] = data
                cache.dirty = True
    return [_memory[t] for t in texts]


__all__ = [
    "Reading",
    "ReadingCache",
    "Token",
    "explains",
    "force_of",
    "key",
    "only_permits",
    "permission",
    "read",
    "syntax_phrase",
]
