"""`chipkg ask`: helper sub-commands and plain-English questions, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from chipkg.cli import cli

FIXTURE = Path(__file__).resolve().parent / "data" / "queries" / "chips.trig"


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("ask") / "store")
    result = CliRunner().invoke(cli, ["import", str(FIXTURE), "--store", path])
    assert result.exit_code == 0, result.output
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_conditionally_approved_table(store_dir: str) -> None:
    code, out, _ = run("ask", "conditionally-approved", "--store", store_dir)
    assert code == 0
    for firm in ("ByteDance", "Alibaba", "Tencent"):
        assert firm in out
    assert "Chinese government" in out and "400000" in out and "domestic chips" in out
    assert "/corpus/a1.txt" in out


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_machine_formats_stay_parseable_with_sparql(store_dir: str, fmt: str) -> None:
    code, out, err = run(
        "ask", "restrictions", "--chip", "H200", "--format", fmt, "--sparql", "--store", store_dir
    )
    assert code == 0
    assert "VALUES ?chip { <https://w3id.org/chipkg/id/h200> }" in err
    rows = json.loads(out) if fmt == "json" else list(csv.DictReader(io.StringIO(out)))
    assert [r["regulator"] for r in rows] == ["Chinese customs", "US government"]


def test_question_says_which_helper_and_sparql(store_dir: str) -> None:
    code, out, _ = run("ask", "who restricts the H200?", "--store", store_dir)
    assert code == 0
    assert "# helper: restrictions  (chipkg ask restrictions --chip H200)" in out
    assert "#   SELECT ?regulator ?chip ?modality" in out
    assert "# name: restrictions" not in out  # the query as run, not the .rq file's notes
    assert "Chinese customs" in out and "planned" in out


def test_unknown_question_lists_shapes_and_fails(store_dir: str) -> None:
    code, out, err = run("ask", "what is the weather?", "--store", store_dir)
    assert code == 2
    assert "Who restricts the H200?" in err and out == ""


@pytest.mark.parametrize(
    ("args", "expect"),
    [
        (["evidence", "H200", "outperforms", "H20"], "almost six times"),
        (["evidence", "Beijing", "ByteDance"], "UnderReview"),
        (["timeline", "--entity", "H20", "--since", "2025"], "restricts"),
        (["disputes"], "under review"),
        (["makers", "--chip", "H200"], "Nvidia"),
        (["outperforms"], "H200"),
        (["approvals", "--status", "UnderReview"], "ByteDance"),
        (["conditions", "--firm", "Tencent"], "domestic"),
        (["neighbours", "H200", "--depth", "2"], "Chinese government"),
        (["path", "Huawei", "Jensen Huang"], "visited"),
        (["central", "--top", "3"], "Chinese government"),
    ],
)
def test_sub_commands(store_dir: str, args: list[str], expect: str) -> None:
    code, out, err = run("ask", *args, "--store", store_dir)
    assert code == 0, err
    assert expect in out


def test_unknown_entity_is_a_one_line_error(store_dir: str) -> None:
    result = CliRunner().invoke(cli, ["ask", "makers", "--chip", "H2000", "--store", store_dir])
    assert result.exit_code != 0
    assert "close matches" in str(result.exception) or "close matches" in result.stderr


def test_listing_pages_with_limit_offset_and_all(store_dir: str) -> None:
    def makers(*args: str) -> list[str]:
        code, out, _ = run("ask", "makers", "--format", "json", *args, "--store", store_dir)
        assert code == 0
        return [json.dumps(r, sort_keys=True) for r in json.loads(out)]

    every = makers("--all")
    assert len(every) > 2
    first, rest = makers("--limit", "2"), makers("--limit", "2", "--offset", "2")
    tail = makers("--limit", "100", "--offset", "4")
    assert len(first) == 2 and not set(first) & set(rest)
    assert sorted(first + rest + tail) == sorted(every)
    assert makers() == makers("--limit", "50") and sorted(makers()) == sorted(every)


def test_a_page_with_more_rows_says_how_to_get_them_on_stderr(store_dir: str) -> None:
    code, out, err = run("ask", "makers", "--limit", "1", "--format", "csv", "--store", store_dir)
    assert code == 0
    assert "--offset 1 for the next page" in err and "--all" in err
    assert len(list(csv.DictReader(io.StringIO(out)))) == 1  # stdout stays clean CSV
    _, _, err = run("ask", "makers", "--all", "--store", store_dir)
    assert "more rows" not in err


@pytest.mark.parametrize(
    "args",
    [["--limit", "0"], ["--offset", "-1"], ["--all", "--offset", "2"]],
)
def test_bad_page_options_are_usage_errors(store_dir: str, args: list[str]) -> None:
    code, _, err = run("ask", "approvals", *args, "--store", store_dir)
    assert code == 2 and "Error" in err


@pytest.mark.parametrize("command", ["disputes", "timeline", "conditions", "restrictions"])
def test_every_listing_takes_page_options(store_dir: str, command: str) -> None:
    code, out, err = run("ask", command, "--limit", "1", "--format", "json", "--store", store_dir)
    assert code == 0, err
    rows = json.loads(out)
    assert 1 <= len(rows) <= (4 if command == "disputes" else 1)
