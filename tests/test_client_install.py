"""The client distribution on its own: ``pip install ./client`` into a fresh virtualenv.

It must stay light (no numpy, scipy, nltk or sumy), its command must work without a server
installed (clear one-line messages, exit 3 for "no server", exit 4 for HTML without the
``html`` extra), and with ``./client[html]`` a saved news page's navigation, ads, cookie
banner and footer must not reach the digest. Needs the package index (pip may use its cache).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]

REPO = Path(__file__).resolve().parent.parent
PAGE = REPO / "tests" / "data" / "pages" / "northern-herald-karvik.html"
HEAVY = {"numpy", "scipy", "nltk", "sumy", "lexdigest-server", "trafilatura"}
FURNITURE = ("cookie", "Zephyr", "Subscribe", "QuickLend", "Copyright", "Most read",
             "Privacy policy", "Share on", "morning briefing", "recipes", "Karvik FC")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LEXDIGEST_", "VIRTUAL_ENV", "PYTHON"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(argv: list[str | Path], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, cwd=REPO,
                          env=_env(), timeout=timeout, stdin=subprocess.DEVNULL)


def _pip(venv: Path, *args: str) -> None:
    proc = _run([venv / "bin" / "python", "-m", "pip", "install", "-q", *args], timeout=900)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with only ``./client`` installed."""
    path = tmp_path_factory.mktemp("client-venv") / "venv"
    proc = _run([sys.executable, "-m", "venv", path])
    assert proc.returncode == 0, proc.stderr
    _pip(path, "./client")
    return path


def _installed(venv: Path) -> set[str]:
    proc = _run([venv / "bin" / "python", "-m", "pip", "list", "--format", "json"])
    assert proc.returncode == 0, proc.stderr
    return {p["name"].lower().replace("_", "-") for p in json.loads(proc.stdout)}


def test_client_installs_without_the_engine_stack(venv: Path) -> None:
    installed = _installed(venv)
    assert "lexdigest-client" in installed and "grpcio" in installed
    assert not installed & HEAVY, installed & HEAVY


def test_help_and_version_work(venv: Path) -> None:
    exe = venv / "bin" / "lexdigest"
    proc = _run([exe, "--help"])
    assert proc.returncode == 0 and "summarize" in proc.stdout and "exit codes:" in proc.stdout
    proc = _run([exe, "--version"])
    assert proc.returncode == 0 and proc.stdout.strip() == "lexdigest 0.1.0"


def test_without_a_server_one_line_and_exit_3(venv: Path) -> None:
    proc = _run([venv / "bin" / "lexdigest", "summarize", "seeds/"])
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("lexdigest: error: no server: pass --target HOST:PORT")


def test_html_without_the_extra_one_line_and_exit_4(venv: Path) -> None:
    proc = _run([venv / "bin" / "lexdigest", "summarize", PAGE])
    assert proc.returncode == 4, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "pip install 'lexdigest-client[html]'" in lines[0]
    assert PAGE.name in lines[0]


def test_with_the_html_extra_page_furniture_stays_out(venv: Path, module_server: Any) -> None:
    _pip(venv, "./client[html]")
    assert "trafilatura" in _installed(venv)
    srv = module_server(workers=-1)
    proc = _run([venv / "bin" / "lexdigest", "summarize", PAGE, "--explain", "--format", "json",
                 "--target", srv.target])
    assert proc.returncode == 0, proc.stderr
    digest = json.loads(proc.stdout)
    assert digest["sentences"]
    candidates = " ".join(x["text"] for x in digest["explanations"])
    assert "Marta Lind" in candidates
    for junk in FURNITURE:
        assert junk not in candidates, junk
    assert digest["sources"][0]["title"].startswith("Karvik harbour bridge closed")
