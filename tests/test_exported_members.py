"""The public surface: each package's ``__all__`` names exactly what it offers, and the
imports between the distributions go only where they may.

Like httpx's exported-members test: a name a package defines (or re-exports from its own
modules) without listing it in ``__all__`` is either a leak or a missing export, and a name in
``__all__`` that does not resolve is a broken promise.
"""

from __future__ import annotations

import ast
import importlib
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["lexdigest", "lexdigest.engine", "lexdigest.service", "lexdigest.serve",
            "lexdigest_client"]


def _isort_order(member: str) -> tuple[int, str]:
    """Constants, then classes, then functions, each alphabetically (ruff's RUF022)."""
    return (0 if member.isupper() else 1 if member[:1].isupper() else 2, member)


def _own(package: str, value: object) -> bool:
    """Whether ``value`` is something of the distribution ``package`` belongs to."""
    module = getattr(value, "__module__", None)
    return isinstance(module, str) and module.split(".")[0] == package.split(".")[0]


@pytest.mark.parametrize("name", PACKAGES)
def test_all_lists_every_public_member_in_order(name: str) -> None:
    package = importlib.import_module(name)
    exported = package.__all__
    assert exported == sorted(exported, key=_isort_order)
    assert len(set(exported)) == len(exported)
    for member in exported:
        assert hasattr(package, member), f"{name}.__all__ names {member!r}, which is missing"
    public = {member for member, value in vars(package).items()
              if not member.startswith("_") and not isinstance(value, types.ModuleType)
              and _own(name, value)}
    assert public <= set(exported), f"{name} defines but does not export {public - set(exported)}"


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """``(module, names)`` of every import statement in ``path`` (``from m import a, b``)."""
    out: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.module, [alias.name for alias in node.names]))
    return out


def _python_files(*folders: str) -> list[Path]:
    files = [p for f in folders for p in (ROOT / f).rglob("*.py")]
    files += [p for p in (ROOT / "bench").iterdir() if p.is_file() and not p.suffix
              and p.read_text(encoding="utf-8", errors="replace").startswith("#!")]
    return [p for p in files if "/build/" not in p.as_posix() and ".venv" not in p.parts]


def test_the_client_imports_nothing_of_the_server_but_the_embedding_entry() -> None:
    found = [(p, m, names) for p in (ROOT / "client/src").rglob("*.py")
             for m, names in _imports(p) if m == "lexdigest" or m.startswith("lexdigest.")]
    assert found, "the CLI's embedded mode should import lexdigest.serve.embedded"
    for path, module, names in found:
        assert (module, names) == ("lexdigest.serve", ["embedded"]), (path, module, names)


def test_generated_code_is_imported_by_its_public_name() -> None:
    for path in _python_files("server/src", "client/src", "tests", "scripts"):
        for module, _ in _imports(path):
            assert not module.startswith("lexdigest_client._proto"), path
