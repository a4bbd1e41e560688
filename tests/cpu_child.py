"""A child process that runs one piece of lexdigest per request line and answers with the CPU
seconds it took: what the linear-time fuzz tests measure, so a pattern that hangs costs the
test a timeout and a new child, never the test run itself."""

from __future__ import annotations

import json
import select
import subprocess
import sys

import pytest


class CpuChild:
    """``script`` reads JSON strings from stdin, one per line, and prints either the CPU
    seconds spent on each or, when it raised, its traceback as a JSON string."""

    def __init__(self, script: str) -> None:
        self.script = script
        self.proc = self._start()

    def _start(self) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-c", self.script], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, encoding="utf-8")

    def cpu_seconds(self, text: str, timeout: float) -> float:
        """CPU seconds the child spent on ``text``; ``inf`` past ``timeout`` (child replaced)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(text) + "\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if ready:
            line = self.proc.stdout.readline()
            if line.startswith('"'):
                pytest.fail(f"lexdigest raised on {text[:80]!r}:\n{json.loads(line)}")
            if line:
                return float(line)
        self.close()
        self.proc = self._start()
        return float("inf")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
