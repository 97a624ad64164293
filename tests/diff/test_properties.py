"""Properties over generated specs: the diff never raises, a spec against itself is empty,
and impact is exactly the set of cases whose fingerprint changed."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from charter import parse_module
from charter.diff import clause_cases, diff_projects, impact
from charter.spec.model import Project

IDS = ["a", "b", "c", "d"]
FRONT = "---\nlevels: [{}]\n---\n"
LEVELS = ["root", "system", "developer", "user", "guideline", "platform", "bogus"]
SENTENCES = [
    "The assistant must refuse.",
    "The assistant should refuse politely.",
    "It may ask a question.",
    "It should never lie[^t1].",
    "Plain words here.",
]
EXAMPLE = (
    "**Example**: {title}\n\n~~~xml\n<user>\n{text}\n</user>\n<comparison>\n"
    "<assistant> <!-- {v} -->\nFine.\n</assistant>\n</comparison>\n~~~\n"
)


@st.composite
def spec_text(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 5))):
        depth = draw(st.integers(1, 3))
        cid = draw(st.sampled_from(IDS))
        level = draw(st.sampled_from([*LEVELS, None]))
        attrs = f"#{cid}" + (f" authority={level}" if level else "")
        if draw(st.booleans()):
            attrs += f" overrides=#{draw(st.sampled_from(IDS))}"
        attrs += draw(st.sampled_from(["", "", " status=deprecated", " abstract"]))
        body = " ".join(draw(st.lists(st.sampled_from(SENTENCES), max_size=4)))
        parts.append(f"{'#' * depth} Title {cid} {{{attrs}}}\n\n{body}\n")
        for n in range(draw(st.integers(0, 2))):
            verdict = draw(st.sampled_from(["GOOD", "BAD"]))
            text = draw(st.sampled_from(["Hi", "Help me", "Hi"]))
            parts.append(EXAMPLE.format(title=f"ex {n}", text=text, v=verdict))
    front = draw(
        st.sampled_from(
            [
                "",
                FRONT.format("root, system, developer, user"),
                FRONT.format("root, developer, system, user"),
                "---\nabstract: true\n---\n",
            ]
        )
    )
    return front + "\n".join(parts)


def _project(text: str) -> Project:
    module, diags = parse_module(text, "spec/m.md")
    return Project("spec", (module,), (), diags)


@settings(max_examples=150, deadline=None)
@given(spec_text(), spec_text())
def test_diff_never_raises_and_impact_is_exact(old_text: str, new_text: str) -> None:
    old, new = _project(old_text), _project(new_text)
    diff = diff_projects(old, new)
    found = impact(diff, old, new)
    before = _fingerprints(old)
    after = _fingerprints(new)
    assert set(found.invalidated) == {i for i, fp in after.items() if before.get(i) != fp}
    assert set(found.obsolete) == set(before) - set(after)
    assert diff_projects(new, _project(new_text)).changes == ()


def _fingerprints(project: Project) -> dict[str, str]:
    seen: set[str] = set()
    out: dict[str, str] = {}
    for module in project.modules:
        for clause in module.clauses:
            if clause.id in seen:  # duplicate ids: the first one is the clause (as Module.clause)
                continue
            seen.add(clause.id)
            out |= {c.id: c.fingerprint for c in clause_cases(project, module, clause)}
    return out
