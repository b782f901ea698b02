// The chipkg query page: questions in plain English to /ask (shapes from /ask/shapes),
// SPARQL to /sparql (examples from /examples.json), one results table.
// Everything is written with textContent: result values never become markup.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const query = $("query");
  const status = $("status");
  const table = $("results");
  const raw = $("raw");
  const more = $("more");
  const examples = [];
  // Columns a table leaves out, as `chipkg ask` does: IRIs and long provenance.
  const HIDDEN = new Set(["claim", "article", "char_start", "char_end", "extracted_by"]);
  let nextPage = null;
  let columns = [];

  function setStatus(text, isError) {
    status.textContent = text;
    status.className = isError ? "error" : "";
  }

  function clearResults() {
    table.tHead.replaceChildren();
    table.tBodies[0].replaceChildren();
    raw.hidden = true;
    raw.textContent = "";
    more.hidden = true;
    nextPage = null;
  }

  function cell(tag, text, title) {
    const el = document.createElement(tag);
    el.textContent = text;
    if (title) el.title = title;
    return el;
  }

  function termText(term) {
    if (!term) return ["", ""];
    if (term.type === "uri") return [term.value, "IRI"];
    if (term.type === "bnode") return ["_:" + term.value, "blank node"];
    const note = term["xml:lang"] ? "@" + term["xml:lang"] : (term.datatype || "");
    return [term.value, note];
  }

  function showSelect(doc) {
    const head = document.createElement("tr");
    const vars = (doc.head && doc.head.vars) || [];
    vars.forEach((v) => head.appendChild(cell("th", v)));
    table.tHead.appendChild(head);
    const body = table.tBodies[0];
    doc.results.bindings.forEach((binding) => {
      const row = document.createElement("tr");
      vars.forEach((v) => {
        const [text, title] = termText(binding[v]);
        row.appendChild(cell("td", text, title));
      });
      body.appendChild(row);
    });
    return doc.results.bindings.length;
  }

  async function run() {
    clearResults();
    setStatus("running…", false);
    const started = performance.now();
    let response;
    try {
      response = await fetch("sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/sparql-query",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: query.value,
      });
    } catch (err) {
      setStatus("request failed: " + err, true);
      return;
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    const type = response.headers.get("Content-Type") || "";
    const text = await response.text();
    if (!response.ok) {
      setStatus(response.status + " " + response.statusText + ": " + text.trim(), true);
      return;
    }
    const truncated = response.headers.get("X-Chipkg-Truncated");
    const note = truncated ? " (truncated: " + truncated + ")" : "";
    if (type.startsWith("application/sparql-results+json")) {
      const doc = JSON.parse(text);
      if (typeof doc.boolean === "boolean") {
        table.tHead.appendChild(cell("tr", ""));
        table.tBodies[0].appendChild(cell("tr", String(doc.boolean)));
        setStatus("ASK answered in " + seconds + " s", false);
        return;
      }
      const n = showSelect(doc);
      setStatus(n + " row" + (n === 1 ? "" : "s") + " in " + seconds + " s" + note, false);
    } else {
      raw.textContent = text;
      raw.hidden = false;
      setStatus("graph result in " + seconds + " s" + note, false);
    }
  }

  function valueText(value) {
    if (value === null || value === undefined) return "";
    if (Array.isArray(value)) return value.map(valueText).join("; ");
    return String(value);
  }

  function showRows(rows, append) {
    if (!append) {
      columns = rows.length ? Object.keys(rows[0]).filter(
        (c) => !HIDDEN.has(c) && !c.endsWith("_iri")) : [];
      const head = document.createElement("tr");
      columns.forEach((c) => head.appendChild(cell("th", c)));
      table.tHead.appendChild(head);
    }
    const body = table.tBodies[0];
    rows.forEach((r) => {
      const row = document.createElement("tr");
      columns.forEach((c) => row.appendChild(cell("td", valueText(r[c]))));
      body.appendChild(row);
    });
    return body.rows.length;
  }

  async function fetchAnswer(url, append) {
    setStatus("asking…", false);
    let response;
    try {
      response = await fetch(url, { headers: { "Accept": "application/json" } });
    } catch (err) {
      setStatus("request failed: " + err, true);
      return;
    }
    const text = await response.text();
    if (!response.ok) {
      setStatus(text.trim(), true);
      return;
    }
    const doc = JSON.parse(text);
    $("answered").textContent = "answered by " + doc.command + " (helper " + doc.helper + ")";
    const n = showRows(doc.rows, append);
    nextPage = doc.next;
    more.hidden = !nextPage;
    setStatus(n + " row" + (n === 1 ? "" : "s") + (nextPage ? ", more follow" : ""), false);
  }

  function ask() {
    clearResults();
    $("answered").textContent = "";
    const question = $("question").value.trim();
    if (!question) return;
    fetchAnswer("ask?question=" + encodeURIComponent(question), false);
  }

  async function loadShapes() {
    try {
      const response = await fetch("ask/shapes");
      if (!response.ok) return;
      const list = await response.json();
      list.forEach((shape) => {
        const option = document.createElement("option");
        option.value = shape.example;
        $("shapes").appendChild(option);
      });
    } catch (err) {
      setStatus("could not load the question shapes: " + err, true);
    }
  }

  async function loadExamples() {
    try {
      const response = await fetch("examples.json");
      if (!response.ok) return;
      const list = await response.json();
      const select = $("examples");
      list.forEach((example, i) => {
        examples.push(example);
        const option = document.createElement("option");
        option.value = String(i);
        option.textContent = example.name;
        select.appendChild(option);
      });
    } catch (err) {
      setStatus("could not load the examples: " + err, true);
    }
  }

  $("examples").addEventListener("change", (event) => {
    const example = examples[Number(event.target.value)];
    if (!example) return;
    query.value = example.query;
    $("summary").textContent = example.summary || "";
  });
  $("run").addEventListener("click", run);
  $("ask").addEventListener("click", ask);
  $("question").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      ask();
    }
  });
  more.addEventListener("click", () => {
    if (nextPage) fetchAnswer(nextPage.replace(/^\//, ""), true);
  });
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      run();
    }
  });
  loadShapes();
  loadExamples();
})();
