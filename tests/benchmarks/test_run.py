"""The benchmark driver's command line (the phases themselves run in ``make bench``)."""

from __future__ import annotations

import pytest

from benchmarks.run import PHASES, main


def test_unknown_phase_is_refused_with_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--only", "ingest,warp-speed"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "warp-speed" in err
    assert all(phase in err for phase in PHASES)
