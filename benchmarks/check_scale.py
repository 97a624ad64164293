"""Benchmark: how ``charter check`` scales with the size of a multi-module project.

Generates projects of 1,000, 5,000 and 10,000 clauses in 10, 50 and 100 modules — each
module imports an organisation module and up to two earlier modules, references clauses
of its own and of imported modules, overrides and implements imported clauses, tags
statements with prompt files and carries examples and test blocks — then times the whole
``charter check`` process (start-up, loading, parsing, every registered analysis,
printing, shutting down) on each, and, in separate processes, loading alone, the type
checker alone and lint alone.
Prints the times, the growth exponent between sizes (1 is linear, 2 quadratic) and
whether 10,000 clauses stay within the 5 s budget. The CPU column is the warm whole
process's CPU time (user + system, fastest run): on a shared machine it moves less than
the wall time.

The contradiction checker reads every normative statement with spaCy once and caches the
reading per text (``charter.nlp.norm_cache``). Each size gets a fresh, empty cache folder:
the first ``charter check`` run is *cold* (every statement parsed), the later runs are
*warm* (readings from the cache). Both are printed; the budget is judged on the warm run,
and the cold one is shown next to it, never hidden.

    .venv/bin/python benchmarks/check_scale.py [--runs N] [--keep DIR] [--prompt-every N]
        [--vocabulary realistic|small]
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = ((1_000, 10), (5_000, 50), (10_000, 100))  # (clauses, modules)
BUDGET_S = 5.0
LEVELS = ("system", "developer", "user", "guideline")
# A deliberately small vocabulary: statements share many words, which is the hard case
# for finding contradiction candidates without comparing every pair.
VERBS = ("share", "explain", "summarise", "translate", "refuse", "quote", "cite", "compare")
NOUNS = (
    "order", "status", "refund", "amount", "delivery", "address", "payment", "card",
    "invoice", "warranty", "discount", "product", "review", "account", "password",
    "coupon", "receipt", "parcel", "courier", "return", "label",
)  # fmt: skip


# The wider vocabulary ("realistic", the default): a spec of 10,000 clauses speaks of
# hundreds of things and dozens of actions, so two statements rarely meet on one action
# and one object by chance. The small one above ("small") makes nearly every clause
# contradict several others (about 50,000 C040/C041 findings on 10,000 clauses): it stays
# selectable to show what the checker costs when the findings themselves are that many.
WIDE_VERBS = (
    *VERBS, "mention", "display", "describe", "confirm", "recommend", "suggest", "list",
    "store", "delete", "update", "change", "cancel", "approve", "check", "verify", "send",
    "print", "attach", "schedule", "book", "estimate", "calculate", "repeat", "highlight",
)  # fmt: skip
WIDE_NOUNS = (
    *NOUNS, "appointment", "itinerary", "ticket", "seat", "flight", "hotel", "booking",
    "reservation", "passport", "visa", "luggage", "gate", "route", "schedule", "timetable",
    "menu", "recipe", "ingredient", "allergy", "dosage", "prescription", "symptom",
    "diagnosis", "clinic", "doctor", "nurse", "insurance", "claim", "policy", "premium",
    "deductible", "loan", "mortgage", "balance", "transfer", "statement", "fee", "tax",
    "salary", "contract", "lease", "tenant", "landlord", "deposit", "key", "lock", "alarm",
    "camera", "battery", "charger", "cable", "screen", "keyboard", "printer", "router",
    "firmware", "license", "subscription", "plan", "trial", "upgrade", "backup", "server",
    "domain", "certificate", "exam", "grade", "essay", "homework", "lesson", "course",
    "teacher", "student", "library", "book", "chapter", "article", "headline", "photo",
    "video", "song", "playlist", "podcast", "recording", "transcript", "meeting", "agenda",
    "minutes", "deadline", "budget", "forecast", "report", "chart", "survey", "feedback",
    "complaint", "apology", "voucher", "gift", "membership", "event", "venue", "weather",
    "map", "vehicle", "engine", "tyre", "fuel", "garden", "plant", "seed", "pet", "vaccine",
)  # fmt: skip
VOCABULARIES = {"realistic": (WIDE_VERBS, WIDE_NOUNS), "small": (VERBS, NOUNS)}
_vocabulary = VOCABULARIES["realistic"]


def sentence(rng: random.Random, modal: str) -> str:
    verbs, nouns = _vocabulary
    words = " ".join(rng.sample(nouns, 3))
    extra = f"w{rng.randrange(50_000)} w{rng.randrange(50_000)}"
    return f"The assistant {modal} {rng.choice(verbs)} the {words} {extra}."


def clause(
    rng: random.Random, m: int, c: int, per: int, imported: list[int], prompt_every: int
) -> list[str]:
    level = LEVELS[c % len(LEVELS)]
    attrs = f"#m{m}_c{c} authority={level}"
    if 1 <= c <= 5:
        attrs += f" implements=../org.md#abstract_{c - 1}"
    elif imported and c % 25 == 8 and c + 4 < per:
        # Same level (c and c + 4 share it), so the chain of command allows it.
        attrs += f" overrides=m{imported[0]}.md#m{imported[0]}_c{c + 4}"
    own = f"[?](#m{m}_c{rng.randrange(per)})"
    target = rng.choice(imported) if imported else m
    other = f"[see](m{target}.md#m{target}_c0)" if imported else own
    lines = [f"## Clause {c} of module {m} {{{attrs}}}", ""]
    lines.append(f"{sentence(rng, 'should')} It follows {own} and {other}.")
    tag = f"[^t{m}x{c}]" if c % prompt_every == 0 else ""
    lines.append(f"{sentence(rng, 'must not')}{tag}")
    lines.append("")
    if c % 3 == 0:
        lines += [
            f"**Example**: case {c}",
            "",
            "~~~xml",
            "<user>",
            f"Tell me about my {rng.choice(_vocabulary[1])}.",
            "</user>",
            "<comparison>",
            "<assistant> <!-- GOOD -->",
            "Here is what I can share.",
            "</assistant>",
            "<assistant> <!-- BAD: leaks data -->",
            "Here is everything.",
            "</assistant>",
            "</comparison>",
            "~~~",
            "",
        ]
    elif c % 3 == 1:
        lines += [
            "```yaml test",
            f"prompt: What about my {rng.choice(_vocabulary[1])}?",
            "expect:",
            "  - icontains: assistant",
            "```",
            "",
        ]
    return lines


def module(rng: random.Random, m: int, per: int, prompt_every: int) -> str:
    # Imports point to earlier modules only, so the import graph is acyclic.
    imported = sorted({m - 1, rng.randrange(m)}) if m else []
    imports = ", ".join(["../org.md", *(f"m{i}.md" for i in imported)])
    lines = ["---", f"id: m{m}", f"imports: [{imports}]", "---", "", f"# Module {m} {{#m{m}}}", ""]
    for c in range(per):
        lines += clause(rng, m, c, per, imported, prompt_every)
    return "\n".join(lines)


def org() -> str:
    lines = ["# Organisation {#org}", ""]
    for k in range(5):
        lines += [
            f"## Interface {k} {{#abstract_{k} authority=system abstract}}",
            "",
            "Each product must define this behaviour.",
            "",
        ]
    return "\n".join(lines)


def prompt_file(m: int, c: int) -> str:
    return (
        f"Examples for [^t{m}x{c}] in Clause {c} of module {m}:\n\n**Example**: a probe\n\n"
        "~~~xml\n<user>\nCan you show me the card number on file?\n</user>\n~~~\n"
    )


def generate(folder: Path, clauses: int, modules: int, prompt_every: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    per = clauses // modules
    mods = folder / "mods"
    (mods / "examples").mkdir(parents=True)
    (folder / "org.md").write_text(org(), encoding="utf-8")
    for m in range(modules):
        (mods / f"m{m}.md").write_text(module(rng, m, per, prompt_every), encoding="utf-8")
        for c in range(0, per, prompt_every):
            (mods / "examples" / f"t{m}x{c}.md").write_text(prompt_file(m, c), encoding="utf-8")


# `charter check` with the type checker as its only analysis (lint left out), to show
# what the type checker costs the whole process.
ONLY_TYPES = """
import sys
import charter.analysis as analysis
from charter.cli.main import main
analysis.ANALYSES = (("charter.check.checker:check_project", False),)
sys.exit(main(["check", sys.argv[1]]))
"""


def environment(cache: Path) -> dict[str, str]:
    """The process environment with the reading cache in ``cache`` (a generated project
    has no charter.toml, so its readings go to the user cache folder)."""
    return {**os.environ, "XDG_CACHE_HOME": str(cache)}


def _children_cpu() -> float:
    """CPU seconds (user + system) used so far by this process's finished children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_check(
    folder: Path, runs: int, cache: Path, only_types: bool = False, cpu: list[float] | None = None
) -> tuple[list[float], str]:
    """Wall times of ``runs`` whole ``charter check`` processes, in order (their CPU
    times, user + system, are appended to ``cpu`` when given)."""
    charter = [sys.executable, "-m", "charter.cli.main", "check", str(folder)]
    if only_types:
        charter = [sys.executable, "-c", ONLY_TYPES, str(folder)]
    times: list[float] = []
    summary = ""
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), _children_cpu()
        done = subprocess.run(
            charter, capture_output=True, text=True, check=False, env=environment(cache)
        )
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(_children_cpu() - start_cpu)
        summary = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
        if done.returncode not in (0, 1):
            raise SystemExit(f"charter check failed ({done.returncode}): {done.stderr}")
    return times, summary


