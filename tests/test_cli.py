"""The ``lexdigest`` command as a user runs it: a subprocess, real files, a real server.

Every input kind (txt, md, html, json, jsonl, folder, glob, stdin), every output format
(text, markdown, json, html), ``--explain``, ``batch`` and every exit code (0, 2, 3, 4, 5).
Most tests talk to one ``lexdigest-server`` shared by the module (``--target``); a few use the
embedded server the CLI starts when no target is given.
"""

from __future__ import annotations

import json
import os
import pty
import re
import socket
import subprocess
import sys
import time
from contextlib import closing
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from lexdigest_client import cli, read_documents

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CLUSTER = DATA / "cluster"
PAGE = DATA / "pages" / "northern-herald-karvik.html"
DUC = (REPO.parent / "shared" / "bench" / "duc2004" / "clusters.jsonl").resolve()
# Things on the saved page that are not the article.
FURNITURE = ("cookie", "Zephyr", "Subscribe", "QuickLend", "Copyright", "Most read",
             "Privacy policy", "Share on", "morning briefing", "recipes")

try:
    import trafilatura  # noqa: F401

    HAVE_TRAFILATURA = True
except ImportError:
    HAVE_TRAFILATURA = False
needs_html_extra = pytest.mark.skipif(not HAVE_TRAFILATURA,
                                      reason="the html extra (trafilatura) is not installed")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
    env["COLUMNS"] = "100"
    return env


