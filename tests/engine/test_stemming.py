"""Snowball stemmers loaded without nltk's package init, and the LRU stem cache."""

from __future__ import annotations

import json
import subprocess
import sys

from lexdigest.engine.stemming import StemCache

WORDS = ["running", "generously", "nationalities", "agreed", "Präsidenten", "gouvernement",
         "бегущий", "elecciones"]


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120).stdout


def test_engine_stems_like_nltk_without_importing_all_of_nltk() -> None:
    engine = json.loads(_run(
        "import json, sys, lexdigest\n"
        "from lexdigest.engine.stemming import SnowballStemmer\n"
        "assert 'nltk.collocations' not in sys.modules and 'scipy.stats' not in sys.modules\n"
        f"print(json.dumps([SnowballStemmer(l).stem(w) for l in ('english', 'german', 'french',"
        f" 'russian', 'spanish') for w in {WORDS!r}]))"))
    plain = json.loads(_run(
        "import json\nfrom nltk.stem.snowball import SnowballStemmer\n"
        f"print(json.dumps([SnowballStemmer(l).stem(w) for l in ('english', 'german', 'french',"
        f" 'russian', 'spanish') for w in {WORDS!r}]))"))
    assert engine == plain
    assert "run" in engine


def test_nltk_stays_whole_for_code_that_imports_it_later() -> None:
    out = _run("import lexdigest\nlexdigest.summarize(['A storm hit the coast today. Ships "
               "stayed in port.'])\nimport nltk\nfrom nltk.stem.snowball import SnowballStemmer\n"
               "print(nltk.PorterStemmer().stem('running'), hasattr(nltk, 'word_tokenize'),"
               " SnowballStemmer('english').stem('having'))")
    assert out.split() == ["run", "True", "have"]


def test_stem_cache_evicts_the_least_recently_used_form() -> None:
    cache = StemCache(size=3)
    for w in ("a", "b", "c"):
        cache[w] = w.upper()
    assert cache.get("a") == "A"  # "a" is now the most recent
    cache["d"] = "D"
    assert cache.get("b") is None
    assert [cache.get(w) for w in ("a", "c", "d")] == ["A", "C", "D"]
    assert len(cache) == 3
