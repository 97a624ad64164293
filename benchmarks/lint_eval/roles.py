"""Would a vague word's *role* find ambiguity in general? Measured on the development half.

    .venv/bin/python benchmarks/lint_eval/roles.py [--gradable | --wordnet | --wordnet-near]
        [--verbose]

Each candidate method below marks words of a rule (a statement whose reading is deontic,
imperative or a gerund item) by syntax alone, never by a list of vague words:

- ``trigger``: an adjective or adverb inside an ``if/when/unless/where`` clause;
- ``relcl``: one inside a relative clause ("instructions that are low risk");
- ``predicate``: a predicate adjective, the required property ("must be short");
- ``proh-obj`` / ``obj``: an adjective on the object of a prohibited / required action
  ("should not provide detailed steps");
- ``manner``: an adverb on the verb of the rule;
- ``excess``: an excess operator ("overly", "over-", "too", "excessive", "unnecessary");
- ``elliptic``: a subjectless condition ("when necessary", "if relevant").

``--wordnet`` is the fourth round's candidate rule (issue 12: recall from one general idea):
a word WordNet marks gradable (``charter.nlp.standard.gradable``: an adjective with a direct
antonym or a satellite of one, an adverb derived from one), in a deciding role (every role
above but ``other``), not in a reason clause, with no standard of its own in the sentence
(``own_standard``: superlative, "than", a number, examples), and not already quoted by a
warning of the current rules: only these *new* findings are scored.

``--wordnet-near`` scores the other WordNet reading: the words of the current L101/L102
lists' first senses, their synonyms and similar-to neighbours (``&``, through the head for a
satellite), as new findings under the same conditions.

``--gradable`` keeps only words the three Model Spec releases themselves use as gradable
(a comparative or superlative form, or a degree adverb such as "very", "too", "more" on
them): a reading of "takes degree" that needs no word list. Each method's findings are
scored like lint findings (RUBRIC.md: TP / borderline / FP by the labelled words), and the
ambiguous statements it catches are counted. Only the development half is read: nothing
of the held-out half is scored or printed.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from charter.nlp.reading import Reading, Token, explains, read
from charter.nlp.standard import gradable as wordnet_gradable
from charter.nlp.standard import open_threshold, own_standard
from lint_eval.score import load_labels, verdict
from lint_eval.units import RELEASES, spec_path

TRIGGERS = frozenset({"if", "when", "unless", "where", "whenever", "wherever"})
LIMITING = frozenset({"avoid", "refrain", "minimize", "limit", "reduce", "prevent"})
_DEGREE = "more most less least very too so quite fairly highly extremely sufficiently overly"
DEGREE = frozenset(f"{_DEGREE} excessively unduly particularly especially reasonably".split(" "))
EXCESS = frozenset(["overly", "excessively", "unnecessarily", "unduly", "needlessly", "too"])
EXCESS_ADJ = frozenset(["excessive", "unnecessary", "undue", "needless", "gratuitous"])
COMPARED = frozenset({"JJR", "JJS", "RBR", "RBS"})


def gradable_in_corpus() -> frozenset[str]:
    """Lemmas the Model Spec releases use with a degree: 'more detailed', 'too high'."""
    lines = [
        line
        for release in RELEASES
        for line in spec_path(f"{release}/model_spec.md").read_text("utf-8").splitlines()
        if line.strip()
    ]
    found: set[str] = set()
    for r in read(lines):
        for i, t in enumerate(r.tokens):
            if t.pos not in ("ADJ", "ADV"):
                continue
            compared = t.tag in COMPARED and t.lemma.lower() not in DEGREE
            if compared or any(c.dep == "advmod" and c.lower in DEGREE for c in r.children(i)):
                found.add(t.lemma.lower())
    return frozenset(found)


def _limits(r: Reading, v: int) -> bool:
    verb = r.tokens[v]
    if verb.lemma.lower() in LIMITING:
        return True
    if any(c.dep == "neg" or c.lower == "never" for c in r.children(v)):
        return True
    head = r.tokens[verb.head]
    return verb.dep in ("xcomp", "pcomp") and head.lemma.lower() in LIMITING


def _clause_role(r: Reading, i: int) -> str | None:
    seen: set[int] = set()
    while i not in seen:
        seen.add(i)
        t = r.tokens[i]
        marks = [c for c in r.children(i) if c.dep == "mark" and c.lower in TRIGGERS]
        if t.dep == "advcl" and marks:
            return "trigger"
        if t.dep == "relcl":
            return "relcl"
        if t.dep == "ROOT":
            return None
        i = t.head
    return None


def role(r: Reading, i: int) -> str:
    """The role of the modifier at ``i`` in its rule (see the module docstring)."""
    found = _clause_role(r, i)
    if found:
        return found
    k = i
    while r.tokens[k].dep == "conj" and r.tokens[k].head != k:
        k = r.tokens[k].head
    t = r.tokens[k]
    if t.dep in ("acomp", "oprd"):
        return "predicate"
    if t.dep == "amod":
        noun = r.tokens[t.head]
        verb = noun.head if noun.dep == "dobj" else None
        if noun.dep == "pobj":
            verb = r.tokens[noun.head].head
        if verb is not None:
            return "proh-obj" if _limits(r, verb) else "obj"
    if r.tokens[i].pos == "ADV" and r.tokens[i].dep == "advmod":
        return "manner"
    return "other"


def _excess(t: Token) -> bool:
    low = t.lower
    return low in EXCESS or low in EXCESS_ADJ or low.startswith("over-")


def _elliptic(r: Reading, i: int) -> bool:
    kids = r.children(i)
    subjectless = not any(c.dep in ("nsubj", "nsubjpass", "expl", "aux") for c in kids)
    return subjectless and any(c.dep == "mark" and c.lower in TRIGGERS for c in kids)


def detect(r: Reading, gradable: frozenset[str] | None) -> Iterator[tuple[str, str]]:
    if r.force not in ("deontic", "imperative", "gerund"):
        return
    for i, t in enumerate(r.tokens):
        if _excess(t):
            head = r.tokens[t.head]
            yield "excess", f"{t.text} {head.text}" if t.head > i else t.text
        if t.pos not in ("ADJ", "ADV") or t.tag in COMPARED:
            continue
        if _elliptic(r, i):
            yield "elliptic", t.text
        if gradable is None or t.lemma.lower() in gradable:
            yield role(r, i), t.text


DECIDING = frozenset({"trigger", "relcl", "predicate", "obj", "proh-obj", "manner"})


def detect_wordnet(r: Reading) -> Iterator[tuple[str, str]]:
    """The candidate rule of ``--wordnet`` (module docstring), before removing old findings."""
    if r.force not in ("deontic", "imperative", "gerund"):
        return
    for i, t in enumerate(r.tokens):
        if t.pos not in ("ADJ", "ADV") or t.tag in COMPARED or t.lower in DEGREE:
            continue
        if not wordnet_gradable(t.lemma.lower(), t.pos):
            continue
        found = role(r, i)
        if found in DECIDING and not explains(r, i) and not own_standard(r, i):
            yield found, t.text


def near_words(rule: str, pos: str) -> frozenset[str]:
    """The WordNet neighbours of a vagueness rule's own words (``--wordnet-near``)."""
    import yaml

    from charter.nlp import wordnet

    pack = Path(__file__).resolve().parents[2] / "src/charter/lint/packs/vagueness.yaml"
    rules = yaml.safe_load(pack.read_text("utf-8"))["rules"]
    tokens = next(r for r in rules if r["code"] == rule)["tokens"]
    seeds = {w for w in tokens if " " not in w}
    out: set[str] = set()
    for seed in seeds:
        out |= wordnet.synonyms(seed, pos, 1) | wordnet.related(seed, pos, "&", 1)
        for s in wordnet.synsets(seed, pos, 1):
            heads = (wordnet.synset(p.offset, p.pos) for p in s.pointers if p.symbol == "&")
            out |= {w for h in heads if h is not None for w in h.lemmas}
    return frozenset(out - seeds)


