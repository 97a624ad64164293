"""The evaluation units of the lint-quality benchmark: statements of the Model Spec releases.

A unit is one statement (sentence or list item) of a clause body, located by release,
line, column, clause id and a short hash of its text (the text itself stays in
``../shared/corpora``; the repository keeps only locations and labels). The split into a
development half and a held-out half is fixed by the clause id:
``sha256(clause_id)[0] % 2 == 1`` is held out. Identical statements in several releases
are one unit (the latest release's location wins).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpora" / "openai-model-spec"
RELEASES = ("2025-12-18", "2025-09-12", "2025-04-11")  # latest first: its location wins
OWN = REPO / "tests" / "lint" / "data" / "eval" / "own_sentences.md"
OWN8 = REPO / "tests" / "lint" / "data" / "eval" / "own_sentences_8.md"  # batch 8, blind


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def held_out(clause_id: str) -> bool:
    """The recorded split rule: by clause id, fixed before any tuning."""
    return hashlib.sha256(clause_id.encode()).digest()[0] % 2 == 1


@dataclass(frozen=True)
class Unit:
    source: str  # "2025-12-18/model_spec.md", "own" or "own8"
    line: int
    col: int
    end_line: int
    end_col: int
    clause: str
    sha: str
    text: str
    words: int

    @property
    def held_out(self) -> bool:
        return held_out(self.clause)


def spec_path(source: str) -> Path:
    if source == "own8":
        return OWN8
    return OWN if source == "own" else CORPUS / source


def units() -> Iterator[Unit]:
    """Every distinct statement of the three releases, then of the own-sentences files."""
    import charter

    seen: set[str] = set()
    for release in RELEASES:
        yield from _units_of(
            charter.load(CORPUS / release / "model_spec.md"), f"{release}/model_spec.md", seen
        )
    if OWN.exists():
        yield from _units_of(charter.load(OWN), "own", seen)
    if OWN8.exists():
        yield from _units_of(charter.load(OWN8), "own8", seen)


def _units_of(project: object, source: str, seen: set[str]) -> Iterator[Unit]:
    for module in project.modules:  # type: ignore[attr-defined]
        for clause in module.clauses:
            for st in clause.statements:
                sha = text_hash(st.text)
                if sha in seen:
                    continue
                seen.add(sha)
                s = st.span
                yield Unit(
                    source,
                    s.line,
                    s.col,
                    s.end_line or s.line,
                    s.end_col,
                    clause.id,
                    sha,
                    st.text,
                    len(st.text.split()),
                )
