"""The command line: help for every command, exit statuses, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from chipkg.cli import cli, main
from tests.conftest import DATA
from tests.processes import run_cli

API = DATA / "api"


def run(args: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the real ``chipkg`` entry point in a fresh process."""
    return run_cli(*args)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found.extend(_commands(command, (*prefix, name)))
    return found


@pytest.mark.parametrize("path", _commands(cli), ids=" ".join)
def test_every_command_has_complete_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help and len(command.help.strip()) > 20, f"{path} needs a docstring"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.opts[0]} has no help"


def test_ingest_query_export_validate(tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    done = run(
        ["ingest", str(API / "approval.txt"), str(API / "restriction.txt"), "--store", store]
    )
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout
    again = run(["ingest", str(API / "approval.txt"), "--store", store])
    assert "1 unchanged" in again.stdout
    q = run(
        [
            "query",
            "SELECT (COUNT(*) AS ?n) WHERE { ?a a ckg:Article }",
            "--store",
            store,
            "--format",
            "json",
        ]
    )
    assert q.returncode == 0, q.stderr
    assert json.loads(q.stdout)["results"]["bindings"][0]["n"]["value"] == "2"
    out = tmp_path / "kg.nq"
    assert run(["export", "--store", store, "-o", str(out)]).returncode == 0
    assert out.read_text().count("\n") > 10
    checked = run(["validate", "--store", store, "-j", "2"])
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.startswith("Valid: ")
    stats = run(["stats", "--store", store, "--json"])
    assert json.loads(stats.stdout)["articles"] == 2


def test_ingest_exits_non_zero_and_names_the_bad_file(tmp_path: Path) -> None:
    done = run(
        [
            "ingest",
            str(API / "approval.txt"),
            str(API / "broken.txt"),
            "--store",
            str(tmp_path / "s"),
        ]
    )
    assert done.returncode == 1
    assert "broken.txt" in done.stderr
    assert "Traceback" not in done.stderr
    assert "1 added" in done.stdout and "1 failed" in done.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "SELEC broken"], "SPARQL"),
        (["export", "-o", "out.xyz"], "xyz"),
        (["ingest", "does-not-exist.txt"], "does-not-exist.txt"),
        (["export", "-o", "no/such/dir/out.trig"], "cannot write no/such/dir/out.trig"),
        (["viz", "-o", "no/such/dir/graph.html"], "cannot write no/such/dir/graph.html"),
        (
            ["query", "SELECT * WHERE { SERVICE <http://unresolvable.invalid/> { ?s ?p ?o } }"],
            "SPARQL query failed",
        ),
    ],
)
def test_errors_are_one_line_without_traceback(
    tmp_path: Path, args: list[str], message: str
) -> None:
    done = run([*args, "--store", str(tmp_path / "s")])
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_store_defaults_to_the_environment_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CHIPKG_STORE", str(tmp_path / "env-store"))
    main(["ingest", str(API / "approval.txt")])  # returns normally: every input loaded
    assert (tmp_path / "env-store").exists()


@pytest.mark.parametrize(("threshold", "hinted"), [(1, True), (1000, False)])
def test_a_large_ingest_suggests_optimize(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threshold: int, hinted: bool
) -> None:
    import chipkg.cli

    monkeypatch.setattr(chipkg.cli, "OPTIMIZE_HINT", threshold)
    store = str(tmp_path / "store")
    result = CliRunner().invoke(cli, ["ingest", str(API / "approval.txt"), "--store", store])
    assert result.exit_code == 0, result.output
    assert ("chipkg optimize" in result.output) is hinted
    optimized = CliRunner().invoke(cli, ["optimize", "--store", store])
    assert optimized.exit_code == 0 and "optimized" in optimized.output


def test_articles_piped_in_one_after_another_are_all_kept(tmp_path: Path) -> None:
    store = str(tmp_path / "store")
    for path in (API / "approval.txt", API / "restriction.txt"):
        with path.open("rb") as article:
            done = subprocess.run(
                [sys.executable, "-m", "chipkg.cli", "ingest", "-", "--store", store],
                stdin=article,
                capture_output=True,
                text=True,
                timeout=120,
                cwd=DATA.parents[1],
            )
        assert done.returncode == 0 and "1 added" in done.stdout + done.stderr, done.stderr
    stats = run(["stats", "--store", store]).stdout.splitlines()
    assert "articles   2" in stats, stats


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ('{"text": "an article, not a gold file"}', "not a gold file"),
        ('{"documents": {"elsewhere.txt": {"entities": []}}, "entities": {}}', "no document"),
    ],
)
def test_eval_fails_when_nothing_could_be_scored(tmp_path: Path, gold: str, message: str) -> None:
    path = tmp_path / "gold.json"
    path.write_text(gold)
    store = str(tmp_path / "s")
    assert run(["ingest", str(API / "approval.txt"), "--store", store]).returncode == 0
    done = run(["eval", str(path), "--store", store])
    assert done.returncode == 1 and message in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [["stats"], ["ingest", str(API / "approval.txt")]])
def test_a_file_given_as_the_store_is_refused(tmp_path: Path, command: list[str]) -> None:
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("not a store\n")
    done = run([*command, "--store", str(not_a_store)])
    assert done.returncode == 1 and "is a file, not a store directory" in done.stderr
    assert not_a_store.read_text() == "not a store\n"
