"""The HTML graph in a real headless Chromium (Debian's, driven by Playwright): it loads
offline with no console error and no request but its own file, draws every node, shows
markup from articles as text, settles a 2,000-node graph, and gives the README its
screenshot (docs/graph.png)."""

from __future__ import annotations

import os
import shutil
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from chipkg.graph.html import GraphView, project_view, render
from chipkg.graph.store import Store, open_store

REPO = Path(__file__).resolve().parents[2]
FIXTURE = REPO / "tests" / "data" / "endpoint" / "small.trig"

pytestmark = pytest.mark.browser


class Visit:
    """A page opened in the browser, with what it logged, requested and tried to alert."""

    def __init__(self, browser: Any, url: str, *, offline: bool = True) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on(
            "console", lambda m: m.type in ("error", "warning") and self.errors.append(m.text)
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        if offline:
            # Anything but the page itself would fail here, and is recorded above.
            self.page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url == url else route.abort(),
            )
        self.page.goto(url)
        self.page.wait_for_function(
            "window.chipkgGraph && window.chipkgGraph.stabilized", timeout=120_000
        )

    def close(self) -> None:
        self.context.close()


@pytest.fixture(scope="module")
def kg() -> Store:
    store = open_store("memory")
    with FIXTURE.open("rb") as data:
        store.load(data, "trig")
    return store


def _open_file(browser: Any, tmp_path: Path, html: str) -> Visit:
    path = tmp_path / "graph.html"
    path.write_text(html, encoding="utf-8")
    return Visit(browser, path.as_uri())


def test_page_loads_offline_and_draws_every_node(browser: Any, kg: Store, tmp_path: Path) -> None:
    graph = project_view(kg, GraphView())
    visit = _open_file(browser, tmp_path, render(graph))
    try:
        assert visit.errors == []
        assert visit.requests == [(tmp_path / "graph.html").as_uri()]
        assert visit.page.evaluate("chipkgGraph.nodes.length") == graph.number_of_nodes()
        drawn = visit.page.evaluate("Object.keys(chipkgGraph.network.getPositions()).length")
        assert drawn == graph.number_of_nodes()
        assert visit.page.evaluate("chipkgGraph.network.physics.options.enabled") is False
    finally:
        visit.close()


def test_markup_in_labels_and_evidence_is_text(browser: Any, kg: Store, tmp_path: Path) -> None:
    visit = _open_file(browser, tmp_path, render(project_view(kg, GraphView())))
    page = visit.page
    try:
        xss_id = page.evaluate("chipkgGraph.nodes.get().find(n => n.label.startsWith('<img')).id")
        # Hover the node: its tooltip must show the markup as characters, not an element.
        point = page.evaluate(
            f"(() => {{ const p = chipkgGraph.network.getPositions([{xss_id}])[{xss_id}];"
            " return chipkgGraph.network.canvasToDOM(p); })()"
        )
        box = page.locator("#graph").bounding_box()
        page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
        page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
        tip = page.locator("div.vis-tooltip")
        assert "<img src=x onerror=alert(1)>" in tip.inner_text()
        assert tip.locator("img").count() == 0
        # The evidence sentence with a <script> element is text in the edge tooltip too.
        html_of_tips = page.evaluate(
            "chipkgGraph.edges.get().map(e => e.title.outerHTML).join('\\n')"
        )
        assert "&lt;script&gt;alert('evidence')&lt;/script&gt;" in html_of_tips
        assert page.locator("img").count() == 0
        # Typing the label in the search box selects the node, still as text.
        page.fill("#search", "<img src=x onerror=alert(1)>")
        assert page.evaluate("chipkgGraph.network.getSelectedNodes()") == [xss_id]
        assert page.locator("#found").inner_text() == "<img src=x onerror=alert(1)>"
        assert visit.dialogs == []
        assert visit.errors == []
    finally:
        visit.close()


