"""collector_paused pauses the cyclic collector for a block and restores its state."""

from __future__ import annotations

import gc

import pytest

from charter import collector
from charter.collector import collecting, collector_paused, one_shot_process


def test_the_collector_is_paused_and_restored() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error_and_left_off_when_it_was_off() -> None:
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize(
    "command", ["check", "lint", "parse", "diff", "changelog", "compile", "fix"]
)
def test_one_shot_commands_turn_the_collector_off(command: str) -> None:
    from charter.collector import apply_command_policy

    threshold = gc.get_threshold()
    try:
        assert apply_command_policy([command, "spec/"])
        assert not collecting() and one_shot_process()
        gc.enable()  # as a library may do (srsly, loading spaCy's model)
        assert not collecting()
    finally:
        gc.enable()
        gc.set_threshold(*threshold)
        collector._ONE_SHOT_PROCESS[0] = False


@pytest.mark.parametrize(
    "argv", [["test", "spec/"], ["regrade"], ["calibrate"], ["serve"], ["lsp"], ["--help"], []]
)
def test_long_running_and_other_commands_keep_the_collector(argv: list[str]) -> None:
    from charter.collector import apply_command_policy

    assert not apply_command_policy(argv)
    assert collecting() and not one_shot_process()


# A child that registers a reporter *before* the policy: atexit runs handlers last-in
# first-out, so the reporter runs after the policy's handler and sees what it left.
_AT_EXIT = """
import atexit, gc, sys
from charter.collector import apply_command_policy
atexit.register(lambda: print("frozen", gc.get_freeze_count() > 0, flush=True))
apply_command_policy(sys.argv[1:])
keep = [[i] for i in range(1000)]
"""


@pytest.mark.parametrize(("argv", "frozen"), [(["check", "spec/"], True), (["lsp"], False)])
def test_one_shot_commands_freeze_objects_at_exit(argv: list[str], frozen: bool) -> None:
    """One-shot commands skip the shutdown's full collection over everything they built."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _AT_EXIT, *argv], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == f"frozen {frozen}"
