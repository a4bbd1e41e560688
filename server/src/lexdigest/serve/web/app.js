// lexdigest web page: gathers documents, calls POST /v1/digest:summarize (proto3 JSON), and
// shows the digest; each [n] opens its source with the cited span highlighted.
//
// Citation offsets count Unicode code points; JavaScript strings count UTF-16 units, so every
// slice goes through codePointIndex(). User text is only ever put into the page as text nodes.
"use strict";

const API = { digest: "/v1/digest:summarize", stories: "/v1/digest:summarizeStories" };
const SEPARATOR = /^[ \t]*---[ \t]*$/m;
const $ = (id) => document.getElementById(id);

const state = {
  files: [],        // {name, text, title} read from chosen or dropped files
  documents: {},    // id -> document as sent with the last request
  response: null,   // the last SummarizeResponse (or SummarizeStoriesResponse)
  pressed: null,    // the marker button whose source is open
};

// ----------------------------------------------------------------------------- documents

/** UTF-16 index of code point ``cp`` in ``text``. */
function codePointIndex(text, cp) {
  let units = 0;
  for (let i = 0; i < cp && units < text.length; i++) {
    units += text.codePointAt(units) > 0xffff ? 2 : 1;
  }
  return units;
}

/** The readable text of an HTML page: its article (or main, or body) without page furniture,
 *  one paragraph per block, and its title. */
function htmlDocument(html) {
  const page = new DOMParser().parseFromString(html, "text/html");
  page.querySelectorAll("script, style, noscript, template, nav, header, footer, aside, form, " +
    "iframe, svg, [hidden], [aria-hidden=true]").forEach((el) => el.remove());
  const root = page.querySelector("article") || page.querySelector("main") || page.body;
  const title = (page.querySelector("meta[property='og:title']")?.getAttribute("content") ||
    page.querySelector("h1")?.textContent || page.title || "").trim();
  const blocks = root ? [...root.querySelectorAll("h1, h2, h3, h4, p, li, blockquote, pre")] : [];
  // Innermost blocks only, and none that is mostly link text (related stories, "read more").
  const linkShare = (el) => [...el.querySelectorAll("a")]
    .reduce((n, a) => n + a.textContent.trim().length, 0) / Math.max(1, el.textContent.trim().length);
  const leaves = blocks.filter((el) => !el.querySelector("p, li, blockquote, pre") && linkShare(el) < 0.8);
  const text = (leaves.length ? leaves.map((el) => el.textContent) : [root?.textContent || ""])
    .map((t) => t.replace(/\s+/g, " ").trim()).filter(Boolean).join("\n\n");
  return { text, title };
}

async function readFile(file) {
  const raw = await file.text();
  if (/\.html?$/i.test(file.name) || file.type === "text/html") {
    return { name: file.name, ...htmlDocument(raw) };
  }
  return { name: file.name, text: raw, title: "" };
}

async function addFiles(list) {
  const accepted = [...list].filter((f) => /\.(txt|md|markdown|html?)$/i.test(f.name));
  const skipped = list.length - accepted.length;
  for (const doc of await Promise.all(accepted.map(readFile))) {
    state.files = state.files.filter((f) => f.name !== doc.name).concat([doc]);
  }
  renderFileList();
  showError(skipped ? `${skipped} file(s) skipped: only .txt, .md and .html are read.` : "");
}

