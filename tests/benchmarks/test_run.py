"""The benchmark driver: its command line and its table (`make bench` runs the phases)."""

from __future__ import annotations

import pytest

from benchmarks.run import PHASES, main, median_run, table


def test_unknown_phase_is_refused_with_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--only", "ingest,warp-speed"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "warp-speed" in err
    assert all(phase in err for phase in PHASES)


@pytest.mark.parametrize(
    ("rates", "median"),
    [([3.0], 3.0), ([5.0, 1.0, 3.0], 3.0), ([4.0, 1.0, 3.0, 2.0], 2.0)],
)
def test_themedian_run_is_the_middle_rate(rates: list[float], median: float) -> None:
    runs = [{"articles_per_s": rate, "n": n} for n, rate in enumerate(rates)]
    assert median_run(runs)["articles_per_s"] == median


@pytest.mark.parametrize(
    ("floors", "shown_runs"),
    [
        (None, "one / all: 170 / 300 (1.76x), 160 / 290 (1.81x)"),  # older results
        ([480.0, 470.0], "floor / one / all: 480 / 170 / 300 (1.76x), 470 / 160 / 290 (1.81x)"),
    ],
)
def test_the_table_shows_every_alternating_run(floors: list[float] | None, shown_runs: str) -> None:
    ingest = {
        "articles": 1000,
        "mean_article_kb": 3.2,
        "articles_per_s": 170.0,
        "mb_per_s": 0.5,
        "floor_articles_per_s": 480.0,
        "floor_mb_per_s": 1.5,
        "floor_ratio": 480 / 170,
        "workers": 2,
        "parallel_articles_per_s": 300.0,
        "parallel_speedup": 300 / 170,
        "rounds": 2,
        "runs_articles_per_s": [170.0, 160.0],
        "runs_parallel_articles_per_s": [300.0, 290.0],
    }
    if floors is not None:
        ingest["runs_floor_articles_per_s"] = floors
    shown = table({"ingest": ingest})
    assert "speed-up 1.76x" in shown
    assert shown_runs in shown


@pytest.mark.parametrize(
    ("row", "shown"),
    [
        ({}, "peak RSS   900.0 MB\n"),  # results from before the workers were measured
        ({"workers": 2, "worker_peak_rss_mb": 310.4}, "peak RSS   900.0 MB + 2 workers of 310 MB"),
    ],
)
def test_the_scaling_rows_show_the_writer_and_its_workers(
    row: dict[str, float], shown: str
) -> None:
    scaling = {"1000": {"seconds": 3.4, "articles_per_s": 292.0, "peak_rss_mb": 900.0, **row}}
    assert shown in table({"scaling": scaling}) + "\n"


def test_the_viz_rows_show_the_facts_a_page_left_out() -> None:
    row = {
        "page_seconds": 22.0,
        "page_entities": 2000,
        "page_entities_total": 6889,
        "page_facts": 10_000,
        "page_facts_total": 74_707,
        "page_mb": 5.0,
        "focus_seconds": 5.0,
        "focus_entities": 419,
        "peak_rss_mb": 700.0,
    }
    assert "2000 of 6889 entities, 10000 of 74707 facts, 5.0 MB" in table({"viz": {"10m": row}})
