"""Smoke test of ``bench/quality``: it runs on two clusters and prints the expected table.

The benchmark data live outside the repository (``<repo>/../shared/bench/duc2004``), so the
table test skips when they are absent, and also while the lexdigest engine is not importable.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "bench" / "quality"
DATA = (REPO.parent / "shared" / "bench" / "duc2004").resolve()

PEERS = (
    "Lead",
    "LexRank",
    "Centroid",
    "FreqSum",
    "TsSum",
    "GreedyKL",
    "CLASSY04",
    "CLASSY11",
    "Submodular",
    "DPP",
    "OCCAMS_V",
    "RegSum",
    "ICSISumm",
)
SUMY = ("sumy-LexRank", "sumy-TextRank", "sumy-LSA", "sumy-Luhn")


def _run(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=REPO,
    )


def _require_engine() -> None:
    try:
        module = importlib.import_module("lexdigest")
    except ImportError as exc:
        pytest.skip(f"lexdigest is not importable: {exc}")
    if not callable(getattr(module, "summarize", None)):
        pytest.skip("lexdigest.summarize does not exist yet")


def _table_rows(stdout: str) -> dict[str, list[str]]:
    """Rows of the printed table by system name (the lines between the rule and a blank)."""
    lines = stdout.splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("----"))
    rows: dict[str, list[str]] = {}
    for line in lines[rule + 1 :]:
        if not line.strip():
            break
        # Names may contain one space ("lexdigest (cli)"); columns are 2+ spaces apart.
        cells = [c for c in line.split("  ") if c.strip()]
        rows[cells[0].strip()] = [c.strip() for c in cells[1:]]
    return rows


def test_missing_data_exits_2(tmp_path: Path) -> None:
    proc = _run("--data", str(tmp_path / "nowhere"), timeout=60)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "not found" in proc.stderr


def test_quality_table_on_two_clusters(tmp_path: Path) -> None:
    if not (DATA / "clusters.jsonl").is_file():
        pytest.skip(f"benchmark data absent: {DATA}")
    _require_engine()

    out_json = tmp_path / "quality.json"
    proc = _run("--limit", "2", "--json", str(out_json))
    assert proc.returncode == 0, proc.stderr
    assert "clusters:  2 " in proc.stdout

    rows = _table_rows(proc.stdout)
    assert set(rows) == {"lexdigest", *SUMY, *PEERS}
    assert rows["lexdigest"][0] == "engine"
    for name in PEERS:
        assert rows[name][0] == "peer"
    # recall ×100 are numbers in [0, 100], R-1 at least R-2.
    for name, cells in rows.items():
        r1, r2 = float(cells[1]), float(cells[2])
        assert 0.0 <= r2 <= r1 <= 100.0, name
    assert "R-2 margins" in proc.stdout

    payload = json.loads(out_json.read_text(encoding="utf-8"))
    assert payload["settings"]["clusters"] == 2
    by_name = {s["name"]: s for s in payload["systems"]}
    assert by_name["LexRank"]["perl_r2"] == pytest.approx(7.51)
    assert by_name["lexdigest"]["ms_per_cluster"] > 0
    assert by_name["LexRank"]["ms_per_cluster"] is None
    r2s = [s["r2"] for s in payload["systems"]]
    assert r2s == sorted(r2s, reverse=True)