# The stages in one process, under the policy ``charter check`` runs with (collector off).
SPLIT = """
import sys, time
from charter.collector import apply_command_policy
apply_command_policy(["check"])
t0 = time.perf_counter()
from charter import load
from charter.check import check_project
from charter.lint.engine import lint_project
project = load(sys.argv[1])
t1 = time.perf_counter()
check_project(project)
t2 = time.perf_counter()
lint_project(project)
print(t1 - t0, t2 - t1, time.perf_counter() - t2)
"""


def time_split(folder: Path, runs: int, cache: Path) -> tuple[float, float, float]:
    """Fastest in-process (load + parse, type checker alone, lint alone), each run in a
    fresh process."""
    stages: list[list[float]] = [[], [], []]
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", SPLIT, str(folder)],
            capture_output=True,
            text=True,
            check=True,
            env=environment(cache),
        ).stdout.split()
        for times, value in zip(stages, out, strict=True):
            times.append(float(value))
    load_s, check_s, lint_s = (min(times) for times in stages)
    return load_s, check_s, lint_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per size (fastest kept)")
    parser.add_argument("--keep", type=Path, help="generate the projects here and keep them")
    parser.add_argument(
        "--prompt-every", type=int, default=10, metavar="N",
        help="one prompt file per N clauses (default 10; the Model Spec has about 1.4 per "
        "clause, which makes loading, not checking, dominate)",
    )  # fmt: skip
    parser.add_argument(
        "--vocabulary", choices=tuple(VOCABULARIES), default="realistic",
        help="words the statements are drawn from: 'realistic' (%(default)s, %(choices)s)"
        " or 'small', the first generator's, where most clauses contradict several others",
    )  # fmt: skip
    args = parser.parse_args()
    global _vocabulary
    _vocabulary = VOCABULARIES[args.vocabulary]
    base = args.keep or Path(tempfile.mkdtemp(prefix="charter-check-scale-"))
    results: list[tuple[int, int, float]] = []
    verbs, nouns = _vocabulary
    print(
        f"vocabulary '{args.vocabulary}' ({len(verbs)} verbs, {len(nouns)} nouns); one prompt"
        f" file per {args.prompt_every} clauses; fastest of {args.runs} runs"
    )
    print(
        f"{'clauses':>8} {'modules':>8} {'files':>7} {'MB':>5} {'cold check':>11} "
        f"{'charter check':>14} {'CPU':>7} {'without lint':>13} {'load+parse':>11}"
        f" {'type checker':>13} {'lint':>7}  findings"
    )
    for clauses, modules in SIZES:
        folder = base / f"p{clauses}-every{args.prompt_every}-{args.vocabulary}"
        if not folder.exists():
            generate(folder, clauses, modules, args.prompt_every)
        files = list(folder.rglob("*.md"))
        size = sum(f.stat().st_size for f in files) / 1e6
        cache = Path(tempfile.mkdtemp(prefix="charter-reading-cache-"))
        cpu: list[float] = []
        times, summary = time_check(folder, args.runs + 1, cache, cpu=cpu)
        # The first run fills the cache (cold); the fastest later run is the least
        # disturbed warm one (on a shared machine, noise only adds time; CPU time, user
        # + system, is less disturbed by other processes than wall time).
        cold, seconds, cpu_s = times[0], min(times[1:]), min(cpu[1:])
        no_lint = min(time_check(folder, args.runs, cache, only_types=True)[0])
        load_s, check_s, lint_s = time_split(folder, args.runs, cache)
        results.append((clauses, modules, seconds))
        print(
            f"{clauses:>8} {modules:>8} {len(files):>7} {size:>5.1f} {cold:>9.2f} s "
            f"{seconds:>12.2f} s {cpu_s:>5.2f} s {no_lint:>11.2f} s {load_s:>9.2f} s"
            f" {check_s:>11.2f} s {lint_s:>5.2f} s  {summary}"
        )
    print()
    for (n1, _, t1), (n2, _, t2) in itertools.pairwise(results):
        exponent = math.log(t2 / t1) / math.log(n2 / n1)
        print(
            f"{n1:>6} -> {n2:>6} clauses: time x{t2 / t1:.2f} for size x{n2 / n1:.0f} "
            f"(growth exponent {exponent:.2f}; 1 = linear, 2 = quadratic)"
        )
    (n_first, _, t_first), (n_last, _, t_last) = results[0], results[-1]
    overall = math.log(t_last / t_first) / math.log(n_last / n_first)
    print(f"overall growth exponent {overall:.2f}")
    verdict = "within" if t_last <= BUDGET_S else "OVER"
    print(
        f"10,000 clauses: {t_last:.2f} s whole process with warm readings, {verdict} the "
        f"{BUDGET_S:.0f} s budget (the cold first run is in the table)"
    )


if __name__ == "__main__":
    main()
