"""``lexdigest health`` checks a real server and fails when none answers; the CLI's errors
name the flags the user typed. Real ``lexdigest`` processes against a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from contextlib import closing
from typing import Any

import pytest
from conftest import REPO, SEEDS


def _lexdigest(*args: str, env: dict[str, str] | None = None
               ) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "lexdigest_client.cli", *args], env=full,
                          cwd=REPO, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)


def _listening(port: int) -> bool:
    with closing(socket.socket()) as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    return module_server()


def test_health_without_a_target_checks_localhost_and_fails_when_nothing_answers() -> None:
    if _listening(50051):
        pytest.skip("something listens on localhost:50051 here")
    proc = _lexdigest("health", "--timeout", "5")
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "SERVING" not in proc.stdout
    assert "localhost:50051" in proc.stderr


def test_health_checks_lexdigest_target_and_target(srv: Any, free_port: Any) -> None:
    nobody = f"127.0.0.1:{free_port()}"
    down = _lexdigest("health", "--timeout", "5", env={"LEXDIGEST_TARGET": nobody})
    assert down.returncode == 3 and nobody in down.stderr, down.stderr
    up = _lexdigest("health", env={"LEXDIGEST_TARGET": srv.target})
    assert up.returncode == 0 and up.stdout.strip() == "SERVING"
    flag = _lexdigest("health", "--target", srv.target, env={"LEXDIGEST_TARGET": nobody})
    assert flag.returncode == 0 and flag.stdout.strip() == "SERVING"


@pytest.mark.parametrize(("flag", "value"), [("--max-sentences", "-1"),
                                             ("--max-words", "-5"),
                                             ("--min-sentence-words", "5000")])
def test_a_refused_option_is_named_by_its_flag(srv: Any, flag: str, value: str) -> None:
    proc = _lexdigest("summarize", str(SEEDS), flag, value, "--target", srv.target)
    assert proc.returncode == 4, proc.stderr
    assert flag in proc.stderr, proc.stderr
    assert "options." not in proc.stderr, proc.stderr
