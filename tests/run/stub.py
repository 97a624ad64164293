"""The shared benchmark stub (``../shared/bench/stub_openai.py``) as a real subprocess on
127.0.0.1 for tests: started with ``--port 0``, its port read from ``--port-file``, its
counters read from ``GET /stats`` (the server's own log of what it received)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType
from typing import Any

from tests.conftest import SHARED

STUB = SHARED / "bench" / "stub_openai.py"


class Stub:
    def __init__(self, workdir: Path, *args: str) -> None:
        self.args, self.port_file = args, workdir / "stub.port"
        self.port = 0
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> Stub:
        if not STUB.is_file():
            raise RuntimeError(f"shared stub not found at {STUB}; set CHARTER_SHARED")
        command = [sys.executable, str(STUB), "--host", "127.0.0.1", "--port", "0"]
        command += ["--port-file", str(self.port_file), *self.args]
        self._proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.port_file.is_file() and self.port_file.read_text().strip():
                self.port = int(self.port_file.read_text())
                return self
            time.sleep(0.02)
        self._proc.kill()
        raise RuntimeError("the stub did not start")

    def stats(self) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/stats", timeout=10) as reply:
            data: dict[str, Any] = json.load(reply)
            return data

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._proc is not None:
            self._proc.terminate()
            self._proc.wait(10)
