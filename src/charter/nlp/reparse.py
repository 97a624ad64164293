"""A guard against one misparse of the small English pipeline: a modal verb's own verb
read as a modifier ("The assistant must delete players' chat logs": "logs" taken for the
main verb and "delete" for an adjective on "players").

:func:`reworded` spots it and proposes a rewording the parser reads right — "the" after
that verb ("must delete the players' chat logs"), which changes nothing a reading keeps.
:mod:`charter.nlp.norm_cache` parses the rewording and keeps it only if it reads right.
Guarantees: None for every parse where each modal's verb is a clause of its own; never
raises.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from charter.nlp.lexicon import split_words
from charter.nlp.norm import main_sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Relations a verb with its own modal may hold to its head (anything else is a misparse:
# "must delete players' chat logs" read with "logs" as the verb and "delete" as an adjective).
_CLAUSAL = frozenset(split_words("ROOT conj xcomp ccomp advcl relcl acl csubj pcomp parataxis"))


def reworded(doc: Doc) -> str | None:
    """A rewording the parser reads better, when a modal verb's head is parsed as a
    modifier instead of the main verb: "the" after that verb ("must flag the posts"),
    which changes nothing a reading keeps. None when the parse looks sound."""
    for token in main_sentence(doc):
        if token.tag_ != "MD" or token.dep_ != "aux" or token.head.dep_ in _CLAUSAL:
            continue
        verb = token.head
        after = verb.nbor(1) if verb.i + 1 < len(doc) else None
        if after is None or after.pos_ in ("DET", "PRON", "PUNCT") or verb.i < token.i:
            return None
        end = verb.idx + len(verb.text)
        return f"{doc.text[:end]} the{doc.text[end:]}"
    return None