def test_two_thousand_nodes_settle(browser: Any, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    kinds = ["Company", "Chip", "Regulator", "Person", "Country"]
    for i in range(2000):
        graph.add_node(f"n{i}", label=f"entity {i}", kind=kinds[i % 5], articles=1 + i % 4)
    for i in range(1, 2000):
        graph.add_edge(f"n{i}", f"n{(i * 7) % i}", key="rivals", predicate="rivals", articles=1)
    visit = _open_file(browser, tmp_path, render(graph))
    try:
        assert visit.page.evaluate("chipkgGraph.nodes.length") == 2000
        assert visit.page.evaluate("chipkgGraph.network.physics.options.enabled") is False
        assert visit.errors == []
    finally:
        visit.close()


def test_a_long_list_of_sources_ends_with_how_many_more(browser: Any, tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("firm", label="firm", kind="Company")
    graph.add_node("chip", label="chip", kind="Chip")
    sources = [f"wire/{n:03d}.txt" for n in range(25)]
    graph.add_edge("firm", "chip", key="makes", predicate="makes", sources=sources)
    visit = _open_file(browser, tmp_path, render(graph))
    try:
        tip = visit.page.evaluate("chipkgGraph.edges.get()[0].title.innerText")
        assert "wire/009.txt" in tip
        assert "wire/010.txt" not in tip
        assert "… and 15 more" in tip
        assert visit.errors == []
    finally:
        visit.close()


def test_graph_page_from_the_endpoint(browser: Any, tmp_path: Path) -> None:
    """/graph on a live endpoint renders under its Content-Security-Policy."""
    from tests.queries.endpoint_support import build_store, start_endpoint

    server = start_endpoint(build_store(tmp_path / "store"), timeout=60)
    try:
        url = server.url.removesuffix("/sparql") + "/graph"
        visit = Visit(browser, url)
        try:
            assert visit.errors == []
            assert visit.page.evaluate("chipkgGraph.nodes.length") == 9
            assert visit.requests == [url]
        finally:
            visit.close()
        focused = Visit(browser, url + "?focus=H20&depth=1")
        try:
            assert focused.page.evaluate("chipkgGraph.nodes.length") == 2
        finally:
            focused.close()
        cut = Visit(browser, url + "?max_entities=4")
        try:
            assert cut.page.evaluate("chipkgGraph.nodes.length") == 4
            assert "the 4 most connected of 9 entities" in cut.page.inner_text(".counts")
        finally:
            cut.close()
        few = Visit(browser, url + "?max_facts=2")
        try:
            assert few.page.evaluate("chipkgGraph.edges.length") == 2
            assert "the 2 best attested of " in few.page.inner_text(".counts")
        finally:
            few.close()
        for bad in ("max_entities=many", "max_facts=-1"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(f"{url}?{bad}")
            assert refused.value.code == 400
    finally:
        server.stop()


def _screenshot_store(tmp_path: Path) -> Store:
    """Return a store of the examples/ articles (ingested here), else of the fixture."""
    articles = REPO / "examples" / "articles"
    if articles.is_dir() and any(articles.iterdir()):
        from chipkg import api

        kg = api.open(tmp_path / "examples-store")
        kg.ingest([str(articles)])
        return kg.store
    store = open_store("memory")
    with FIXTURE.open("rb") as data:
        store.load(data, "trig")
    return store


def test_screenshot_for_the_readme(browser: Any, tmp_path: Path) -> None:
    store = _screenshot_store(tmp_path)
    graph = project_view(store, GraphView())
    visit = _open_file(browser, tmp_path, render(graph, title="chipkg: examples/articles"))
    try:
        assert visit.errors == []
        shot = tmp_path / "graph.png"
        visit.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 10_000
        if os.environ.get("CHIPKG_UPDATE_SCREENSHOT"):  # refresh the README's picture
            docs = REPO / "docs"
            docs.mkdir(exist_ok=True)
            shutil.copyfile(shot, docs / "graph.png")
    finally:
        visit.close()
        store.close()
