"""The largest request the API allows is answered OK by a real server run with the settings the
Kubernetes manifest ships (``deploy/k8s/deployment.yaml``): worker count, worker memory cap,
limits. Slow (one ~25k-sentence digest); DUC text is used when the benchmark data are there,
generated news-like text otherwise."""

from __future__ import annotations

import math
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, descendants, generated_documents, load_duc_clusters, start_server
from lexdigest.service.validate import Limits
from lexdigest_client import DigestClient

yaml = pytest.importorskip("yaml")

MANIFEST = REPO / "deploy" / "k8s" / "deployment.yaml"
# Settings that only place the server on the network; the test binds loopback and free ports.
PLACEMENT = {"LEXDIGEST_HOST", "LEXDIGEST_PORT", "LEXDIGEST_METRICS_PORT"}


def manifest_env() -> dict[str, str]:
    """The container's LEXDIGEST_* settings, with the worker count resolved from limits.cpu."""
    container = yaml.safe_load(MANIFEST.read_text())["spec"]["template"]["spec"]["containers"][0]
    env: dict[str, str] = {}
    for item in container["env"]:
        if item["name"] in PLACEMENT:
            continue
        if "value" in item:
            env[item["name"]] = str(item["value"])
        elif "resourceFieldRef" in item["valueFrom"]:
            ref = item["valueFrom"]["resourceFieldRef"]
            assert ref["resource"] == "limits.cpu"
            env[item["name"]] = str(math.ceil(float(container["resources"]["limits"]["cpu"])))
    return env


def largest_request() -> list[dict[str, str]]:
    """``max_documents`` documents of ``max_total_chars / max_documents`` characters each,
    cut at sentence ends from DUC documents (then generated text) in order."""
    limits = Limits()
    size = limits.max_total_chars // limits.max_documents
    texts = [d["text"] for c in (load_duc_clusters() or []) for d in c["documents"]]
    texts = list(dict.fromkeys(texts))
    texts += [d["text"] for d in generated_documents(60_000, per_doc=40)]
    docs: list[dict[str, str]] = []
    buffer = ""
    for t in texts:
        buffer = f"{buffer} {t}".strip()
        while len(buffer) >= size and len(docs) < limits.max_documents:
            cut = buffer.rfind(". ", 0, size) + 1 or size
            docs.append({"id": f"doc-{len(docs) + 1}", "text": buffer[:cut]})
            buffer = buffer[cut:].lstrip()
        if len(docs) == limits.max_documents:
            break
    assert len(docs) == limits.max_documents
    assert sum(len(d["text"]) for d in docs) <= limits.max_total_chars
    return docs


def _peak_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


@pytest.mark.slow
def test_largest_request_is_answered_ok_with_the_shipped_kubernetes_settings(
        tmp_path: Path) -> None:
    env = manifest_env()
    assert int(env["LEXDIGEST_WORKER_MEMORY_MB"]) > 0  # the cap under test is on
    docs = largest_request()
    srv = start_server(tmp_path, env=env, workers=None)
    try:
        with DigestClient(f"127.0.0.1:{srv.port}", timeout=120) as client:
            started = time.monotonic()
            digest = client.summarize(docs, max_words=250)
            elapsed = time.monotonic() - started
        assert digest.sentences and digest.stats.documents == len(docs)
        assert digest.stats.sentences > 20_000
        workers = descendants(srv.proc.pid)
        peak_mb = max(_peak_kb(p) for p in workers) / 1024
        print(f"{digest.stats.sentences} sentences in {elapsed:.1f} s; "
              f"worker peak RSS {peak_mb:.0f} MB")
    finally:
        srv.stop()


def test_manifest_settings_are_read_as_the_server_reads_them() -> None:
    env: dict[str, Any] = manifest_env()
    assert env["LEXDIGEST_WORKERS"] == "2"
    assert int(env["LEXDIGEST_WORKER_MEMORY_MB"]) >= 512