def detect_near(r: Reading) -> Iterator[tuple[str, str]]:
    """``--wordnet-near``: a neighbour of L101/L102's words, an open threshold of the rule."""
    if r.force not in ("deontic", "imperative", "gerund"):
        return
    near = {"ADJ": near_words("L102", "a"), "ADV": near_words("L101", "r")}
    for i, t in enumerate(r.tokens):
        if t.lemma.lower() in near.get(t.pos, ()) and not explains(r, i) and open_threshold(r, i):
            yield "near", t.text


def old_words() -> dict[str, list[str]]:
    """The words each development-half clause's current warnings quote."""
    from lint_eval.score import evaluate

    quoted: dict[str, list[str]] = defaultdict(list)
    for f in evaluate().findings:
        if f.warning and not f.held_out:
            quoted[f.clause].append(f.words.lower())
    return quoted


def main(argv: list[str]) -> int:
    if "--wordnet" in argv or "--wordnet-near" in argv:
        return main_wordnet(argv)
    gradable = gradable_in_corpus() if "--gradable" in argv else None
    labels = [lab for lab in load_labels() if not lab.unit.held_out]
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    caught: dict[str, set[str]] = defaultdict(set)
    for lab, r in zip(labels, read([lab.unit.text for lab in labels]), strict=True):
        for method, words in detect(r, gradable):
            v = verdict(lab, words)
            tally[method][v] += 1
            if v == "TP" and lab.label == "ambiguous":
                caught[method].add(lab.unit.sha)
            if "--verbose" in argv:
                print(f"{method:<10} {v:<10} {words!r} in {lab.unit.clause}")
    ambiguous = sum(lab.label == "ambiguous" for lab in labels)
    print(f"development half: {ambiguous} ambiguous statements; gradable filter: {bool(gradable)}")
    for method, c in sorted(tally.items()):
        n = sum(c.values())
        print(
            f"{method:<10} precision strict {c['TP'] / n:.2f} ({c['TP']}/{n}), "
            f"with borderline {(c['TP'] + c['borderline']) / n:.2f}, "
            f"catches {len(caught[method])} ambiguous statements"
        )
    return 0


def main_wordnet(argv: list[str]) -> int:
    labels = [lab for lab in load_labels() if not lab.unit.held_out]
    old = old_words()
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    caught: set[str] = set()
    for lab, r in zip(labels, read([lab.unit.text for lab in labels]), strict=True):
        found = detect_near(r) if "--wordnet-near" in argv else detect_wordnet(r)
        for method, words in found:
            if any(words.lower() in w for w in old[lab.unit.clause]):
                continue  # already a warning of the current rules: not a new finding
            v = verdict(lab, words)
            tally[method][v] += 1
            tally["all"][v] += 1
            if v == "TP" and lab.label == "ambiguous":
                caught.add(lab.unit.sha)
            if "--verbose" in argv:
                print(f"{method:<10} {v:<10} {words!r} in {lab.unit.clause}")
    for method, c in sorted(tally.items()):
        n = sum(c.values())
        print(
            f"{method:<10} new findings {n}: strict {c['TP'] / n:.2f} ({c['TP']}/{n}), "
            f"with borderline {(c['TP'] + c['borderline']) / n:.2f}"
        )
    print(f"ambiguous statements newly caught: {len(caught)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
