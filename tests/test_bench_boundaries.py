"""Smoke test of ``bench/boundaries``: boundary precision/recall/F1 from CoNLL-U comments.

The treebank sample here is written for the test (two short German documents); real
treebanks are read from a folder outside the repository.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "bench" / "boundaries"

SAMPLE = """# newdoc id = d1
# text = Die Abstimmung vom 12. Juni war knapp.
1\tDie\t_\t_\t_\t_\t_\t_\t_\t_

# text = Dr. Meier sagte, das Ergebnis sei gültig.

# newdoc id = d2
# text = Es regnete.

# text = Dann kam die Sonne.
"""


def test_it_scores_each_language_folder(tmp_path: Path) -> None:
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "sample.conllu").write_text(SAMPLE, encoding="utf-8")
    out = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path), "--errors", "3"],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    rows = {ln.split()[0]: ln.split() for ln in out.splitlines() if ln[:3] in ("de ", "all")}
    assert rows["de"][1:4] == ["2", "4", "2"]  # documents, sentences, boundaries
    assert rows["de"][6] == "1.000"  # F1: "12. Juni" and "Dr." are no sentence ends


def test_without_data_it_exits_2_with_one_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "no .conllu" in run.stderr
