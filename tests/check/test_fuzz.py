"""Property test: any project — broken imports, cycles, dangling references, unknown
levels, stray prompt files — yields diagnostics from the checker, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charter import load
from charter.check import check_project
from charter.check.coverage import measure_coverage

NAMES = ["a", "b", "c", "d"]
IDS = ["x", "y", "z", "shared", "a.md#x", "b.md#y", "gone.md#x", "../out.md#x", ""]
LEVELS = ["root", "system", "developer", "user", "guideline", "platform", "rot", "", "org"]
IMPORTS = [*(f"{n}.md" for n in NAMES), "missing.md", "../outside.md", "/etc/hostname", "."]
SENTENCES = [
    "The assistant must not share the refund amount.",
    "The assistant should share the refund amount.",
    "If asked, the assistant may share the refund amount.",
    "The assistant must refuse to share the refund amount.",
    "The assistant should not:",
    "- share the refund amount",
    "See [?](#{id}) and [text]({id}).",
    "Tagged statement[^{tag}].",
    "**Term**: a meaning.",
]


@st.composite
def clause(draw: st.DrawFn) -> str:
    cid = draw(st.sampled_from(["x", "y", "z", "shared", "x"]))
    attrs = [f"#{cid}"]
    if level := draw(st.sampled_from(LEVELS)):
        attrs.append(f"authority={level}")
    for key in ("overrides", "implements"):
        if draw(st.booleans()):
            attrs.append(f"{key}=#{draw(st.sampled_from(IDS))}")
    if draw(st.booleans()):
        attrs.append("abstract")
    body = [
        s.format(id=draw(st.sampled_from(IDS)), tag=draw(st.sampled_from(["t1", "t2", "t3"])))
        for s in draw(st.lists(st.sampled_from(SENTENCES), max_size=4))
    ]
    return f"{'#' * draw(st.integers(1, 3))} Title {{{' '.join(attrs)}}}\n\n" + "\n\n".join(body)


@st.composite
def module(draw: st.DrawFn) -> str:
    front = []
    if draw(st.booleans()):
        front.append(f"imports: [{', '.join(draw(st.lists(st.sampled_from(IMPORTS))))}]")
    if draw(st.booleans()):
        front.append(f"levels: [{', '.join(draw(st.lists(st.sampled_from(LEVELS[:6]))))}]")
    if draw(st.booleans()):
        front.append(f"abstract: {draw(st.sampled_from(['true', 'false', 'maybe']))}")
    head = "---\n" + "\n".join(front) + "\n---\n\n" if front else ""
    return head + "\n\n".join(draw(st.lists(clause(), max_size=5)))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    modules=st.dictionaries(st.sampled_from(NAMES), module(), min_size=1, max_size=4),
    prompts=st.lists(st.sampled_from(["t1", "t2", "t9"]), max_size=3),
)
def test_any_project_gives_diagnostics_never_an_exception(
    modules: dict[str, str], prompts: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        (root / "examples").mkdir(parents=True)
        for name, text in modules.items():
            (root / f"{name}.md").write_text(text, encoding="utf-8")
        for tag in prompts:
            header = f"Examples for [^{tag}] in Title:\n\n**Example**: e\n\n~~~xml\n<user>\nhi\n</user>\n~~~\n"
            (root / "examples" / f"{tag}.md").write_text(header, encoding="utf-8")
        project = load(root)
        diagnostics = check_project(project)
        assert all(d.line >= 1 and d.col >= 1 and d.code.startswith("C") for d in diagnostics)
        assert all(r.line >= 1 for d in diagnostics for r in d.related)
        measure_coverage(project).to_dict()
