"""The web page in a real headless browser: Debian's chromium driven by its chromedriver
(selenium), against a real ``lexdigest-server --http-port``.

A person chooses the seed files, asks for a digest, selects a citation marker and reads the
cited sentence highlighted in its source. ``.ci/run`` installs chromium and chromium-driver
with apt-get; where neither is there the tests skip with one line. The screenshot is written
to the test's folder, and also to ``$LEXDIGEST_SCREENSHOT`` when that is set (that is how the
README's picture is made).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
PAGE = Path(__file__).resolve().parent / "data" / "pages" / "northern-herald-karvik.html"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("no /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium "
                "chromium-driver)", allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def srv(module_server: Any) -> Any:
    return module_server("--workers", "1", "--http-port", "0")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    profile = tempfile.mkdtemp(prefix="lexdigest-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # The flags that work on this machine (closed network, root): no sandbox, no GPU, and
    # none of Chromium's own background connections.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1280,860"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(str(CHROMEDRIVER)),
                              options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait(driver: Any, seconds: float = 60) -> Any:
    return WebDriverWait(driver, seconds)


def summarize(driver: Any, srv: Any, files: list[Path], *, budget: int = 4,
              explain: bool = False) -> list[Any]:
    """Open the page, choose ``files``, submit; the digest's list items."""
    driver.get(srv.http_url + "/")
    driver.find_element(By.ID, "files").send_keys("\n".join(str(f) for f in files))
    wait(driver, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#file-list li"))
                           == len(files))
    budget_box = driver.find_element(By.ID, "budget")
    budget_box.clear()
    budget_box.send_keys(str(budget))
    Select(driver.find_element(By.ID, "unit")).select_by_value("sentences")
    if explain:
        driver.find_element(By.ID, "explain").click()
    driver.find_element(By.ID, "submit").click()
    wait(driver).until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#digest li")))
    return list(driver.find_elements(By.CSS_SELECTOR, "#digest li"))


def test_a_citation_opens_its_source_with_the_cited_sentence_highlighted(
        browser: Any, srv: Any, tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in seeds}
    items = summarize(browser, srv, seeds)
    assert 1 <= len(items) <= 4
    response = browser.execute_script("return state.response")
    assert len(response["sentences"]) == len(items)

    for i in (0, len(items) - 1):
        sentence = response["sentences"][i]
        marker = items[i].find_element(By.CSS_SELECTOR, "button.marker")
        assert marker.text == f"[{sentence['sourceNumber']}]"
        marker.click()
        mark = wait(browser, 10).until(ec.visibility_of_element_located((By.ID, "cited")))
        c = sentence["citation"]
        # The highlighted span is the cited sentence, and exactly the file's code points
        # [charStart, charEnd): what the digest promises.
        assert mark.text == sentence["text"]
        assert texts[c["documentId"]][c.get("charStart", 0):c["charEnd"]] == mark.text
        assert marker.get_attribute("aria-pressed") == "true"
        # Scrolled into view inside the source pane, and focus moved to the pane.
        assert browser.execute_script(
            "const m = document.getElementById('cited').getBoundingClientRect();"
            "const b = document.getElementById('source-text').getBoundingClientRect();"
            "return m.top >= b.top - 1 && m.top < b.bottom && m.bottom > b.top;")
        assert browser.switch_to.active_element.get_attribute("id") == "viewer-heading"

    # Supporting sources are listed and open at their own sentence.
    with_support = [s for s in response["sentences"] if s.get("supporting")]
    if with_support:
        index = response["sentences"].index(with_support[0])
        items[index].find_element(By.CSS_SELECTOR, "button.marker").click()
        supports = wait(browser, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#supporting button.support"))
        first = with_support[0]["supporting"][0]
        assert supports[0].text == first["documentId"]
        supports[0].click()
        mark = browser.find_element(By.ID, "cited")
        assert mark.text == texts[first["documentId"]][first.get("charStart", 0):
                                                       first["charEnd"]]
    items = browser.find_elements(By.CSS_SELECTOR, "#digest li")
    items[0].find_element(By.CSS_SELECTOR, "button.marker").click()
    wait(browser, 10).until(ec.visibility_of_element_located((By.ID, "cited")))
    browser.execute_script("document.getElementById('result').scrollIntoView()")
    shot = tmp_path / "page.png"
    assert browser.save_screenshot(str(shot))
    if os.environ.get("LEXDIGEST_SCREENSHOT"):
        shutil.copy(shot, os.environ["LEXDIGEST_SCREENSHOT"])

    # Escape closes the source and gives focus back to the marker that opened it.
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not browser.find_element(By.ID, "viewer").is_displayed()
    assert "marker" in (browser.switch_to.active_element.get_attribute("class") or "")


def test_stories_mode_groups_the_files_and_each_story_cites_its_sources(
        browser: Any, srv: Any) -> None:
    cluster = Path(__file__).resolve().parent / "data" / "cluster"
    files = [*sorted(SEEDS.glob("*.txt")), cluster / "karvik-gazette.txt",
             cluster / "coastal-news.md", PAGE]
    browser.get(srv.http_url + "/")
    Select(browser.find_element(By.ID, "mode")).select_by_value("stories")
    browser.find_element(By.ID, "files").send_keys("\n".join(str(f) for f in files))
    wait(browser, 10).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#file-list li"))
                            == len(files))
    browser.find_element(By.ID, "submit").click()
    wait(browser).until(ec.visibility_of_element_located((By.CSS_SELECTOR, "section.story")))
    response = browser.execute_script("return state.response")
    documents = browser.execute_script("return state.documents")
    sections = browser.find_elements(By.CSS_SELECTOR, "section.story")
    assert len(sections) == len(response["stories"]) >= 2
    assert sorted(d for s in response["stories"] for d in s["documentIds"]) == sorted(
        f.name for f in files)
    for section, story in zip(sections, response["stories"], strict=True):
        sentences = story["digest"].get("sentences", [])
        if not sentences:
            continue
        section.find_element(By.CSS_SELECTOR, "button.marker").click()
        mark = wait(browser, 10).until(ec.visibility_of_element_located((By.ID, "cited")))
        c = sentences[0]["citation"]
        assert mark.text == sentences[0]["text"]
        assert documents[c["documentId"]]["text"][c.get("charStart", 0):c["charEnd"]] == mark.text