function renderFileList() {
  const list = $("file-list");
  list.replaceChildren();
  state.files.forEach((f) => {
    const li = document.createElement("li");
    li.append(`${f.name} (${f.text.length.toLocaleString()} characters)`);
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove ${f.name}`);
    remove.addEventListener("click", () => {
      state.files = state.files.filter((x) => x !== f);
      renderFileList();
    });
    li.append(remove);
    list.append(li);
  });
}

function gatherDocuments() {
  const pasted = $("paste").value.split(SEPARATOR).map((t) => t.trim()).filter(Boolean);
  const docs = pasted.map((text, i) => ({ id: `pasted-${i + 1}`, text }));
  for (const f of state.files) {
    docs.push(f.title ? { id: f.name, text: f.text, title: f.title } : { id: f.name, text: f.text });
  }
  return docs;
}

// ----------------------------------------------------------------------------- the call

function request(documents) {
  const budget = Number($("budget").value) || 0;
  const options = { ordering: $("ordering").value, explain: $("explain").checked };
  const field = { sentences: "maxSentences", words: "maxWords", chars: "maxChars" }[$("unit").value];
  if (budget > 0) options[field] = budget;
  const query = $("query").value.trim();
  if (query) options.query = query;
  return { documents, options };
}

/** A readable message of a google.rpc.Status JSON body, with its field violations. */
function statusMessage(httpStatus, body) {
  if (httpStatus === 401) return "This server needs an access token: enter it under “Access token”.";
  if (!body || typeof body.message !== "string") return `The server answered HTTP ${httpStatus}.`;
  const lines = [body.message];
  for (const d of body.details || []) {
    for (const v of d.fieldViolations || []) lines.push(`• ${v.field}: ${v.description}`);
  }
  return lines.join("\n");
}

async function summarize(event) {
  event.preventDefault();
  const documents = gatherDocuments();
  if (!documents.length) {
    showError("Add at least one document: paste text or choose files.");
    return;
  }
  const headers = { "content-type": "application/json" };
  const token = $("token").value.trim();
  if (token) headers.authorization = `Bearer ${token}`;
  setBusy(true);
  showError("");
  try {
    const mode = $("mode").value;
    const resp = await fetch(API[mode], { method: "POST", headers,
      body: JSON.stringify(request(documents)) });
    const body = await resp.json().catch(() => null);
    if (!resp.ok) {
      showError(statusMessage(resp.status, body));
      return;
    }
    state.documents = Object.fromEntries(documents.map((d) => [d.id, d]));
    if (mode === "stories") renderStories(body);
    else render(body);
  } catch (err) {
    showError(`The server could not be reached: ${err.message}`);
  } finally {
    setBusy(false);
  }
}

function setBusy(busy) {
  $("submit").disabled = busy;
  $("busy").hidden = !busy;
  $("digest-form").setAttribute("aria-busy", String(busy));
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

// ----------------------------------------------------------------------------- the digest

function sourceLabel(source) {
  return source.title || source.source || source.documentId;
}

function render(response) {
  state.response = response;
  const stats = response.stats || {};
  $("stats").textContent = `${(response.sentences || []).length} sentences from ` +
    `${stats.documents || 0} documents (${stats.sentences || 0} sentences read, ` +
    `${Math.round(stats.engineMs || 0)} ms).`;
  fillDigest(response, $("digest"), $("sources"));
  $("one-digest").hidden = false;
  $("stories").replaceChildren();
  renderExplanations(response.explanations || []);
  showResult();
}

/** Stories: a section per story with its headline, dates and its own digest and sources. */
function renderStories(response) {
  state.response = response;
  const stories = response.stories || [];
  $("stats").textContent = `${stories.length} stories from ${response.documents || 0} ` +
    `documents (${Math.round(response.engineMs || 0)} ms).`;
  $("one-digest").hidden = true;
  const box = $("stories");
  box.replaceChildren();
  stories.forEach((story, i) => {
    const section = document.createElement("section");
    section.className = "story";
    const heading = document.createElement("h3");
    heading.textContent = `${i + 1}. ${story.title?.text || story.id}`;
    const meta = document.createElement("p");
    meta.className = "meta";
    const days = [story.startTime, story.endTime].filter(Boolean).map((t) => t.slice(0, 10));
    meta.textContent = `${(story.documentIds || []).length} documents` +
      (days.length ? ` · ${[...new Set(days)].join(" – ")}` : "");
    const list = document.createElement("ol");
    list.className = "digest";
    const sources = document.createElement("ol");
    sources.className = "sources";
    sources.setAttribute("aria-label", `Sources of story ${i + 1}`);
    fillDigest(story.digest || {}, list, sources);
    section.append(heading, meta, list, sources);
    box.append(section);
  });
  renderExplanations([]);
  showResult();
}

function showResult() {
  $("result").hidden = false;
  $("viewer").hidden = true;
  $("result-heading").focus();
}

/** The sentences of one digest, each with its [n] marker, into ``list``; its numbered
 *  sources into ``sourceList``. */
function fillDigest(digest, list, sourceList) {
  const sources = digest.sources || [];
  const byNumber = Object.fromEntries(sources.map((s) => [s.number, s]));
  list.replaceChildren();
  (digest.sentences || []).forEach((s) => {
    const li = document.createElement("li");
    li.append(s.text);
    if (s.date) {
      const date = document.createElement("span");
      date.className = "sentence-date";
      date.textContent = `(${s.date})`;
      li.append(date);
    }
    const marker = document.createElement("button");
    marker.type = "button";
    marker.className = "marker";
    marker.textContent = `[${s.sourceNumber}]`;
    marker.setAttribute("aria-pressed", "false");
    marker.setAttribute("aria-label",
      `Open source ${s.sourceNumber}, ${sourceLabel(byNumber[s.sourceNumber] || {})}, at this sentence`);
    marker.addEventListener("click", () => openCitation(s.citation, s.supporting || [], marker, sources));
    li.append(marker);
    list.append(li);
  });
  sourceList.replaceChildren();
  sources.forEach((s) => {
    const li = document.createElement("li");
    li.value = s.number;
    li.append(sourceLabel(s));
    if (s.url) {
      li.append(" — ");
      const a = document.createElement("a");
      a.href = s.url;
      a.textContent = s.url;
      a.rel = "noreferrer";
      li.append(a);
    }
    sourceList.append(li);
  });
}

function renderExplanations(explanations) {
  $("explain-view").hidden = !explanations.length;
  const body = $("explanations").querySelector("tbody");
  body.replaceChildren();
  // By rank, best first; boilerplate and merged duplicates (rank 0) after every ranked one.
  const ranked = [...explanations].sort((a, b) => (a.rank || Infinity) - (b.rank || Infinity));
  for (const e of ranked) {
    const row = document.createElement("tr");
    if (e.decision === "DECISION_SELECTED") row.className = "selected";
    const decision = (e.decision || "").replace("DECISION_", "").replace("_", " ").toLowerCase();
    for (const value of [e.rank || "–", (e.score || 0).toFixed(2), decision, e.reason || ""]) {
      const td = document.createElement("td");
      td.textContent = String(value);
      row.append(td);
    }
    const td = document.createElement("td");
    td.append(e.text, " ");
    const open = document.createElement("button");
    open.type = "button";
    open.textContent = "show";
    open.setAttribute("aria-label", `Show this sentence in ${e.citation.documentId}`);
    open.addEventListener("click", () => openCitation(e.citation, [], open, state.response.sources));
    td.append(open);
    row.append(td);
    body.append(row);
  }
}

// ----------------------------------------------------------------------------- the source

/** Show the cited document with ``citation``'s span marked and scrolled into view; list the
 *  other documents that report the same thing. ``sources`` numbers the documents. */
function openCitation(citation, supporting, opener, sources) {
  const doc = state.documents[citation.documentId];
  if (!doc) return;
  if (state.pressed) state.pressed.setAttribute("aria-pressed", "false");
  state.pressed = opener;
  if (opener.classList.contains("marker")) opener.setAttribute("aria-pressed", "true");
  const start = codePointIndex(doc.text, citation.charStart || 0);
  const end = codePointIndex(doc.text, citation.charEnd || 0);
  const mark = document.createElement("mark");
  mark.className = "cited";
  mark.id = "cited";
  mark.textContent = doc.text.slice(start, end);
  $("source-text").replaceChildren(doc.text.slice(0, start), mark, doc.text.slice(end));
  const source = (sources || []).find((x) => x.documentId === doc.id);
  $("viewer-heading").textContent = source ? `[${source.number}] ${sourceLabel(source)}` : doc.id;
  $("viewer-meta").textContent = `${doc.id} · sentence ${(citation.sentenceIndex || 0) + 1} · ` +
    `characters ${citation.charStart || 0}–${citation.charEnd || 0}`;
  renderSupporting(citation, supporting, opener, sources);
  $("viewer").hidden = false;
  // Centre the span in the source pane; bring the pane itself into view only if it is not
  // (on a narrow screen it sits below the digest), so the page does not jump needlessly.
  const box = $("source-text");
  box.scrollTop = mark.offsetTop - (box.clientHeight - mark.offsetHeight) / 2;  // box is positioned
  const pane = $("viewer").getBoundingClientRect();
  if (pane.top < 0 || pane.top > window.innerHeight - 100) $("viewer").scrollIntoView();
  $("viewer-heading").focus({ preventScroll: true });
}

function renderSupporting(primary, supporting, opener, sources) {
  const list = $("supporting");
  list.replaceChildren();
  $("supporting-block").hidden = !supporting.length;
  for (const c of supporting) {
    const doc = state.documents[c.documentId];
    if (!doc) continue;
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "support";
    const start = codePointIndex(doc.text, c.charStart || 0);
    const end = codePointIndex(doc.text, c.charEnd || 0);
    button.textContent = c.documentId;
    button.setAttribute("aria-label", `Open ${c.documentId} at the sentence that says the same`);
    button.addEventListener("click", () =>
      openCitation(c, [primary, ...supporting.filter((x) => x !== c)], opener, sources));
    const quote = document.createElement("span");
    quote.className = "quote";
    quote.textContent = doc.text.slice(start, end);
    li.append(button, " ", quote);
    list.append(li);
  }
}

// ----------------------------------------------------------------------------- wiring

function wire() {
  $("digest-form").addEventListener("submit", summarize);
  $("files").addEventListener("change", (e) => addFiles(e.target.files));
  const drop = $("drop");
  ["dragenter", "dragover"].forEach((t) => drop.addEventListener(t, (e) => {
    e.preventDefault();
    drop.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((t) => drop.addEventListener(t, () => drop.classList.remove("over")));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    addFiles(e.dataTransfer.files);
  });
  $("viewer-back").addEventListener("click", () => {
    $("viewer").hidden = true;
    (state.pressed || $("result-heading")).focus();
  });
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("viewer").hidden) $("viewer-back").click();
  });
}

wire();
