"""Smoke test of ``bench/readability``: it runs on two clusters and prints its tables.

The benchmark data live outside the repository (``<repo>/../shared/bench/duc2004``), so the
test skips when they are absent.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "bench" / "readability"
DATA = (REPO.parent / "shared" / "bench" / "duc2004").resolve()


@pytest.mark.skipif(not (DATA / "clusters.jsonl").is_file(), reason="benchmark data absent")
def test_readability_table_for_lexdigest_and_a_peer() -> None:
    out = subprocess.run(
        [sys.executable, str(SCRIPT), "--limit", "2", "--systems", "lexdigest,ICSISumm"],
        capture_output=True, text=True, timeout=240, check=True).stdout
    header = [ln for ln in out.splitlines() if ln.startswith("system ")]
    assert len(header) == 2  # DUC 2004, then seeds/
    for name in ("lexdigest ", "ICSISumm ", "lexdigest (default)"):
        assert any(ln.startswith(name) for ln in out.splitlines()), out
    assert "opening" in header[0] and "repeat pairs" in header[0]


def test_without_data_it_exits_2_with_one_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), "--data", str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "not found" in run.stderr
