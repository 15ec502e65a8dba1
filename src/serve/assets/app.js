// claimgraph serve: the page's script. It asks this server's /api/ and /query only, and builds
// every element with textContent, so nothing from the data is ever read as HTML.
"use strict";

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "onclick") node.addEventListener("click", v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c ?? ""));
  return node;
}

async function ask(url, options) {
  const response = await fetch(url, options);
  const text = await response.text();
  if (!response.ok) throw new Error(text.trim() || response.statusText);
  return text;
}

function fail(where, error) {
  where.replaceChildren(el("span", { class: "error" }, error.message));
}

const state = { act: null, way: "forward" };

$("search-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const list = $("results");
  list.replaceChildren(el("li", {}, "Searching…"));
  try {
    const found = JSON.parse(await ask("/api/search?q=" + encodeURIComponent($("search").value)));
    list.replaceChildren(...found.map(resultItem));
    if (!found.length) list.replaceChildren(el("li", {}, "Nothing has that name."));
  } catch (e) {
    fail(list, e);
  }
});

function resultItem(hit) {
  const open = hit.kind === "actor" ? () => showActs(hit)
    : hit.kind === "act" ? () => showChain(hit.iri)
    : () => showWhy("act=" + encodeURIComponent(hit.iri));
  return el("li", {},
    el("button", { type: "button", class: "result", "data-iri": hit.iri, onclick: open },
      `${hit.kind}: ${hit.label}`),
    " ", el("span", { class: "meta" }, hit.short));
}

for (const way of ["forward", "backward"]) {
  $("way-" + way).addEventListener("click", () => {
    state.way = way;
    $("way-forward").setAttribute("aria-pressed", String(way === "forward"));
    $("way-backward").setAttribute("aria-pressed", String(way === "backward"));
    if (state.act) showChain(state.act);
  });
}
$("why-act").addEventListener("click", () => state.act && showWhy("act=" + encodeURIComponent(state.act)));

async function showChain(iri) {
  state.act = iri;
  $("chain-section").hidden = false;
  const list = $("chain");
  list.replaceChildren();
  $("chain-status").textContent = "Reading the chain…";
  const param = state.way === "forward" ? "from" : "to";
  try {
    const answer = JSON.parse(await ask(`/api/chain?${param}=${encodeURIComponent(iri)}`));
    const acts = new Map(answer.acts.map((a) => [a.iri, a]));
    const parents = [];
    for (const step of answer.tree) {
      parents[step.depth] = step.act;
      const parent = step.depth > 0 ? parents[step.depth - 1] : null;
      list.append(hopItem(step, acts.get(step.act), parent));
    }
    $("chain-status").textContent =
      `${answer.tree.length} acts, ${answer.links.length} links. Choose a hop to see the words that state it.`;
    showPicture(`/api/chain.svg?${param}=${encodeURIComponent(iri)}`, `The chain of ${iri} as a graph`);
  } catch (e) {
    $("chain-status").textContent = "";
    fail(list, e);
  }
}

function showPicture(src, alt) {
  const box = $("chain-picture");
  const img = el("img", { src, alt });
  img.addEventListener("error", async () => {
    try { await ask(src); } catch (e) { fail(box, e); }
  });
  box.replaceChildren(img);
}

function hopItem(step, act, parent) {
  const label = act ? act.label || act.iri : step.act;
  const who = act ? act.actors.map((a) => a.label).join(", ") : "";
  const text = parent
    ? `${step.relations.join(", ")} → ${label}`
    : label;
  const why = parent
    ? () => showWhy(`link=${encodeURIComponent(parent)}&link=${encodeURIComponent(step.act)}`)
    : () => showWhy("act=" + encodeURIComponent(step.act));
  const item = el("li", {},
    el("button", { type: "button", class: "hop", "data-act": step.act, onclick: why }, text),
    el("div", { class: "meta" }, [act && act.date, who].filter(Boolean).join(" · ")));
  // Set through the DOM, not an attribute: the page's policy forbids inline styles.
  item.style.marginLeft = `${Math.min(step.depth, 12) * 1.2}rem`;
  return item;
}

async function showWhy(query) {
  $("why-section").hidden = false;
  const box = $("why");
  box.replaceChildren(el("p", {}, "Reading the sources…"));
  $("why-target").textContent = "";
  try {
    const answer = JSON.parse(await ask("/api/why?" + query));
    $("why-target").textContent = answer.target;
    const blocks = [];
    for (const ground of answer.grounds) {
      blocks.push(el("h3", {}, ground.claim ? `${ground.graph} (claimed, not reported as fact)` : ground.graph));
      for (const q of ground.quotes) blocks.push(quoteBlock(q));
    }
    box.replaceChildren(...(blocks.length ? blocks : [el("p", {}, "No quote grounds this.")]));
    $("why-title").focus();
  } catch (e) {
    fail(box, e);
  }
}

