"""Small grammar helpers shared by rules: is a sentence an instruction?

A statement instructs when the parser read a modal in it (must, should, may, never,
avoid…) or when it is an imperative: it starts with a base-form verb ("Answer in the
user's language"), possibly after a leading condition ("If asked, refuse.").
"""

from __future__ import annotations

import re

from charter.spec.model import Statement
from charter.spec.statements import read_modality

_VERBS = """be do use avoid respond answer ask provide give refuse decline follow treat assume
    keep make say tell write include cite explain offer help stay state show list return
    reply prefer present consider respect protect support comply ensure acknowledge add
    adopt apply attempt call check choose clarify confirm continue correct default describe
    disclose discuss encourage engage escalate express flag focus format generate go
    highlight honor honour identify ignore inform interpret limit maintain mention note omit
    point prioritize prioritise produce put quote recommend redirect remain remind report
    request seek send share speak start stop suggest summarize summarise take translate try
    uphold verify warn withhold love leave let look mark match prevent reject remove replace
    require reveal run set sign spell stick switch test think track trust turn wait watch err
    favor favour obey defer resist rely reason read refrain retain never always don't please
    draw get find accept allow admit aim approach assess avoid break build bring care carry
    defend deliver demonstrate distinguish embrace emphasize empower evaluate exercise explore
    foster guide handle hold invite judge learn listen meet mirror mind model monitor own pay
    persuade preserve promote question raise recognize refer reflect remember resolve seek
    serve signal steer strive tailor teach treat understand value weigh work"""
IMPERATIVES = frozenset(_VERBS.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_LEAD_IN = re.compile(
    r"^(?:if|when|whenever|unless|where|before|after|while|once|for|in|by|with|to)\b", re.I
)
_MARKUP = re.compile(r"^[\s*_>`\[(]+")


def is_imperative(text: str) -> bool:
    """The text (or its main clause after a leading 'If …,') starts with a verb."""
    plain = _MARKUP.sub("", text)
    words = _WORD.findall(plain[:40])
    if words and words[0].lower().replace("’", "'") in IMPERATIVES:
        return True
    if _LEAD_IN.match(plain) and "," in plain:
        after = _WORD.findall(plain.split(",", 1)[1][:40])
        return bool(after) and after[0].lower() in IMPERATIVES
    return False


def instructs(text: str) -> bool:
    """A modal phrase or an imperative: the text tells someone what to do."""
    return read_modality(text)[0].normative or is_imperative(text)


def statement_instructs(statement: Statement) -> bool:
    return statement.modality.normative or is_imperative(statement.text)


__all__ = ["IMPERATIVES", "instructs", "is_imperative", "statement_instructs"]
