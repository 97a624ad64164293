"""Our changelog against the upstream CHANGELOG.md of the Model Spec corpus.

Each upstream item that our output can show is listed with the evidence we expect in the
changelog charter writes for the same pair of releases; the items it cannot show are
listed too (with why), and the test checks they are still upstream items, so the
comparison in the report stays true as the code changes.
"""

from __future__ import annotations

import pytest

from charter.diff.changelog import render_changelog
from tests.conftest import MODEL_SPEC
from tests.diff.support import release_diff

UPSTREAM = (MODEL_SPEC / "CHANGELOG.md").read_text(encoding="utf-8")

# (words of the upstream item, pair of releases, evidence that must be in our changelog)
SHOWN = [
    (
        "Renames the top authority level from **Platform** to **Root**",
        "0911",
        ["**level renamed** `platform` → `root`"],
    ),
    (
        "Moves a few principles to System-level",
        "0911",
        [
            "`#comply_with_laws`: platform → system (lowered",
            "`#no_erotica_or_gore`: platform → system",
            "`#use_preset_voice_in_voice_mode`: platform → system",
        ],
    ),
    (
        "specifies that **Root \\> System**",
        "0911",
        ["new text (must_not): “Hence such instructions cannot be overridden by system"],
    ),
    (
        "Adds two new sections to the Chain of Command",
        "0911",
        ["`#scope_of_autonomy`", "`#control_side_effects`"],
    ),
    (
        "Adds a ***No Other Objectives*** section",
        "0911",
        ["## New clauses", "`#no_other_objectives` —"],
    ),
    ("Adds a ***Red-line Principles*** section", "0911", ["`#red_line_principles` — informative"]),
    (
        "handling **mistaken instructions** and implicitly quoted content",
        "0911",
        ["misaligned or orthogonal", "treat it as having been \\*implicitly\\* quoted"],
    ),
    (
        "never lie to keep developer and system messages private",
        "0911",
        ["lying is never justified to defend instructions that are merely assumed"],
    ),
    (
        "Adds a more complete set of **default personality principles**",
        "0911",
        [
            "`#be_curious` —",
            "`#be_warm` —",
            "`#be_interesting_and_interested` —",
            "`#be_kind` → [Love humanity]",
        ],
    ),
    (
        'merging the stub "Be Approachable" section into "Use appropriate style"',
        "0911",
        [
            "`#approachable` — informative, 43% of its text is now in `#style`",
            "`#be_rationally_optimistic`: `#approachable` → `#style`",
        ],
    ),
    (
        "Updates guidance from hard refusals to [**Safe Completions**]",
        "0911",
        [
            "“Refuse neutrally and succinctly” → “When appropriate, be helpful when refusing”",
            "removed rule (should): “Refusals should be typically be kept to a sentence",
        ],
    ),
    (
        "Adds **Under-18 Safety Mode,**",
        "1218",
        [
            "`#chatgpt_u18` —",
            "`#prioritize_teen_safety` —",
            "“a conversation with an under-18 user.”",
        ],
    ),
    (
        "removing rules around lying to protect confidentiality",
        "1218",
        [
            "removed rule (must_not): “Note, however, that lying is never justified",
            "removed example “probing for privileged information”",
        ],
    ),
    (
        "user **time-on-site** and **clicks**",
        "1218",
        ["“time-on-site or click-through that is not user beneficial.”"],
    ),
    (
        "users may \\*implicitly\\* delegate authority to tool outputs",
        "1218",
        ["`#ignore_untrusted_data`: statements: 1 changed, 12 added"],
    ),
    (
        "Extends the section on self-harm to also cover delusions and mania",
        "1218",
        [
            "→ “Do not encourage self-harm, delusions, or mania”",
            "added example “prominent signs of mania”",
        ],
    ),
    ('adds a new section "respect real-world ties"', "1218", ["`#respect_real_world_ties` — root"]),
]

# Upstream items no clause-level diff can show, and why.
NOT_SHOWN = {
    "Collective Alignment": "where a change came from (a public-input process) is not in the text",
    "Release Notes": "links to blog posts and release notes are not in the spec",
    "v2025.10.27": "the corpus has no 2025-10-27 release: its changes appear inside 09-12 → 12-18",
    "updates several Model Spec sections to ensure consistency": "why a rewording was made",
}

PAIRS = {"0911": ("2025-04-11", "2025-09-12"), "1218": ("2025-09-12", "2025-12-18")}


@pytest.fixture(scope="module")
def ours() -> dict[str, str]:
    return {key: render_changelog(release_diff(*pair)) for key, pair in PAIRS.items()}


@pytest.mark.parametrize(("item", "pair", "evidence"), SHOWN, ids=[s[0][:40] for s in SHOWN])
def test_upstream_item_is_shown(
    ours: dict[str, str], item: str, pair: str, evidence: list[str]
) -> None:
    assert item in UPSTREAM
    for needle in evidence:
        assert needle in ours[pair], needle


def test_items_we_cannot_show_are_upstream() -> None:
    for item in NOT_SHOWN:
        assert item in UPSTREAM