function quoteBlock(q) {
  const where = q.start == null ? "offsets unknown" : `characters ${q.start}–${q.end}`;
  const words = q.quoted == null
    ? [el("mark", {}, q.exact), " (the source text is not at hand)"]
    : [q.before, el("mark", {}, q.quoted), q.after];
  return el("blockquote", { class: "quote" }, el("p", {}, ...words),
    el("p", { class: "meta" }, `${q.source}, ${where}`));
}

async function showActs(hit) {
  $("acts-section").hidden = false;
  $("acts-actor").textContent = hit.label;
  const list = $("acts");
  list.replaceChildren(el("li", {}, "Reading…"));
  try {
    const lines = (await ask("/api/events?actor=" + encodeURIComponent(hit.iri))).split("\n").filter(Boolean);
    const records = lines.map((l) => JSON.parse(l));
    records.sort((a, b) => String(a.date_earliest).localeCompare(String(b.date_earliest)));
    const seen = new Set();
    const items = [];
    for (const r of records) {
      if (seen.has(r.act_id)) continue;
      seen.add(r.act_id);
      items.push(el("li", {},
        el("button", { type: "button", class: "act", onclick: () => showChain(r.act_id) },
          `${r.date_earliest || "undated"}: ${r.act_type_label || r.act_kind} (${r.act_id})`)));
    }
    list.replaceChildren(...(items.length ? items : [el("li", {}, "No acts.")]));
  } catch (e) {
    fail(list, e);
  }
}

$("sparql-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const box = $("sparql-result");
  $("sparql-status").textContent = "Running…";
  try {
    const text = await ask("/query", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json, text/turtle;q=0.5" },
      body: "query=" + encodeURIComponent($("sparql").value),
    });
    $("sparql-status").textContent = "";
    box.replaceChildren(resultsTable(text));
  } catch (e) {
    $("sparql-status").textContent = "";
    fail(box, e);
  }
});

function resultsTable(text) {
  let answer;
  try { answer = JSON.parse(text); } catch { return el("pre", {}, text); }
  if ("boolean" in answer) return el("p", {}, String(answer.boolean));
  const vars = answer.head.vars;
  const rows = answer.results.bindings.map((b) =>
    el("tr", {}, ...vars.map((v) => el("td", {}, b[v] ? b[v].value : ""))));
  return el("table", {}, el("thead", {}, el("tr", {}, ...vars.map((v) => el("th", { scope: "col" }, v)))),
    el("tbody", {}, ...rows));
}

$("timeline-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const a = encodeURIComponent($("party-a").value);
  const b = encodeURIComponent($("party-b").value);
  const box = $("timeline");
  $("timeline-status").textContent = "Drawing…";
  const img = el("img", { src: `/api/timeline.svg?between=${a}&between=${b}`,
    alt: `Escalation timeline between ${$("party-a").value} and ${$("party-b").value}` });
  img.addEventListener("load", () => { $("timeline-status").textContent = ""; });
  img.addEventListener("error", async () => {
    $("timeline-status").textContent = "";
    try { await ask(img.src); } catch (e) { fail(box, e); }
  });
  box.replaceChildren(img);
});

const saved = new Map();

async function loadSaved() {
  try {
    const all = JSON.parse(await ask("/api/queries"));
    for (const q of all) saved.set(q.name, q);
    $("saved").replaceChildren(...all.map((q) => el("option", { value: q.name }, q.title || q.name)));
    showSaved();
  } catch (e) {
    fail($("saved-status"), e);
  }
}

function showSaved() {
  const q = saved.get($("saved").value);
  if (!q) return;
  $("saved-question").textContent = q.question;
  $("saved-binds").replaceChildren(...q.binds.map(([name, example], i) => {
    const id = "bind-" + i;
    return el("div", {}, el("label", { for: id }, `${name} (optional, e.g. ${example})`),
      el("input", { id, "data-name": name, placeholder: example }));
  }));
}

$("saved").addEventListener("change", showSaved);
$("saved-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const box = $("saved-result");
  let query = "name=" + encodeURIComponent($("saved").value);
  for (const input of $("saved-binds").querySelectorAll("input")) {
    if (input.value.trim()) query += "&bind=" + encodeURIComponent(`${input.dataset.name}=${input.value.trim()}`);
  }
  $("saved-status").textContent = "Running…";
  try {
    box.replaceChildren(resultsTable(await ask("/api/run?" + query)));
    $("saved-status").textContent = "";
  } catch (e) {
    $("saved-status").textContent = "";
    fail(box, e);
  }
});
loadSaved();
