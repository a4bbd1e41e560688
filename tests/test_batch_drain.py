"""SIGTERM during a batch: the server stops taking clusters, finishes and sends every one it
took, and ends the call so the caller knows which were not taken; ``lexdigest batch`` writes
a line for every cluster (a result, or "not taken") and says how many were not taken.
A real server and a real ``lexdigest`` process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from conftest import REPO, generated_documents


def test_sigterm_during_a_batch_answers_every_cluster_taken(server: Any,
                                                            tmp_path: Path) -> None:
    srv = server("--grace-seconds", "30", workers=1)
    clusters = 30
    path = tmp_path / "clusters.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for c in range(clusters):
            docs = generated_documents(600, seed=c, per_doc=60)
            f.write(json.dumps({"id": f"c{c}", "documents": docs}) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
    cli = subprocess.Popen([sys.executable, "-m", "lexdigest_client.cli", "batch", str(path),
                            "--target", srv.target, "--concurrency", "2", "--no-progress"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                           cwd=REPO)
    assert cli.stdout is not None and cli.stderr is not None
    lines = [cli.stdout.readline()]  # the first cluster is done: the batch is under way
    stopped_at = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    lines += cli.stdout.readlines()
    err = cli.stderr.read()
    assert cli.wait(60) == 3, err
    assert srv.proc.wait(60) == 0
    assert time.monotonic() - stopped_at < 25, "the batch ran on to the end of the grace"

    records = [json.loads(ln) for ln in lines if ln.strip()]
    assert [r["id"] for r in records] == [f"c{c}" for c in range(clusters)]
    answered = [r for r in records if "digest" in r]
    not_taken = [r for r in records if "error" in r]
    assert answered and not_taken, err
    # The server took clusters in order: every answered one comes before every one not taken.
    assert max(int(r["id"][1:]) for r in answered) < min(int(r["id"][1:]) for r in not_taken)
    for r in not_taken:
        assert r["error"]["code"] == "UNAVAILABLE", r
        assert "not taken" in r["error"]["message"] or "were not taken" in r["error"]["message"]
    (line,) = [ln for ln in err.strip().splitlines() if ln.startswith("lexdigest: error:")]
    assert f"{len(not_taken)} of {clusters} clusters" in line
