// The chipkg graph page. Data comes from the JSON block; every string from articles is
// written with textContent (never innerHTML), and tooltips are DOM elements, so markup
// in labels or sentences shows as text.
"use strict";

var graphData = JSON.parse(document.getElementById("graph-data").textContent);

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function listBlock(parent, heading, items, more) {
  if (!items || !items.length) return;
  parent.appendChild(el("div", "meta", heading));
  var ul = el("ul");
  items.forEach(function (item) { ul.appendChild(el("li", null, item)); });
  if (more) ul.appendChild(el("li", "meta", "… and " + more + " more"));
  parent.appendChild(ul);
}

function nodeTip(node) {
  var tip = el("div", "tip");
  tip.appendChild(el("b", null, node.label));
  tip.appendChild(el("div", "meta", node.kind + " · named in " + node.articles +
    " article" + (node.articles === 1 ? "" : "s")));
  if (node.aliases && node.aliases.length) {
    tip.appendChild(el("div", "meta", "also: " + node.aliases.join(", ")));
  }
  tip.appendChild(el("div", "meta", node.iri));
  return tip;
}

function edgeTip(edge, labels) {
  var ev = edge.evidence || {};
  var tip = el("div", "tip");
  tip.appendChild(el("b", null, labels[edge.from] + " — " + ev.relation + " → " + labels[edge.to]));
  if (ev.emphasis) tip.appendChild(el("div", "emph", ev.emphasis));
  tip.appendChild(el("div", "meta", ev.articles + " article" + (ev.articles === 1 ? "" : "s") +
    ", " + ev.claims + " claim" + (ev.claims === 1 ? "" : "s") +
    (ev.modality && ev.modality.length ? " · " + ev.modality.join(", ") : "")));
  if (ev.factor !== null && ev.factor !== undefined) tip.appendChild(el("div", null, "factor: " + ev.factor));
  if (ev.quantity !== null && ev.quantity !== undefined) tip.appendChild(el("div", null, "quantity: " + ev.quantity));
  listBlock(tip, "chips", ev.chips);
  listBlock(tip, "conditions", ev.conditions);
  listBlock(tip, "evidence", ev.sentences);
  listBlock(tip, "sources", ev.sources, ev.sources_more);
  listBlock(tip, "outlets credited", ev.outlets, ev.outlets_more);
  listBlock(tip, "dates", ev.dates, ev.dates_more);
  return tip;
}

var labels = {};
graphData.nodes.forEach(function (n) { labels[n.id] = n.label; });
graphData.nodes.forEach(function (n) { n.title = nodeTip(n); });
graphData.edges.forEach(function (e, i) { e.id = i; e.title = edgeTip(e, labels); });

var nodes = new vis.DataSet(graphData.nodes);
var edges = new vis.DataSet(graphData.edges);
var network = new vis.Network(document.getElementById("graph"), { nodes: nodes, edges: edges },
  graphData.options);
window.chipkgGraph = { nodes: nodes, edges: edges, network: network, stabilized: false };

var progress = document.getElementById("progress");
network.on("stabilizationProgress", function (p) {
  progress.textContent = "laying out… " + Math.round(100 * p.iterations / p.total) + "%";
});
network.once("stabilizationIterationsDone", function () {
  network.setOptions({ physics: { enabled: false } });
  progress.textContent = "";
  window.chipkgGraph.stabilized = true;
});

// Legend with class filters.
var hiddenKinds = {};
var hiddenRelations = {};
function applyFilters() {
  nodes.update(graphData.nodes.map(function (n) { return { id: n.id, hidden: !!hiddenKinds[n.kind] }; }));
  edges.update(graphData.edges.map(function (e) { return { id: e.id, hidden: !!hiddenRelations[e.relation] }; }));
}

function toggleRow(list, text, swatch, hidden, key) {
  var li = el("li");
  var label = el("label");
  var box = el("input");
  box.type = "checkbox";
  box.checked = true;
  box.addEventListener("change", function () { hidden[key] = !box.checked; applyFilters(); });
  label.appendChild(box);
  label.appendChild(swatch);
  label.appendChild(el("span", null, text));
  li.appendChild(label);
  list.appendChild(li);
}

graphData.legend.forEach(function (item) {
  var swatch = el("span", "swatch");
  swatch.style.background = item.color;
  if (item.shape === "dot" || item.shape === "ellipse") swatch.style.borderRadius = "50%";
  toggleRow(document.getElementById("legend"), item.kind + " (" + item.shape + ")", swatch, hiddenKinds, item.kind);
});
graphData.relations.forEach(function (item) {
  var line = el("span", "line");
  line.style.borderTopColor = item.color;
  if (item.relation === "conditionallyApproves") line.style.borderTopStyle = "dashed";
  toggleRow(document.getElementById("relations"), item.relation, line, hiddenRelations, item.relation);
});

// Search: pick a label or alias, the graph selects and centres it.
var datalist = document.getElementById("labels");
var byName = {};
graphData.nodes.forEach(function (n) {
  [n.label].concat(n.aliases || []).forEach(function (name) {
    if (byName[name.toLowerCase()] === undefined) {
      byName[name.toLowerCase()] = n.id;
      var option = el("option");
      option.value = name;
      datalist.appendChild(option);
    }
  });
});
var search = document.getElementById("search");
var found = document.getElementById("found");
search.addEventListener("input", function () {
  var text = search.value.trim().toLowerCase();
  if (!text) { found.textContent = ""; network.unselectAll(); return; }
  var id = byName[text];
  if (id === undefined) {
    var matches = graphData.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(text) >= 0; });
    found.textContent = matches.length + " match" + (matches.length === 1 ? "" : "es");
    network.selectNodes(matches.map(function (n) { return n.id; }));
    return;
  }
  found.textContent = labels[id];
  network.selectNodes([id]);
  network.focus(id, { scale: 1.3, animation: false });
});
