"""What a process imports, by what it does: a one-shot command, a server's main process and
a worker pay only for what they use (the measure of the time is ``bench/speed``'s one-shot
row; here, which modules are loaded, which no load on the machine can change).

Each check runs a fresh interpreter and reads its ``sys.modules``, less those a bare
interpreter of this environment already has.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

ENGINE = ("numpy", "scipy", "sparse_dot_topn", "fasttext")
# Never needed by a digest: scipy's array-API layer imports these from numpy unless
# lexdigest.engine._scipy keeps it from doing so; --version alone needs importlib.metadata.
UNUSED = ("numpy.f2py", "numpy.testing", "unittest", "numpy.polynomial",
          "charset_normalizer", "importlib.metadata", "prometheus_client", "starlette",
          "uvicorn")


def _modules(code: str, *args: str) -> set[str]:
    """Modules a fresh interpreter has after ``code``, less a bare interpreter's."""
    dump = "import json, sys; print(json.dumps(sorted(sys.modules)))"
    bare = subprocess.run([sys.executable, "-c", dump], capture_output=True, text=True,
                          check=True, timeout=60)
    run = subprocess.run([sys.executable, "-c", f"{code}\n{dump}", *args], capture_output=True,
                         text=True, timeout=120, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    last = run.stdout.strip().splitlines()[-1]
    return set(json.loads(last)) - set(json.loads(bare.stdout))


def _packages(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """Which of ``names`` (packages or modules) are among ``modules``."""
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in modules))


def test_the_command_line_imports_no_server_and_no_engine() -> None:
    modules = _modules("import lexdigest_client.cli")
    assert "grpc" in modules  # the client's own transport
    assert _packages(modules, ("lexdigest", *ENGINE, "importlib.metadata",
                               "prometheus_client")) == []


@pytest.mark.parametrize("module", ["lexdigest", "lexdigest.engine.model", "lexdigest.service",
                                    "lexdigest.serve.server", "lexdigest.serve.workers"])
def test_a_process_that_validates_and_converts_does_not_import_the_engine(module: str) -> None:
    # The server's main process with worker processes imports serve.server and the pool,
    # and no more: the workers compute.
    assert _packages(_modules(f"import {module}"), (*ENGINE, "lexdigest.engine.pipeline",
                                                   "prometheus_client")) == []


def test_a_worker_imports_the_engine_and_no_grpc() -> None:
    modules = _modules("import lexdigest.serve.worker_main")
    assert "lexdigest.engine.pipeline" in modules
    assert _packages(modules, ("grpc", "google.protobuf", "lexdigest_client",
                               "lexdigest.service.servicer", *UNUSED)) == []


def test_a_one_shot_summarize_loads_only_what_it_uses() -> None:
    code = """
import contextlib, gc, io, os, sys
from lexdigest_client.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    status = main(["summarize", "seeds/"])
assert status == 0 and out.getvalue().strip(), (status, out.getvalue())
assert os.environ["OPENBLAS_NUM_THREADS"] == "1", "the engine's BLAS runs one thread"
assert gc.isenabled(), "the collector runs again once the embedded server has started"
"""
    modules = _modules(code)
    # A real digest of documents that name no language: the engine and detection ran...
    assert {"lexdigest.engine.pipeline", "scipy.sparse", "fasttext",
            "lexdigest.serve.server"} <= modules
    # ... and nothing it does not use was loaded.
    assert _packages(modules, UNUSED) == []


def test_scipys_numpy_namespace_still_has_every_name() -> None:
    code = """
import lexdigest.engine.represent, numpy, sys
import scipy._lib.array_api_compat.numpy as xp
assert "numpy.testing" not in sys.modules
assert xp.testing is numpy.testing and xp.ma is numpy.ma
assert "f2py" in numpy.__all__ and "f2py" in dir(numpy), "numpy is left as it was"
"""
    assert "numpy.testing" in _modules(code)


def test_a_program_that_embeds_a_server_keeps_its_environment() -> None:
    code = """
import os
os.environ.pop("OPENBLAS_NUM_THREADS", None)
from lexdigest.serve import embedded
with embedded():
    pass
assert "OPENBLAS_NUM_THREADS" not in os.environ, "only lexdigest's own processes set it"
"""
    _modules(code)
