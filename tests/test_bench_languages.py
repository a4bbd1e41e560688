"""``bench/languages`` runs and shows what issue 15 asks of detection: at least 95% of the
documents of three or more sentences right in every supported language."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lexdigest.engine.languages import supported

REPO = Path(__file__).resolve().parent.parent
DOCUMENT_KINDS = ("news", "hard", "beside", "mixed", "ud")


def test_detection_is_right_for_95_percent_of_documents_in_every_language(
        tmp_path: Path) -> None:
    out = tmp_path / "languages.json"
    run = subprocess.run([sys.executable, str(REPO / "bench" / "languages"), "--detectors",
                          "lexdigest", "--json", str(out)],
                         capture_output=True, text=True, timeout=300, check=True)
    assert "lexdigest" in run.stdout and "ms CPU/text" in run.stdout
    per = json.loads(out.read_text(encoding="utf-8"))["lexdigest"]["per_language"]
    assert set(supported()) <= set(per)
    for code in supported():
        ok = sum(per[code][k][0] for k in DOCUMENT_KINDS if k in per[code])
        n = sum(per[code][k][1] for k in DOCUMENT_KINDS if k in per[code])
        assert n >= 15 and ok >= 0.95 * n, (code, ok, n)
    # Unsupported relatives are read as the supported language analysed like them.
    near = [cells["near"] for cells in per.values() if "near" in cells]
    assert sum(c[0] for c in near) >= 0.9 * sum(c[1] for c in near)
