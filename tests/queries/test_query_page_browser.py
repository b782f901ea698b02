"""The endpoint's query page in a real headless Chromium: a question in plain English
is answered into the results table, a page at a time, with markup shown as text, and
the page asks nothing of any host but the endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chipkg.queries.endpoint import Endpoint

from .endpoint_support import build_store, start_endpoint

pytestmark = [pytest.mark.browser, pytest.mark.server]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Endpoint]:
    """Yield an endpoint over the small store whose answers come 1 row per page."""
    store = build_store(tmp_path_factory.mktemp("page") / "store")
    server = start_endpoint(store, timeout=60, max_rows=1)
    try:
        yield server
    finally:
        server.stop()


def _open(browser: Any, endpoint: Endpoint) -> tuple[Any, Any, list[str], list[str]]:
    base = endpoint.url.removesuffix("/sparql")
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    hosts: list[str] = []
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: hosts.append(r.url.split("/")[2]))
    page.goto(base + "/")
    page.locator("#shapes option").nth(5).wait_for(state="attached")
    return context, page, errors, hosts


def _table(page: Any) -> list[list[str]]:
    """Return the results table's text, row by row (locators: the page's CSP forbids eval)."""
    return [row.locator("th, td").all_text_contents() for row in page.locator("#results tr").all()]


def _wait_rows(page: Any, count: int) -> None:
    page.locator("#results tbody tr").nth(count - 1).wait_for()
    assert page.locator("#results tbody tr").count() == count


def test_a_question_is_answered_a_page_at_a_time(browser: Any, served: Endpoint) -> None:
    context, page, errors, hosts = _open(browser, served)
    try:
        page.fill("#question", "Which firms are conditionally approved?")
        page.press("#question", "Enter")
        _wait_rows(page, 1)
        header, _first = _table(page)
        assert header[:3] == ["firm", "approver", "chip"] and "firm_iri" not in header
        assert "chipkg ask conditionally-approved" in page.inner_text("#answered")
        assert page.is_visible("#more")
        page.click("#more")
        _wait_rows(page, 2)
        firms = {row[0] for row in _table(page)[1:]}
        assert firms == {"ByteDance", "Alibaba"}
        assert page.is_hidden("#more")  # the last page
        assert errors == []
        assert set(hosts) == {served.url.split("/")[2]}
    finally:
        context.close()


def test_an_unknown_question_lists_the_shapes(browser: Any, served: Endpoint) -> None:
    context, page, errors, _ = _open(browser, served)
    try:
        page.fill("#question", "How tall is the H200?")
        page.click("#ask")
        page.wait_for_selector("#status.error")
        assert "Questions I understand look like" in page.inner_text("#status")
        assert page.locator("#results tbody tr").count() == 0
        assert [e for e in errors if "status of 400" not in e] == []  # the 400 is the answer
    finally:
        context.close()


def test_markup_in_answers_is_text(browser: Any, served: Endpoint) -> None:
    context, page, errors, _ = _open(browser, served)
    try:
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.fill(
            "#question",
            "Which outlets report that <img src=x onerror=alert(1)> seeks to buy the H200?",
        )
        page.click("#ask")
        page.locator("#results tbody tr").first.wait_for()
        cells = [cell for row in _table(page) for cell in row]
        assert "<img src=x onerror=alert(1)>" in cells  # shown as text
        assert "<script>alert('evidence')</script> wants H200 & more" in cells
        assert page.locator("#results img").count() == 0
        assert dialogs == [] and errors == []
    finally:
        context.close()
