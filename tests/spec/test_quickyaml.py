"""The fast test-block reader: whatever it accepts, it reads exactly as PyYAML's safe
loader does (types included); what it does not accept, it leaves to YAML."""

from __future__ import annotations

import re
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from charter.spec.quickyaml import read_simple

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _typed(value: Any) -> Any:
    """``value`` with every scalar's type spelled out (1 == True in Python)."""
    if isinstance(value, dict):
        return {repr(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, value)


def _agrees(text: str) -> bool:
    """Checks the guarantee for ``text``; True when the fast reader took it."""
    quick = read_simple(text)
    if quick is None:
        return False
    assert _typed(quick) == _typed(yaml.load(text, Loader=_LOADER)), text
    return True


def test_the_common_shapes_are_read_fast_and_as_yaml_reads_them() -> None:
    texts = [
        'prompt: "case-00001 Reply with anything; ok."\nexpect:\n  - icontains: ECHO\n',
        'id: greet-1\nprompt: "Say \\"hi\\" \\u00e9"\nrepeat: 3\nexpect:\n- max-length: 200\n'
        '- not-contains: "sorry"\n- judge: "Is it polite?"\n',
        'messages:\n  - role: user\n    content: "Hello there"\n  - role: assistant\n'
        '    content: Hi, how can I help\nexpect:\n  - is-json\n  - regex: "^a.*"\n',
    ]
    assert all(_agrees(t) for t in texts)


def test_what_yaml_reads_otherwise_is_left_to_yaml() -> None:
    texts = [
        "prompt: yes\n",  # a boolean in YAML 1.1
        "prompt: Null\n",
        "on: hi\n",
        "repeat: 012\n",  # octal in YAML 1.1
        "prompt: 1.5\n",
        "prompt: a # comment\n",
        "prompt: &a x\nid: *a\n",
        "prompt: >\n  folded\n",
        "prompt: x\n\nexpect:\n  - contains: y\n",  # a blank line
        "expect:\n  - contains: y\n    - deeper\n",
        "expect:\n  - a\n - b\n",
        "prompt: 'single'\n",
        'prompt: "\\x41"\n',  # a YAML escape JSON does not know
        'prompt: "\\ud83d"\n',  # a lone surrogate
        "prompt: trailing \n",
        "prompt: {a: 1}\n",
        "expect:\n",
        "",
    ]
    assert not any(read_simple(t) is not None for t in texts)


_WORDS = st.sampled_from(
    ["ECHO", "yes", "No", "on", "null", "x", "a b", "don't", "a, b", "1", "0", "07", "12",
     "-1", "1.5", "~", "True", "y", "e.g. this", "a:b", "a #b", "(x)", "é", "a  b", "Off"]
)  # fmt: skip
_QUOTED = st.text(max_size=8).map(lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"')
_RAW_QUOTED = st.text(alphabet='ab\\"u0d83/xn \t', max_size=8).map(lambda s: f'"{s}"')
_VALUES = st.one_of(_WORDS, _QUOTED, _RAW_QUOTED)
_KEYS = st.sampled_from(["prompt", "id", "expect", "yes", "max-length", "_k", "n", "On", "a1"])


@st.composite
def _blocks(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        key = draw(_KEYS)
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(_VALUES)}")
            continue
        lines.append(f"{key}:")
        indent = draw(st.sampled_from(["", "  ", "    "]))
        for _ in range(draw(st.integers(0, 3))):
            if draw(st.booleans()):
                lines.append(f"{indent}- {draw(_VALUES)}")
            else:
                lines.append(f"{indent}- {draw(_KEYS)}: {draw(_VALUES)}")
                if draw(st.booleans()):
                    pad = draw(st.sampled_from(["  ", "   ", " "]))
                    lines.append(f"{indent}{pad}{draw(_KEYS)}: {draw(_VALUES)}")
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n", " \n"]))


@settings(max_examples=1500, deadline=None)
@given(_blocks())
def test_whatever_the_fast_reader_accepts_yaml_reads_the_same(text: str) -> None:
    try:
        yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError:
        assert read_simple(text) is None, text
        return
    _agrees(text)


def test_a_test_block_of_the_common_shape_is_read_without_yaml(monkeypatch: Any) -> None:
    from charter.spec import testblocks
    from charter.spec.model import Span

    asked: list[str] = []
    real = yaml.load
    monkeypatch.setattr(yaml, "load", lambda raw, **kw: asked.append(raw) or real(raw, **kw))
    span = Span("spec.md", 10)
    simple = 'prompt: "Say hi"\nexpect:\n  - icontains: hi\n'
    block, problems = testblocks.parse_test_block(simple, span, "greet")
    assert block is not None and problems == [] and asked == []
    assert block.prompt == "Say hi" and block.expect[0].value == "hi"
    folded = "prompt: >\n  Say\n  hi\nexpect:\n  - icontains: hi\n"
    block, problems = testblocks.parse_test_block(folded, span, "greet")
    assert block is not None and block.prompt == "Say hi\n" and asked == [folded]


def test_the_odd_characters_are_those_outside_yamls_printable_set() -> None:
    from charter.spec.quickyaml import _ODD

    printable = re.compile(
        "[\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
    )
    for code in range(0x110000):
        char = chr(code)
        assert bool(_ODD.match(char)) is not bool(printable.match(char)), hex(code)
