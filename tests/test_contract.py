"""The contract and the code quality gates: generated code matches proto/, buf lint, ruff,
mypy (strict, on the client library and the whole server package)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    found = BIN / name
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (it comes with the dev extra)")
    return path


def test_generated_code_matches_proto() -> None:
    result = subprocess.run([sys.executable, "scripts/genproto.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"run `python scripts/genproto.py`:\n{result.stdout}"


def test_drift_check_notices_a_stale_file(tmp_path: Path) -> None:
    """The drift check is not vacuous: a changed generated file is reported."""
    target = ROOT / "client/src/lexdigest_client/proto/lexdigest/v1/digest_pb2.pyi"
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\n# stale\n")
        result = subprocess.run([sys.executable, "scripts/genproto.py", "--check"], cwd=ROOT,
                                capture_output=True, text=True, timeout=120)
    finally:
        target.write_bytes(original)
    assert result.returncode == 1
    assert "digest_pb2.pyi" in result.stdout


def test_buf_lint_is_clean(tmp_path: Path) -> None:
    """buf lint of proto/, with google/api/{annotations,http}.proto from the installed
    googleapis-common-protos beside it (buf cannot fetch its dependencies here); only
    lexdigest's own files are linted."""
    import google.api.annotations_pb2 as annotations_pb2

    shutil.copytree(ROOT / "proto", tmp_path, dirs_exist_ok=True)
    (tmp_path / "google/api").mkdir(parents=True)
    for name in ("annotations.proto", "http.proto"):
        shutil.copy(Path(annotations_pb2.__file__).parent / name, tmp_path / "google/api")
    result = subprocess.run([_tool("buf"), "lint", "--path", "lexdigest"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_is_clean() -> None:
    result = subprocess.run([_tool("mypy"), "--no-incremental"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr


def test_proto_documents_every_field_and_message() -> None:
    from lexdigest_client.proto.lexdigest.v1 import digest_pb2

    text = (ROOT / "proto/lexdigest/v1/digest.proto").read_text()
    for name in digest_pb2.DESCRIPTOR.message_types_by_name:
        assert f"message {name} {{" in text
    for enum in digest_pb2.DESCRIPTOR.enum_types_by_name.values():
        assert enum.values[0].name.endswith("_UNSPECIFIED")
    # Every declaration line is preceded by a comment line.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        stripped = line.strip()
        is_field = stripped.endswith(";") and "=" in stripped and not stripped.startswith(
            ("option", "//"))
        is_decl = stripped.startswith(("message ", "enum ", "rpc ", "service ", "oneof "))
        if is_field or is_decl:
            assert lines[i - 1].strip().startswith("//"), f"undocumented: {stripped}"
