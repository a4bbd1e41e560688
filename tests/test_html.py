"""HTML in and out: saved news pages reduced to their article, and the HTML digest in a browser.

The browser tests use Debian's ``chromium`` (``apt-get install -y chromium``; ``.ci/run``
installs it) headless, and skip cleanly when ``/usr/bin/chromium`` is absent.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lexdigest_client._inputs import html_document, read_documents, read_stdin

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
CLUSTER = DATA / "cluster"
PAGE = DATA / "pages" / "northern-herald-karvik.html"
CHROMIUM = Path("/usr/bin/chromium")
FURNITURE = ("cookie", "Zephyr", "Subscribe", "QuickLend", "Copyright", "Most read",
             "Privacy policy", "Share on", "morning briefing", "recipes", "Karvik FC",
             "Search the Herald")

def _have_trafilatura() -> bool:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        return False
    return True


html_extra = pytest.mark.skipif(not _have_trafilatura(),
                                reason="the html extra (trafilatura) is not installed")
browser = pytest.mark.skipif(not CHROMIUM.exists(),
                             reason="no /usr/bin/chromium (apt-get install -y chromium)")


# ------------------------------------------------------------------------------ HTML input


@html_extra
def test_saved_page_is_reduced_to_the_article_with_its_metadata() -> None:
    doc = html_document(PAGE.read_text(encoding="utf-8"), PAGE.name, str(PAGE))
    assert doc["id"] == PAGE.name
    assert doc["title"] == "Karvik harbour bridge closed after Storm Elin cracks bearing"
    assert doc["url"] == "https://northern-herald.example/news/2025/02/11/karvik-bridge-closed"
    assert doc["published_at"].startswith("2025-02-11")
    assert doc["source"] == "The Northern Herald"
    text = doc["text"]
    for phrase in ("cracked one of the steel bearings", "Marta Lind", "free ferry",
                   "spring festival", "another storm could reach the coast"):
        assert phrase in text, phrase
    for junk in FURNITURE:
        assert junk not in text, junk
    # Paragraphs are separated by blank lines, which helps sentence segmentation.
    assert "\n\n" in text and "\n\n\n" not in text


@html_extra
def test_html_on_stdin_is_recognised() -> None:
    import io

    (doc,) = read_stdin(io.StringIO(PAGE.read_text(encoding="utf-8")))
    assert doc["id"] == "stdin" and "Marta Lind" in doc["text"]
    assert doc["title"].startswith("Karvik harbour bridge")


@html_extra
def test_a_page_without_an_article_is_a_clear_error(tmp_path: Path) -> None:
    from lexdigest_client import InvalidInputError

    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>"
                     "News</a></li></ul></nav><footer>Copyright 2025 Example. All rights "
                     "reserved.</footer></body></html>")
    with pytest.raises(InvalidInputError, match="no article text"):
        read_documents([str(empty)])


# ------------------------------------------------------------------------------ HTML output


def _chromium(tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    argv = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", "--disable-quic", f"--user-data-dir={profile}", *args]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=90,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


@pytest.fixture(scope="module")
def digest_page(module_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``lexdigest summarize tests/data/cluster --format html`` written to a file."""
    target = module_server(workers=-1).target
    out = tmp_path_factory.mktemp("html") / "digest.html"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEXDIGEST_")}
    proc = subprocess.run([sys.executable, "-m", "lexdigest_client.cli", "summarize",
                           str(CLUSTER), "--format", "html", "--explain", "-o", str(out),
                           "--target", target], capture_output=True, text=True, env=env,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, proc.stderr
    return out


# On load: click the first citation link of the first sentence (a real click, so the browser
# navigates to the fragment), then report where it went and what the targeted element says.
_FOLLOW = """<script>
addEventListener("load", () => {
  const link = document.querySelector("#sentence-1 a.cite");
  const href = link.getAttribute("href");
  link.click();
  const target = document.querySelector(":target");
  const support = document.querySelector("#sentence-1 details");
  support.open = true;
  const quote = support.querySelector("blockquote");
  document.title = JSON.stringify({
    href, hash: location.hash, target: target ? target.id : null,
    text: target ? target.textContent.trim() : null,
    quoteVisible: !!quote && quote.getBoundingClientRect().height > 0,
    quote: quote ? quote.textContent : null,
  });
});
</script>"""


@browser
def test_following_a_citation_link_lands_on_its_source(digest_page: Path,
                                                       tmp_path: Path) -> None:
    import json

    probe = tmp_path / "probe.html"
    probe.write_text(digest_page.read_text().replace("</body>", _FOLLOW + "</body>"))
    dom = _chromium(tmp_path, "--virtual-time-budget=3000", "--dump-dom", probe.as_uri())
    m = re.search(r"<title>(.*?)</title>", dom, re.S)
    assert m, dom[:2000]
    result = json.loads(html.unescape(m.group(1)))
    number = result["href"].removeprefix("#source-")
    assert result["hash"] == result["href"] and result["target"] == f"source-{number}"
    # The source entry the link landed on names the document of the sentence's citation.
    entry = re.search(rf'<li id="source-{number}"[^>]*>(.*?)</li>', dom, re.S)
    assert entry and html.unescape(re.sub("<[^>]+>", "", entry.group(1))).strip() \
        .startswith(result["text"][:30])
    # Opening "also reported by" shows a supporting sentence from another document.
    assert result["quoteVisible"] is True
    docs = "\n".join(d["text"] for d in read_documents([str(CLUSTER)]))
    assert result["quote"] and result["quote"] in docs


@browser
def test_every_citation_link_has_a_target_in_the_rendered_page(digest_page: Path,
                                                                 tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", digest_page.as_uri())
    ids = set(re.findall(r'\bid="([^"]+)"', dom))
    hrefs = re.findall(r'<a class="cite[^"]*" href="#([^"]+)"', dom)
    assert hrefs and set(hrefs) <= ids
    back = re.findall(r'href="#(sentence-\d+)"', dom)
    assert back and set(back) <= ids


@browser
def test_page_renders(digest_page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "digest.png"
    _chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}",
              digest_page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
