"""lexdigest.adapters.dask on a real Dask scheduler with two worker processes on loopback.

The archive path must write exactly the lines ``lexdigest batch`` writes for the same input
(engine timings aside), with the engine running in the workers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

distributed = pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
from lexdigest.adapters.dask import digest_line, digest_lines  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def _clusters() -> list[str]:
    sys.path.insert(0, str(REPO / "tests"))
    from conftest import generated_documents, load_seeds

    seeds = load_seeds()
    lines = [json.dumps({"id": "seeds", "documents": seeds})]
    for i in range(5):
        docs = generated_documents(60, seed=i, per_doc=12)
        lines.append(json.dumps({"id": f"gen-{i}", "documents": docs,
                                 "options": {"max_sentences": 2 + i % 2}}))
    lines.append(json.dumps({"id": "empty", "documents": []}))
    lines.append("{not json")
    lines.append(json.dumps({"id": "asked", "documents": [d["text"] for d in seeds],
                             "query": "storm"}))
    return lines


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       host="127.0.0.1", dashboard_address=None,
                                       silence_logs=40)
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _comparable(line: dict[str, Any]) -> dict[str, Any]:
    if "digest" in line:
        line["digest"]["stats"].pop("engine_ms")
    return line


def test_archive_lines_equal_the_batch_commands_lines(dask_client: Any, tmp_path: Path) -> None:
    lines = _clusters()
    half = len(lines) // 2
    (tmp_path / "a.jsonl").write_text("\n".join(lines[:half]) + "\n")
    (tmp_path / "b.jsonl").write_text("\n".join(lines[half:]) + "\n")
    bag = db.read_text(str(tmp_path / "*.jsonl")).map(str.strip)
    assert bag.npartitions == 2
    got = digest_lines(bag, max_words=80).compute()

    (tmp_path / "all.jsonl").write_text("\n".join(lines) + "\n")
    cli = Path(sys.executable).with_name("lexdigest")
    out = subprocess.run([str(cli), "batch", str(tmp_path / "all.jsonl"), "--max-words", "80",
                          "--no-progress"], capture_output=True, text=True, timeout=120)
    expected = [json.loads(x) for x in out.stdout.splitlines()]

    # A line without an id is named by its place: in the file for the CLI, in its partition
    # here (a partition does not know how many lines the ones before it hold).
    assert [json.loads(x)["id"] for x in got] == [
        "line-4" if e["id"] == "line-8" else e["id"] for e in expected]
    ok = [e for e in expected if "digest" in e]
    assert len(ok) == 7 and all(e["summary"] for e in ok)
    for g, e in zip(got, expected, strict=True):
        g_line = json.loads(g)
        if "error" in e:  # the server's wording of a bad cluster is its own; the code is not
            assert "digest" not in g_line
            assert g_line["error"]["code"] == e["error"]["code"]
            continue
        assert _comparable(g_line) == _comparable(e)
    ran = dask_client.run(lambda: "lexdigest.engine.pipeline" in sys.modules)
    assert len(ran) == 2 and any(ran.values())


def test_a_clusters_own_options_win_and_bad_input_is_an_error_line() -> None:
    docs = ["A storm hit the coast on Monday and closed the port for a day.",
            "The port reopened on Tuesday after the storm passed, officials said."]
    line = digest_line({"id": "x", "documents": docs, "options": {"max_sentences": 1}},
                       {"max_sentences": 5})
    assert line["id"] == "x" and len(line["digest"]["sentences"]) == 1
    assert line["summary"] == line["digest"]["sentences"][0]["text"]
    bad = digest_line({"documents": docs, "options": {"max_words": -5}}, number=7)
    assert bad["id"] == "line-7" and bad["error"]["code"] == "INVALID_ARGUMENT"
    assert digest_line("[1, 2]")["error"]["code"] == "LOCAL"
