"""A small soak (``benchmarks/soak.py`` at test size): a few hundred cases through the
shared stub with 429s, 500s and dropped connections, two SIGKILLs at random moments,
each followed by ``--resume``. No case is lost, none is settled twice, and the run ends
``finished``."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from tests.conftest import REPO, SHARED


def _soak_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("soak", REPO / "benchmarks" / "soak.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_small_soak_loses_nothing_and_settles_each_case_once(tmp_path: Path) -> None:
    soak = _soak_module()
    faults = ["--fault-429", "0.1", "--fault-500", "0.05", "--fault-drop", "0.02"]
    faults += ["--retry-after", "1", "--seed", "3"]
    figures = soak.soak(SHARED / "bench", 400, 16, 20.0, 2, faults, 3, tmp_path)
    assert figures["kills"] == 2, figures
    assert figures["lost"] == 0, figures
    assert figures["duplicated"] == 0, figures
    assert figures["settled"] == 400 and figures["run_status"] == "finished"
    assert figures["exit_codes"][-1] in (0, 3), figures  # 3 if a case errored for good
    assert figures["stub_by_status"].get("429", 0) > 0