def lexdigest(*args: str | Path, stdin: str | None = None, target: str | None = None,
              timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``python -m lexdigest_client.cli ARGS`` (with ``--target`` when given)."""
    argv = [sys.executable, "-m", "lexdigest_client.cli", *map(str, args)]
    if target:
        argv += ["--target", target]
    return subprocess.run(argv, input=stdin, capture_output=True, text=True, timeout=timeout,
                          env=_env(), cwd=REPO, stdin=None if stdin is not None
                          else subprocess.DEVNULL)


def ok(proc: subprocess.CompletedProcess[str]) -> str:
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    return proc.stdout


def one_error_line(proc: subprocess.CompletedProcess[str], code: int) -> str:
    """Assert exit ``code`` with one readable error line (and no traceback); return it."""
    assert proc.returncode == code, f"exit {proc.returncode}, wanted {code}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines and lines[0].startswith("lexdigest: error: "), proc.stderr
    return lines[0]


def documents_of(*paths: Path | str) -> dict[str, str]:
    """The texts the CLI sends for ``paths`` (read by the same reader), by document id."""
    return {d["id"]: d["text"] for d in read_documents([str(p) for p in paths])}


@pytest.fixture(scope="module")
def target(module_server: Any) -> str:
    """A ``lexdigest-server`` with two worker processes, shared by this module."""
    return str(module_server(workers=2).target)


@pytest.fixture(scope="module")
def auth_target(module_server: Any) -> str:
    """A server that requires ``authorization: Bearer x``."""
    return str(module_server(workers=-1, env={"LEXDIGEST_AUTH_TOKEN": "x"}).target)


def as_json(*args: str | Path, target: str, stdin: str | None = None) -> dict[str, Any]:
    out = ok(lexdigest("summarize", *args, "--format", "json", stdin=stdin, target=target))
    data: dict[str, Any] = json.loads(out)
    return data


def assert_citations_reproduce(digest: dict[str, Any], docs: dict[str, str]) -> None:
    """Each sentence (and supporting citation) is exactly its span of the document sent."""
    assert digest["sentences"], "empty digest"
    for s in digest["sentences"]:
        c = s["citation"]
        assert docs[c["document_id"]][c["char_start"]:c["char_end"]] == s["text"]
        for sup in s["supporting"]:
            span = docs[sup["document_id"]][sup["char_start"]:sup["char_end"]]
            assert span.strip() and sup["document_id"] != c["document_id"]


# ------------------------------------------------------------------------------ inputs


def test_txt_file(target: str) -> None:
    path = CLUSTER / "karvik-gazette.txt"
    digest = as_json(path, target=target)
    assert [s["document_id"] for s in digest["sources"]] == ["karvik-gazette.txt"]
    assert_citations_reproduce(digest, documents_of(path))
    assert all(s["text"] in path.read_text() for s in digest["sentences"])


def test_markdown_file_is_read_as_plain_text_with_front_matter(target: str) -> None:
    path = CLUSTER / "coastal-news.md"
    digest = as_json(path, target=target, )
    (src,) = digest["sources"]
    assert src["title"] == "Karvik bridge shut for weeks after storm damage"
    assert src["url"] == "https://coastal-news.example/karvik-bridge-shut"
    assert src["source"] == "Coastal News"
    for s in digest["sentences"]:
        assert "**" not in s["text"] and "](" not in s["text"] and not s["text"].startswith("-")
    assert_citations_reproduce(digest, documents_of(path))


@needs_html_extra
def test_html_page_is_reduced_to_its_article(target: str) -> None:
    digest = as_json(PAGE, "--explain", target=target)
    (src,) = digest["sources"]
    assert src["title"] == "Karvik harbour bridge closed after Storm Elin cracks bearing"
    assert src["url"].startswith("https://northern-herald.example/news/2025/02/11/")
    assert src["source"] == "The Northern Herald"
    # Not one candidate sentence (explanations list them all) comes from the page furniture.
    candidates = " ".join(x["text"] for x in digest["explanations"])
    assert "Marta Lind" in candidates
    for junk in FURNITURE:
        assert junk not in candidates, junk
    assert_citations_reproduce(digest, documents_of(PAGE))


def test_json_file(target: str) -> None:
    digest = as_json(CLUSTER / "wire.json", target=target)
    (src,) = digest["sources"]
    assert src == {"number": 1, "document_id": "wire-0211",
                   "title": "Storm Elin: Karvik harbour bridge closed, ferry to run",
                   "url": "https://wire.example/2025/02/11/karvik", "source": "Example Wire",
                   "language": "en"}
    assert_citations_reproduce(digest, documents_of(CLUSTER / "wire.json"))


def test_jsonl_file_one_document_per_line(target: str) -> None:
    digest = as_json(CLUSTER / "updates.jsonl", "--max-sentences", "4", target=target)
    assert digest["stats"]["documents"] == 2
    assert {s["document_id"] for s in digest["sources"]} == {"update-1", "update-2"}
    assert_citations_reproduce(digest, documents_of(CLUSTER / "updates.jsonl"))


def test_folder_is_read_recursively(target: str, tmp_path: Path) -> None:
    nested = tmp_path / "news" / "deeper"
    nested.mkdir(parents=True)
    for f in CLUSTER.iterdir():
        (nested / f.name).write_bytes(f.read_bytes())
    (tmp_path / "news" / ".hidden.txt").write_text("Hidden files are never read by lexdigest.")
    (tmp_path / "news" / "notes.bin").write_bytes(b"\x00\x01")
    digest = as_json(tmp_path / "news", target=target)
    assert digest["stats"]["documents"] == 5  # txt, md, json, and two jsonl lines
    assert_citations_reproduce(digest, documents_of(tmp_path / "news"))


def test_glob(target: str) -> None:
    digest = as_json("tests/data/cluster/*.json*", target=target)
    assert digest["stats"]["documents"] == 3  # wire.json and the two lines of updates.jsonl
    sent = documents_of("tests/data/cluster/*.json*")
    assert set(sent) == {"wire-0211", "update-1", "update-2"}
    assert_citations_reproduce(digest, sent)


def test_stdin_plain_text(target: str) -> None:
    text = (CLUSTER / "karvik-gazette.txt").read_text()
    digest = as_json("-", target=target, stdin=text)
    assert [s["document_id"] for s in digest["sources"]] == ["stdin"]
    assert_citations_reproduce(digest, {"stdin": text})


def test_stdin_jsonl_and_files_together(target: str) -> None:
    lines = (CLUSTER / "updates.jsonl").read_text()
    digest = as_json("-", CLUSTER / "wire.json", target=target, stdin=lines)
    assert digest["stats"]["documents"] == 3
    assert_citations_reproduce(digest, {**documents_of(CLUSTER / "updates.jsonl"),
                                        **documents_of(CLUSTER / "wire.json")})


def test_same_file_name_in_two_folders_stays_two_documents(target: str,
                                                           tmp_path: Path) -> None:
    for sub in ("a", "b"):
        (tmp_path / sub).mkdir()
    (tmp_path / "a" / "story.txt").write_text((CLUSTER / "karvik-gazette.txt").read_text())
    (tmp_path / "b" / "story.txt").write_text(json.loads(
        (CLUSTER / "wire.json").read_text())["text"])
    digest = as_json(tmp_path / "a", tmp_path / "b", target=target)
    assert digest["stats"]["documents"] == 2


# ------------------------------------------------------------------------------ outputs


def test_text_markers_resolve_to_the_numbered_sources(target: str) -> None:
    out = ok(lexdigest("summarize", CLUSTER, target=target))
    body, _, sources = out.partition("\nSources:\n")
    entries = dict(re.findall(r"^\[(\d+)\] (.+)$", sources, re.M))
    assert entries, out
    markers = re.findall(r"\[(\d+)\]", body)
    assert markers and set(markers) <= set(entries)
    assert set(entries) == set(markers)  # no source listed that nothing cites
    assert "Storm Elin: Karvik harbour bridge closed, ferry to run (wire-0211), Example Wire " \
           "<https://wire.example/2025/02/11/karvik>" in entries.values()
    digest = as_json(CLUSTER, target=target)
    for s in digest["sentences"]:
        # A line may open with the date of what it reports, where that date changes.
        line = next(ln for ln in body.splitlines()
                    if re.sub(r"^\([0-9-]+\) ", "", ln).startswith(s["text"]))
        assert f"[{s['source_number']}]" in line


def test_text_is_wrapped_to_the_width(target: str) -> None:
    out = ok(lexdigest("summarize", CLUSTER, "--width", "60", target=target))
    long_words = [ln for ln in out.splitlines() if len(ln) > 60]
    assert all(" " not in ln.strip() or "<http" in ln for ln in long_words), long_words
    assert any(ln.startswith("  ") for ln in out.splitlines())  # continuation lines


def test_markdown_footnotes(target: str) -> None:
    out = ok(lexdigest("summarize", CLUSTER, "--format", "markdown", target=target))
    refs = set(re.findall(r"\[\^(\d+)\](?!:)", out))
    defs = dict(re.findall(r"^\[\^(\d+)\]: (.+)$", out, re.M))
    assert refs and refs == set(defs)
    assert any("[Karvik ferry service begins as bridge stays closed]"
               "(<https://local.example/karvik-ferry>)" in d for d in defs.values())
    bullets = [ln for ln in out.splitlines() if ln.startswith("- ")]
    assert len(bullets) == 5


def test_json_is_the_whole_response_and_citations_reproduce_the_text(target: str) -> None:
    digest = as_json(CLUSTER, target=target)
    assert set(digest) >= {"sentences", "sources", "text", "stats", "explanations"}
    assert digest["stats"]["documents"] == 5
    assert "Sources:" in digest["text"] or "[1]" in digest["text"]
    assert_citations_reproduce(digest, documents_of(CLUSTER))


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.cites: list[str] = []
        self.quotes: list[str] = []
        self._in_quote = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and "cite" in (a.get("class") or "").split():
            self.cites.append(str(a.get("href")))
        if tag == "blockquote":
            self._in_quote = True
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self._in_quote = False

    def handle_data(self, data: str) -> None:
        if self._in_quote:
            self.quotes[-1] += data


def test_html_page_links_sentences_to_sources_and_quotes_support(target: str,
                                                                  tmp_path: Path) -> None:
    page = tmp_path / "digest.html"
    proc = lexdigest("summarize", CLUSTER, "--format", "html", "-o", page, target=target)
    assert ok(proc) == ""  # everything went to the file
    text = page.read_text()
    assert "<script" not in text and "http://" not in text.split("<body>")[0]
    links = _Links()
    links.feed(text)
    assert links.cites and all(h.startswith("#source-") for h in links.cites)
    assert {h[1:] for h in links.cites} <= links.ids
    docs = documents_of(CLUSTER)
    # Supporting sentences are shown as text, cut out of the documents that were sent.
    assert links.quotes
    every_sentence = "\n".join(docs.values())
    for q in links.quotes:
        assert q in every_sentence
    assert "<details>" in text


def test_explain_lists_every_candidate_with_score_rank_and_why(target: str) -> None:
    args = (CLUSTER, "--explain", "--max-similarity", "0.2", "--max-sentences", "4")
    digest = as_json(*args, target=target)
    xs = digest["explanations"]
    assert len(xs) == digest["stats"]["sentences"]
    decisions = {x["decision"] for x in xs}
    assert {"selected", "redundant", "filtered"} <= decisions
    out = ok(lexdigest("summarize", *args, target=target))
    table = out.split("\n\n", 2)[-1]
    assert re.search(r"\d+ sentences: 4 kept, \d+ redundant", out)
    assert "rank" in table and "score" in table
    kept = [ln for ln in table.splitlines() if "in the digest as sentence" in ln]
    assert len(kept) == 4
    assert re.search(r"redundant +.+\n +\S+ — repeats digest sentence \d \(similarity 0\.\d\d",
                     table)
    assert "heading, not a sentence" in table or "too short" in table
    md = ok(lexdigest("summarize", *args, "--format", "markdown", target=target))
    assert "| rank | score | fate | sentence | document | why |" in md


# ------------------------------------------------------------------------------ batch


def _cluster_lines(n: int) -> list[dict[str, Any]]:
    docs = [d for d in read_documents([str(CLUSTER)])]
    for d in docs:
        d.pop("path", None)
    return [{"id": f"c{i:02d}", "documents": docs[i % 3: i % 3 + 3]} for i in range(n)]


def test_batch_writes_results_in_input_order_and_reports_failures(target: str,
                                                                  tmp_path: Path) -> None:
    lines = [json.dumps(c) for c in _cluster_lines(12)]
    lines.insert(3, "{not json")
    lines.insert(6, json.dumps({"id": "empty", "documents": []}))
    lines.insert(9, json.dumps({"id": "bad-date", "documents": [
        {"text": "A sentence that is long enough to be one.", "published_at": "yesterday"}]}))
    proc = lexdigest("batch", "-", "--concurrency", "3", "--max-sentences", "2",
                     stdin="\n".join(lines) + "\n", target=target)
    assert proc.returncode == 4, proc.stderr  # INVALID_ARGUMENT and bad input: exit 4
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    ids = [o["id"] for o in out]
    assert ids[3] == "line-4" and ids[6] == "empty" and ids[9] == "bad-date"
    assert [i for i in ids if i.startswith("c")] == [f"c{i:02d}" for i in range(12)]
    for o in out:
        assert ("error" in o) == (o["id"] in ("line-4", "empty", "bad-date"))
    assert out[6]["error"]["code"] == "INVALID_ARGUMENT"
    assert out[6]["error"]["field_violations"]
    assert "invalid JSON" in out[3]["error"]["message"]
    assert all(len(o["digest"]["sentences"]) <= 2 for o in out if "digest" in o)
    summary = proc.stderr.strip().splitlines()[-1]
    assert summary.startswith("lexdigest batch: 15 clusters, 12 ok, 3 failed")


def test_batch_of_50_duc_clusters_in_input_order(target: str, tmp_path: Path) -> None:
    if not DUC.is_file():
        pytest.skip(f"benchmark data not found: {DUC}")
    out_file = tmp_path / "out.jsonl"
    proc = lexdigest("batch", DUC, "-o", out_file, "--concurrency", "8", target=target)
    assert ok(proc) == ""
    want = [json.loads(line)["id"] for line in DUC.read_text().splitlines() if line.strip()]
    got = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert len(want) == 50
    assert [g["id"] for g in got] == want
    assert all(g["summary"] and g["digest"]["sentences"] for g in got)
    assert proc.stderr.strip().splitlines()[-1].startswith(
        "lexdigest batch: 50 clusters, 50 ok, 0 failed in ")


def test_batch_progress_bar_on_a_terminal(target: str, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(c) + "\n" for c in _cluster_lines(6)))
    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "lexdigest_client.cli", "batch", str(src),
                               "-o", str(tmp_path / "out.jsonl"), "--target", target],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=slave, env=_env(), timeout=120)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(master)
    err = b"".join(chunks).decode()
    assert proc.returncode == 0, err
    assert re.search(r"\[#+ *\] 6/6 [\d.]+/s ETA", err), err
    assert "lexdigest batch: 6 clusters, 6 ok, 0 failed" in err


def test_batch_orders_results_that_arrive_out_of_order(monkeypatch: pytest.MonkeyPatch,
                                                       tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    """The server answers in completion order; the output must follow the input order."""
    from lexdigest_client import BatchResult, DigestClient, ServerError

    def scrambled(self: Any, clusters: Any, **kw: Any) -> Any:
        items = list(clusters)
        for cid, _docs, _opts in reversed(items):
            if cid == "c1":
                yield BatchResult(cid, error=ServerError("boom"))
            else:
                yield BatchResult(cid, digest=_fake_digest(cid))

    monkeypatch.setattr(DigestClient, "summarize_batch", scrambled)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"c{i}", "documents": ["text"]}) + "\n"
                           for i in range(5)))
    code = cli.main(["batch", str(src), "--target", "127.0.0.1:9", "--connect-timeout", "0"])
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["c0", "c1", "c2", "c3", "c4"]
    assert "error" in out[1] and out[1]["error"]["message"] == "boom"
    assert code == 5


def _fake_digest(cid: str) -> Any:
    from lexdigest_client import Digest, Stats

    return Digest(sentences=(), sources=(), text=cid, stats=Stats())


# ------------------------------------------------------------------------------ exit codes


def test_exit_0_with_the_embedded_server() -> None:
    out = ok(lexdigest("summarize", "seeds", "--max-sentences", "2"))
    assert "Sources:" in out and "[1]" in out


def test_exit_2_usage_errors() -> None:
    for args in (["summarize"], ["frobnicate"], ["summarize", "seeds", "--max-words", "many"],
                 ["summarize", "seeds", "--format", "pdf"], []):
        proc = lexdigest(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert "Traceback" not in proc.stderr
        assert "usage: lexdigest" in proc.stderr


def test_help_documents_the_exit_codes() -> None:
    for args in (["--help"], ["summarize", "--help"], ["batch", "--help"]):
        out = ok(lexdigest(*args))
        for line in ("0  success", "2  usage error", "3  server unreachable",
                     "4  invalid input", "5  any other error"):
            assert line in out, (args, line)


def test_version() -> None:
    out = ok(lexdigest("--version"))
    assert re.fullmatch(r"lexdigest \d+\.\d+\.\d+\S*\n", out)


def test_exit_3_unreachable_target_fails_fast_with_one_line() -> None:
    start = time.monotonic()
    proc = lexdigest("summarize", "seeds", target="127.0.0.1:1")
    elapsed = time.monotonic() - start
    line = one_error_line(proc, 3)
    assert line == "lexdigest: error: server unreachable at 127.0.0.1:1: Connection refused"
    assert len(proc.stderr.strip().splitlines()) == 1
    assert elapsed < 10, elapsed


def test_exit_3_silent_server_hits_the_connect_timeout() -> None:
    """A port that accepts TCP but never speaks HTTP/2: give up after --connect-timeout."""
    with closing(socket.socket()) as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        port = s.getsockname()[1]
        start = time.monotonic()
        proc = lexdigest("health", "--connect-timeout", "1", target=f"127.0.0.1:{port}")
        elapsed = time.monotonic() - start
    line = one_error_line(proc, 3)
    assert "no connection within 1s" in line
    assert elapsed < 15, elapsed


def test_exit_4_invalid_input(target: str, tmp_path: Path) -> None:
    line = one_error_line(lexdigest("summarize", "no/such/file.txt", target=target), 4)
    assert "no/such/file.txt: no such file or directory" in line
    bad = tmp_path / "bad.json"
    bad.write_text('{"text": "unterminated')
    assert "invalid JSON" in one_error_line(lexdigest("summarize", bad, target=target), 4)
    assert "no file matches" in one_error_line(
        lexdigest("summarize", "tests/data/*.nothing", target=target), 4)


def test_exit_4_server_invalid_argument_with_field_details(target: str,
                                                           tmp_path: Path) -> None:
    proc = lexdigest("summarize", CLUSTER, "--max-sentences", "1000", target=target)
    one_error_line(proc, 4)
    assert "  --max-sentences: must be between 0 and 100" in proc.stderr  # the flag typed
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n")
    proc = lexdigest("summarize", CLUSTER / "wire.json", empty, target=target)
    one_error_line(proc, 4)
    # The field names the document and the file it came from.
    assert re.search(r"^  documents\[1\]\.text \(.*empty\.txt\): ", proc.stderr, re.M), \
        proc.stderr


def test_exit_5_unauthenticated(auth_target: str) -> None:
    proc = lexdigest("summarize", CLUSTER, target=auth_target)
    line = one_error_line(proc, 5)
    assert "not authenticated" in line and "--token" in line
    assert len(proc.stderr.strip().splitlines()) == 1
    verbose = lexdigest("summarize", CLUSTER, "--verbose", target=auth_target)
    one_error_line(verbose, 5)
    assert "status: UNAUTHENTICATED" in verbose.stderr
    ok(lexdigest("summarize", CLUSTER, "--token", "x", target=auth_target))


def test_exit_5_unexpected_exception_is_one_line(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    def broken(paths: list[str]) -> list[dict[str, Any]]:
        raise RuntimeError("disk on fire\nsecond line")

    monkeypatch.setattr(cli, "read_documents", broken)
    assert cli.main(["summarize", "seeds"]) == 5
    err = capsys.readouterr().err
    assert err == ("lexdigest: error: unexpected RuntimeError: disk on fire "
                   "(--verbose shows the traceback)\n")
    assert cli.main(["summarize", "seeds", "--verbose"]) == 5
    err = capsys.readouterr().err
    assert err.startswith("lexdigest: error: unexpected RuntimeError: disk on fire\n")
    assert "Traceback (most recent call last)" in err


# ------------------------------------------------------------------------------ completion


def _bash_complete(script: str, words: list[str]) -> list[str]:
    prog = (f"{script}\nCOMP_WORDS=({' '.join(repr(w) for w in words)}); "
            f"COMP_CWORD={len(words) - 1}; _lexdigest; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
    proc = subprocess.run(["bash", "-c", prog], capture_output=True, text=True, cwd=REPO,
                          timeout=30)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.split()


def test_bash_completion() -> None:
    script = ok(lexdigest("completion", "bash"))
    assert _bash_complete(script, ["lexdigest", "su"]) == ["summarize"]
    assert _bash_complete(script, ["lexdigest", "summarize", "--form"]) == ["--format"]
    assert _bash_complete(script, ["lexdigest", "summarize", "--format", "m"]) == ["markdown"]
    assert _bash_complete(script, ["lexdigest", "batch", "--ordering", "ch"]) == [
        "chronological"]
    assert _bash_complete(script, ["lexdigest", "completion", "f"]) == ["fish"]
    assert "tests/data" in _bash_complete(script, ["lexdigest", "summarize", "tests/da"])


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_completion_scripts_load(shell: str, tmp_path: Path) -> None:
    script = ok(lexdigest("completion", shell))
    assert "lexdigest" in script and "summarize" in script
    exe = Path("/usr/bin") / shell
    if not exe.exists():
        pytest.skip(f"{shell} is not installed")
    path = tmp_path / f"lexdigest.{shell}"
    path.write_text(script)
    if shell == "zsh":
        check = ["zsh", "-f", "-c", f"source {path} && whence -w _lexdigest"]
    else:
        check = ["fish", "--no-config", "-c",
                 f"source {path}; complete -C 'lexdigest summarize --form'"]
    proc = subprocess.run(check, capture_output=True, text=True, timeout=30,
                          env={**os.environ, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert ("function" in proc.stdout) if shell == "zsh" else ("--format" in proc.stdout)


def test_stream_and_health(target: str) -> None:
    whole = as_json(CLUSTER, target=target)
    streamed = as_json(CLUSTER, "--stream", target=target)
    assert streamed["sentences"] == whole["sentences"]
    assert ok(lexdigest("health", target=target)) == "SERVING\n"
