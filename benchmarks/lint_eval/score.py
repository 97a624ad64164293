"""Score lint findings against the labels of ``tests/lint/data/eval`` (see RUBRIC.md there).

``evaluate()`` lints the three Model Spec releases and the own-sentences files with the current
rules (default settings, no baseline), places every finding at warning severity or above in
the labelled statement it lies in, derives TP / borderline / FP from the labelled words, and
returns per-half, per-rule counts, recall on ambiguous statements and density. Nothing here is
tuned: the labels were committed before the rules changed. With a :class:`ModelTier`, the
model tier's findings (``charter lint --model``, L601) are added to the rules' and scored
the same way.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from lint_eval.units import CORPUS, OWN, RELEASES, REPO, Unit, held_out, spec_path, units

EVAL = REPO / "tests" / "lint" / "data" / "eval"
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "and",
        "or",
        "by",
        "be",
        "is",
        "are",
        "it",
        "its",
        "as",
        "at",
        "with",
        "that",
        "this",
        "when",
        "where",
        "if",
        "not",
        "no",
        "so",
        "do",
        "too",
    ]
)
_WORD = re.compile(r"[a-z][a-z'-]*")


def content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in STOP}


ALL = frozenset({1, 2, 3, 4, 5, 6, 7, 8})
LABEL_FILES = (
    ("labels.yaml", 1),
    ("labels_heldout_extra.yaml", 2),
    ("labels_batch3.yaml", 3),
    ("labels_batch4_dev.yaml", 4),  # development half only
    ("labels_batch5.yaml", 5),  # both halves, all drawn regardless of findings
    ("labels_batch6_held.yaml", 6),  # held-out only, labelled after the round-2 rules froze
    ("labels_batch7.yaml", 7),  # both halves, random, labelled before round-3 tuning
    ("labels_batch8.yaml", 8),  # own_sentences_8.md, fresh text labelled blind (source own8)
)


@dataclass(frozen=True)
class Label:
    unit: Unit
    label: str  # ambiguous | borderline | clear
    ambiguous: tuple[str, ...]
    borderline: tuple[str, ...]
    random: bool  # drawn regardless of findings (for an unbiased recall)
    batch: int = 1  # the index in LABEL_FILES


@dataclass
class Finding:
    code: str
    words: str
    verdict: str  # TP | borderline | FP
    held_out: bool
    clause: str
    warning: bool = True  # warning or error severity (info findings are kept for per-rule figures)
    batch: int = 1  # the label batch of the statement (structural findings: 1)


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    caught: dict[str, bool] = field(default_factory=dict)  # ambiguous unit sha -> caught strictly
    touched: dict[str, bool] = field(default_factory=dict)
    # caught strictly by a finding of any severity: info findings are printed by `charter lint`
    # with their question, they only do not fail it
    caught_shown: dict[str, bool] = field(default_factory=dict)
    ambiguous: list[Label] = field(default_factory=list)
    warnings_spec: int = 0  # warning+ findings on the latest release
    words_spec: int = 0  # words of the latest release's model_spec.md

    def precision(
        self, half: bool | None, code: str | None = None, batches: frozenset[int] = ALL
    ) -> tuple[int, int, int]:
        """(TP, borderline, total) of findings in a half (None: both) and in some label
        batches: warning+ findings, or every finding of one code (info included) when
        ``code`` is given."""
        chosen = [
            f
            for f in self.findings
            if (half is None or f.held_out == half)
            and f.batch in batches
            and (f.code == code if code is not None else f.warning)
        ]
        verdicts = Counter(f.verdict for f in chosen)
        return verdicts["TP"], verdicts["borderline"], len(chosen)

    def precision_shown(self, half: bool, batches: frozenset[int] = ALL) -> tuple[int, int]:
        """(TP, total) of the findings of every severity in a half: what a reader of
        `charter lint` output sees, info findings included."""
        chosen = [f for f in self.findings if f.held_out == half and f.batch in batches]
        return sum(f.verdict == "TP" for f in chosen), len(chosen)


def load_labels() -> list[Label]:
    by_key = {(u.source, u.line, u.sha): u for u in units()}
    out: list[Label] = []
    for name, batch in LABEL_FILES:
        for e in yaml.safe_load((EVAL / name).read_text(encoding="utf-8")):
            unit = by_key[(e["source"], e["line"], e["sha"])]
            own_or_random = e.get("random", batch == 2) or e["source"] == "own"
            out.append(
                Label(
                    unit,
                    e["label"],
                    tuple(e.get("ambiguous_words", ())),
                    tuple(e.get("borderline_words", ())),
                    own_or_random,
                    batch,
                )
            )
    return out


@dataclass(frozen=True)
class ModelTier:
    """The model tier to add: a provider reference (``P/M``), the ``[providers.*]`` tables
    it may name, and the folder its answers are cached in (None: not cached)."""

    ref: str
    tables: dict[str, object] = field(default_factory=dict)
    folder: Path | None = None


def _lint(path: Path, tier: ModelTier | None = None) -> list[object]:
    import charter
    from charter.lint.engine import lint_project
    from charter.lint.settings import LintSettings

    project = charter.load(path)
    found = lint_project(project, settings=LintSettings(), baseline=False)
    if tier is not None:
        found = [*found, *_model_findings(project, tier)]
    return [d for d in found if d.code != "L901"]


def _model_findings(project: object, tier: ModelTier) -> list[object]:
    """L601 findings of ``tier`` for ``project``; a provider failure stops the benchmark
    (a partial model tier would be scored as if it had found nothing)."""
    from charter.lint.model_tier import model_findings
    from charter.providers.registry import resolve

    provider = resolve(tier.ref, tier.tables)
    found, stats = model_findings(project, provider, tier.ref, tier.folder)  # type: ignore[arg-type]
    print(stats.summary(tier.ref), file=sys.stderr)
    if stats.errors:
        raise RuntimeError(f"the model tier stopped: {stats.errors[0]}")
    return list(found)


def quoted(lines: list[str], d: object) -> str:
    """The words a finding points at, read from the source by its span."""
    line, col = d.line, d.col  # type: ignore[attr-defined]
    end_line, end_col = d.end_line or line, d.end_col or 0  # type: ignore[attr-defined]
    if end_line == line:
        return lines[line - 1][col - 1 : (end_col - 1) if end_col else None]
    parts = [lines[line - 1][col - 1 :], *lines[line : end_line - 1]]
    parts.append(lines[end_line - 1][: max(end_col - 1, 0)])
    return " ".join(parts)


def _is_warning(d: object) -> bool:
    return str(d.severity.value) in ("warning", "error")  # type: ignore[attr-defined]


def verdict(label: Label, words: str) -> str:
    found = content_words(words)
    if len(words.split()) > 8:
        return "FP" if label.label == "clear" else "borderline"
    if any(found & content_words(w) for w in label.ambiguous):
        return "TP"
    if any(found & content_words(w) for w in label.borderline):
        return "borderline"
    return "FP"


def evaluate(tier: ModelTier | None = None, sources: tuple[str, ...] | None = None) -> Result:
    """Score every source (the three releases and the own-sentences files), or ``sources``."""
    labels = load_labels()
    by_source: dict[str, list[Label]] = defaultdict(list)
    for lab in labels:
        by_source[lab.unit.source].append(lab)
    structural = yaml.safe_load((EVAL / "findings.yaml").read_text(encoding="utf-8"))
    result = Result(ambiguous=[lab for lab in labels if lab.label == "ambiguous"])
    for lab in result.ambiguous:
        result.caught[lab.unit.sha] = result.touched[lab.unit.sha] = False
        result.caught_shown[lab.unit.sha] = False
    every = (*(f"{r}/model_spec.md" for r in RELEASES), "own", "own8")
    for source in sources or every:
        path = spec_path(source)
        lines = path.read_text(encoding="utf-8").splitlines()
        found = _lint(path, tier)
        if source == f"{RELEASES[0]}/model_spec.md":
            result.warnings_spec = sum(_is_warning(d) for d in found)
            result.words_spec = len(path.read_text(encoding="utf-8").split())
        for d in found:
            _place(result, by_source[source], structural, source, lines, d)
    return result


def _place(
    result: Result,
    labels: list[Label],
    structural: list[dict[str, str]],
    source: str,
    lines: list[str],
    d: object,
) -> None:
    code, line, col = d.code, d.line, d.col  # type: ignore[attr-defined]
    clause = d.clause or ""  # type: ignore[attr-defined]
    words = " ".join(quoted(lines, d).split())
    for lab in labels:
        u = lab.unit
        if (u.line, u.col) <= (line, col) and (line, col) < (u.end_line, u.end_col or 10**6):
            v = verdict(lab, words)
            result.findings.append(
                Finding(code, words, v, u.held_out, u.clause, _is_warning(d), lab.batch)
            )
            if lab.label == "ambiguous" and v == "TP":
                result.caught_shown[u.sha] = True
            if lab.label == "ambiguous" and _is_warning(d):
                result.touched[u.sha] = True
                result.caught[u.sha] = result.caught[u.sha] or v == "TP"
            return
    for e in structural:
        if (e["source"], e["clause"], e["code"]) == (source, clause, code) and (
            e["words"].lower() in words.lower()
        ):
            result.findings.append(
                Finding(code, words, e["label"], held_out(clause), clause, _is_warning(d))
            )
            return


__all__ = ["CORPUS", "OWN", "ModelTier", "Result", "evaluate"]
