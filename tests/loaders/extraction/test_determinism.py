"""The same article gives byte-identical extraction whatever Python's string hash seed."""

from __future__ import annotations

import os
import subprocess
import sys

TEXT = (
    "BEIJING - The Commerce Department approved ZX720 chips for Korvo Networks, Brightmoor "
    "Technologies and Quorra Systems, on condition that they file quarterly reports. "
    "Halvard Systems, led by chief executive Mara Lind, makes the ZX720 in Taipei."
)
SCRIPT = (
    "import sys; from tests.loaders.extraction.reading import run; "
    "sys.stdout.write(run(sys.argv[1]).model_dump_json())"
)


def _extract(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, TEXT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_extraction_does_not_depend_on_the_hash_seed() -> None:
    first = _extract("1")
    assert '"mentionedIn"' in first
    assert _extract("2") == first
    assert _extract("3") == first
