"""README's table of languages is the engine's own records, and every language has them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lexdigest.engine import text
from lexdigest.engine.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[3]


def test_readme_table_matches_the_engine_records() -> None:
    run = subprocess.run([sys.executable, "scripts/genlanguages.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True, check=False, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr


def test_every_supported_language_has_a_stop_word_list_in_its_own_script() -> None:
    for code in LANGUAGES:
        stop = text.analyzer(code).stop_words
        assert len(stop) >= 50, code
        # The list is of the language, not an empty or English fallback.
        assert code == "en" or len(stop & text.analyzer("en").stop_words) < len(stop) / 2, code
