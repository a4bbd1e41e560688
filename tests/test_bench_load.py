"""Smoke test of ``bench/load``: a short run over three clusters prints the full report.

It starts real ``lexdigest-server`` processes and engine processes, like a full run, but for
about two seconds per configuration. The benchmark data live outside the repository, so the
report test skips when they are absent.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "bench" / "load"
DATA = (REPO.parent / "shared" / "bench" / "duc2004").resolve()


def _run(*args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True,
                          text=True, timeout=timeout, cwd=REPO)


def test_missing_data_exits_2(tmp_path: Path) -> None:
    proc = _run("--data", str(tmp_path / "nowhere"), timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "not found" in proc.stderr


@pytest.mark.slow
def test_report_of_a_short_run() -> None:
    if not (DATA / "clusters.jsonl").is_file():
        pytest.skip(f"benchmark data absent: {DATA}")
    proc = _run("--limit", "3", "--seconds", "2", "--rounds", "2", "--warmup", "0.3",
                "--concurrency", "4", timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"(gRPC, --workers \d|engine alone, \d process(?:es)?)\s+(\d+)\s+"
                     r"([\d.]+)(?:\s+[\d.]+){3}\s+(\S+)$", line)
        if m:
            rows[m.group(1)] = (int(m.group(2)), float(m.group(3)), m.group(4))
    assert set(rows) == {"gRPC, --workers 1", "gRPC, --workers 2", "engine alone, 1 process",
                         "engine alone, 2 processes"}
    for name, (calls, rps, errors) in rows.items():
        assert calls > 0 and rps > 0, name
        assert errors == "none", name
    ratio = re.search(r"--workers 2 / --workers 1: ([\d.]+)x requests/s; by round: "
                      r"([\d.]+) ([\d.]+)$", proc.stdout, re.M)
    assert ratio, proc.stdout
    assert float(ratio.group(1)) == pytest.approx(
        rows["gRPC, --workers 2"][1] / rows["gRPC, --workers 1"][1], abs=0.01)
    assert re.search(r"--workers 2 = \d+% of the engine alone in 2 processes .*; by round: "
                     r"\d+% \d+%$", proc.stdout, re.M), proc.stdout