def test_explain_view_lists_every_candidate(browser: Any, srv: Any) -> None:
    items = summarize(browser, srv, sorted(SEEDS.glob("*.txt"))[:2], budget=2, explain=True)
    rows = browser.find_elements(By.CSS_SELECTOR, "#explanations tbody tr")
    selected = browser.find_elements(By.CSS_SELECTOR, "#explanations tbody tr.selected")
    assert len(rows) > len(items) and len(selected) == len(items)
    assert {r.find_elements(By.TAG_NAME, "td")[2].text for r in rows} >= {"selected"}
    ranks = [r.find_elements(By.TAG_NAME, "td")[0].text for r in rows]
    numbered = [int(x) for x in ranks if x.isdigit()]
    assert numbered == sorted(numbered) and ranks[:len(numbered)] == [str(n) for n in numbered]


def test_an_html_file_is_reduced_to_its_article(browser: Any, srv: Any) -> None:
    items = summarize(browser, srv, [PAGE], budget=3)
    assert items
    doc = browser.execute_script(f"return state.documents[{PAGE.name!r}]")
    assert doc["title"].startswith("Karvik harbour bridge")
    assert "cracked one of the steel bearings" in doc["text"]
    for furniture in ("Subscribe", "cookie", "Privacy policy", "Karvik FC"):
        assert furniture not in doc["text"]


def test_errors_are_shown_with_their_fields(browser: Any, srv: Any) -> None:
    browser.get(srv.http_url + "/")
    browser.find_element(By.ID, "paste").send_keys("Too short.")
    browser.find_element(By.ID, "query").send_keys("q" * 1000)
    browser.execute_script("document.getElementById('query').value += 'q';")  # over the limit
    browser.find_element(By.ID, "submit").click()
    error = wait(browser, 30).until(ec.visibility_of_element_located((By.ID, "error")))
    assert "options.query" in error.text


def test_every_control_is_labelled_and_dark_mode_applies(browser: Any, srv: Any) -> None:
    browser.get(srv.http_url + "/")
    unlabelled = browser.execute_script(
        "return [...document.querySelectorAll('input, select, textarea, button')]"
        ".filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')"
        " && !e.textContent.trim()).map(e => e.id || e.outerHTML);")
    assert unlabelled == []
    light = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    try:
        dark = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert light != dark

    def luminance(rgb: str) -> float:
        r, g, b = (int(x) for x in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3])
        return (r + g + b) / 3

    assert luminance(light) > 200 > 60 > luminance(dark)


def test_a_server_with_a_token_asks_for_it_and_then_answers(browser: Any, server: Any) -> None:
    srv = server("--workers", "1", "--http-port", "0", env={"LEXDIGEST_AUTH_TOKEN": "tok-19"})
    browser.get(srv.http_url + "/")
    browser.find_element(By.ID, "paste").send_keys(SEEDS.joinpath(
        sorted(p.name for p in SEEDS.glob("*.txt"))[0]).read_text(encoding="utf-8"))
    browser.find_element(By.ID, "submit").click()
    error = wait(browser, 30).until(ec.visibility_of_element_located((By.ID, "error")))
    assert "access token" in error.text
    browser.find_element(By.CSS_SELECTOR, "details summary").click()
    browser.find_element(By.ID, "token").send_keys("tok-19")
    browser.find_element(By.ID, "submit").click()
    wait(browser).until(ec.visibility_of_element_located((By.CSS_SELECTOR, "#digest li")))
    assert not browser.find_element(By.ID, "error").is_displayed()
