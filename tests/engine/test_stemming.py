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


def test_stem_cache_keeps_recently_used_forms_and_drops_the_least_recent() -> None:
    cache = StemCache(size=4)  # generations of 2 forms
    cache.remember("a", "A")
    cache.remember("b", "B")
    cache.remember("c", "C")  # "a", "b" move to the previous generation
    assert cache.get("a") is None and cache.recall("a") == "A"  # used again: current
    cache.remember("d", "D")  # "c", "a" become the previous generation; "b" is dropped
    assert cache.recall("b") is None
    assert [cache.get(w) or cache.recall(w) for w in ("a", "c", "d")] == ["A", "C", "D"]


def test_analyzer_cache_is_shared_across_calls_and_bounded() -> None:
    from lexdigest.engine import stemming, text

    analyzer = text.analyzer("en")
    analyzer.lookup(["storms"])
    assert analyzer._stem.get("storms") == "storm" or analyzer._stem.recall("storms") == "storm"
    assert analyzer._stem.size == stemming.STEM_CACHE_SIZE
    words = [f"word{i}ing" for i in range(3 * 1000)]
    small = StemCache(size=1000)
    object.__setattr__(analyzer, "_stem", small)
    try:
        stems, _ = analyzer.lookup(words)
        assert stems[-1] == analyzer._stemmer.stem(words[-1])
        assert len(small) <= 500 and len(small._older) <= 500
    finally:
        object.__setattr__(analyzer, "_stem", StemCache())


# Two inflected forms of one word in each language nltk has no Snowball stemmer for.
_FORMS = {
    "cs": ("rozpočtu", "rozpočet"), "el": ("κυβέρνηση", "κυβέρνησης"),
    "fa": ("تیم‌های", "تیم"), "hi": ("किसानों", "किसान"),
    "id": ("pembangunan", "membangun"), "pl": ("budżetu", "budżet"), "tr": ("faizini", "faiz"),
}


def test_languages_nltk_lacks_are_stemmed_by_the_snowball_project_s_compiled_stemmers() -> None:
    from lexdigest.engine import stemming, text
    from lexdigest.engine.languages import LANGUAGES

    for code, (inflected, other) in _FORMS.items():
        spec = LANGUAGES[code]
        assert spec.snowball and stemming.stemmer_source(spec.snowball) == "PyStemmer"
        analyzer = text.analyzer(code)
        assert analyzer.terms(inflected) == analyzer.terms(other), code
    # Every language with a stemmer has one that loads and stems.
    for code, spec in LANGUAGES.items():
        if spec.snowball:
            assert stemming.stemmer(spec.snowball).stem("x") == "x", code


def test_a_compiled_stemmer_is_never_shared_between_threads() -> None:
    # PyStemmer's objects must not be called concurrently; engine threads share analyzers.
    import threading

    from lexdigest.engine.stemming import stemmer

    shared = stemmer("turkish")
    seen: list[object] = []

    def use() -> None:
        assert shared.stem("kitaplar") == "kitap"
        seen.append(shared._stem_word.__self__)  # type: ignore[attr-defined]

    threads = [threading.Thread(target=use) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    use()
    assert len({id(s) for s in seen}) == 4


def test_keyed_terms_keep_recently_used_keys_and_drop_the_least_recent() -> None:
    from lexdigest.engine.stemming import KeyedTerms

    kept = KeyedTerms(size=4)  # generations of 2 keys
    kept.keep([1, 2], ["one", "two"], [False, True])
    assert kept.find([1, 2, 3]) == (["one", "two", None], [False, True, False])
    kept.keep([3], ["three"], [False])  # 1 and 2 move to the previous generation
    assert kept.find([2]) == (["two"], [True])  # used again: back in the current one
    kept.keep([4], ["four"], [True])  # 3 and 2 become the previous generation; 1 is dropped
    assert kept.find([1, 2, 3, 4]) == ([None, "two", "three", "four"],
                                       [False, True, False, True])


def test_keyed_lookup_gives_what_lookup_gives() -> None:
    from lexdigest.engine import text

    analyzer = text.analyzer("en")
    words = ["storms", "the", "a", "u.s.", "x", "1998", "running", "storms"]
    keys = [int.from_bytes(w.encode(), "little") for w in words]
    spelled: list[list[int]] = []

    def spell(asked: list[int]) -> list[str]:
        spelled.append(asked)
        return [k.to_bytes(8, "little").rstrip(b"\0").decode() for k in asked]

    want = analyzer.lookup(words)
    assert analyzer.lookup_keyed(keys, spell) == want
    assert analyzer.lookup_keyed(keys, spell) == want
    assert len(spelled) <= 1  # words are spelled out once, then found by key


def test_a_reader_never_sees_a_term_without_its_stop_flag() -> None:
    """``KeyedTerms`` is read without a lock while another thread adds to it (threads share
    an analyzer): a term that is found comes with its flag, across rotations too."""
    import sys
    import threading

    from lexdigest.engine.stemming import KeyedTerms

    n = 2000
    for size in (10**9, 6 * n):  # no rotation; a rotation every few rounds
        keyed = KeyedTerms(size=size)
        bad: list[int] = []
        done = threading.Event()

        def write(keyed: KeyedTerms = keyed, done: threading.Event = done) -> None:
            for r in range(150):
                keys = list(range(r * n, (r + 1) * n))
                keyed.keep(keys, [str(k) for k in keys], [True] * n)  # every word flagged
            done.set()

        def read(keyed: KeyedTerms = keyed, bad: list[int] = bad,
                 done: threading.Event = done) -> None:
            while not done.is_set():
                hi = max(len(keyed), 1) + 300 * n
                keys = list(range(0, hi, 97))
                terms, flags = keyed.find(keys)
                bad.extend(k for k, t, f in zip(keys, terms, flags, strict=True)
                           if t is not None and not f)

        switch = sys.getswitchinterval()
        sys.setswitchinterval(1e-6)
        try:
            threads = [threading.Thread(target=read), threading.Thread(target=write)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        finally:
            sys.setswitchinterval(switch)
        assert not bad, f"size {size}: {len(bad)} terms read without their flag"
