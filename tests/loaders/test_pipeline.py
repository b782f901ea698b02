"""The pipeline: one pure extraction per document, in worker processes or not."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from chipkg.loaders import pipeline
from chipkg.loaders.document import RawDocument
from chipkg.loaders.pipeline import Unchanged, extractors, load
from chipkg.ontology.errors import ExtractionError, LoaderError
from chipkg.ontology.models import Article, Extraction

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


@pytest.fixture(scope="module")
def mixed_batch(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Return good articles with unreadable and emptied ones between them."""
    folder = tmp_path_factory.mktemp("batch")
    paths: list[Path] = []
    for n in range(2 * pipeline.CHUNK + 3):
        path = folder / f"{n:02d}.txt"
        path.write_text(f"Nvidia makes the H{n}0 chip, Reuters reported on Monday.\n")
        paths.append(path)
    paths.insert(3, BAD / "empty.txt")  # refused by the reader, in the writer process
    paths.insert(11, BAD / "boilerplate_only.html")  # refused by cleaning, in a worker
    paths.append(BAD / "image_named.txt")
    return paths


def _summary(items: list[object]) -> list[str]:
    return [
        item.model_dump_json() if isinstance(item, Extraction) else f"error: {item}"
        for item in items
    ]


def test_workers_give_the_serial_outcomes_in_input_order(mixed_batch: list[Path]) -> None:
    serial = list(load(mixed_batch))
    parallel = list(load(mixed_batch, workers=2))
    assert _summary(parallel) == _summary(serial)
    assert [isinstance(i, LoaderError) for i in serial].count(True) == 3
    sources = [Path(i.source if isinstance(i, LoaderError) else i.article.source) for i in serial]  # type: ignore[union-attr]
    assert [s.name for s in sources] == [p.name for p in mixed_batch]


@pytest.mark.parametrize("workers", [1, 2])
def test_known_documents_are_named_not_extracted(mixed_batch: list[Path], workers: int) -> None:
    def known(document: RawDocument) -> str | None:  # every third good document is stored
        number = Path(document.source).stem
        return f"art:{number}" if number.isdigit() and int(number) % 3 == 0 else None

    outcomes = list(load(mixed_batch, workers=workers, known=known))
    names = [p.name for p in mixed_batch]
    unchanged = [o for o in outcomes if isinstance(o, Unchanged)]
    assert [Path(o.source).name for o in unchanged] == [
        n for n in names if n[:2].isdigit() and int(n[:2]) % 3 == 0
    ]
    assert all(o.article == f"art:{Path(o.source).stem}" for o in unchanged)
    sources = [
        o.article.source if isinstance(o, Extraction) else o.source  # type: ignore[union-attr]
        for o in outcomes
    ]
    assert [Path(s).name for s in sources] == names  # input order, known ones in place


@pytest.mark.parametrize("workers", [1, 2])
def test_draining_says_when_every_document_is_read(
    mixed_batch: list[Path], workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "WINDOW", pipeline.CHUNK)  # one chunk per worker in flight
    outcomes = load(mixed_batch, workers=workers)
    seen = []
    for _ in outcomes:
        seen.append(outcomes.draining)
    assert outcomes.draining
    if workers > 1:  # the last documents are still with the workers when reading ends
        assert seen[0] is False and seen[-1] is True
    else:
        assert not any(seen)


def test_ready_says_whether_taking_the_next_outcome_would_wait(mixed_batch: list[Path]) -> None:
    outcomes = load(mixed_batch, workers=2)
    first = next(outcomes)  # waits for the first chunk; the rest of it is then at hand
    assert first is not None and outcomes.ready()
    rest = list(outcomes)
    assert len(rest) == len(mixed_batch) - 1 and not outcomes.ready()
    assert not load(mixed_batch).ready()  # one process computes each outcome when taken


def _dies_on_poison(article: Article) -> Extraction:
    """Extract as the rules do, but kill the process on a poisoned article (as the OOM killer)."""
    if "POISON" in article.text:
        os.kill(os.getpid(), signal.SIGKILL)
    if "SLOW" in article.text:
        time.sleep(1.0)
    extract = extractors.get("rules")
    return extract(article)  # type: ignore[no-any-return]


def test_a_worker_that_dies_fails_only_its_document(
    mixed_batch: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    poison = tmp_path / "poison.txt"
    poison.write_text("POISON: Nvidia makes the H20 chip.\n")
    paths = [*mixed_batch[:5], poison, *mixed_batch[5:], poison]
    extractors.register("dies-on-poison", _dies_on_poison)
    monkeypatch.setattr(pipeline, "WINDOW", 2 * pipeline.CHUNK)  # chunks in flight get resent
    got = list(load(paths, workers=2, extractor="dies-on-poison"))
    expected = list(load(mixed_batch))
    died = [i for i in got if isinstance(i, ExtractionError)]
    assert len(died) == 2 and all("poison.txt" in str(e) and "died" in str(e) for e in died)
    assert _summary([i for i in got if i not in died]) == _summary(expected)


def test_a_good_document_rescued_beside_another_poisoned_chunk_survives(
    mixed_batch: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The first chunk's worker dies. Its good documents are retried one at a time
    # while the chunk in flight behind it, poisoned too, is sent again: sharing a
    # pool, that chunk broke it under the slow good document, which then "died".
    poison, slow = tmp_path / "poison.txt", tmp_path / "slow.txt"
    poison.write_text("POISON: Nvidia makes the H20 chip.\n")
    slow.write_text("SLOW: Nvidia makes the H30 chip, Reuters reported.\n")
    head = [poison, slow, *mixed_batch[: pipeline.CHUNK - 2]]
    paths = [*head, poison, *mixed_batch[pipeline.CHUNK - 2 :]]
    extractors.register("dies-on-poison", _dies_on_poison)
    monkeypatch.setattr(pipeline, "WINDOW", 2 * pipeline.CHUNK)
    got = list(load(paths, workers=2, extractor="dies-on-poison"))
    died = [str(i) for i in got if isinstance(i, ExtractionError) and "died" in str(i)]
    assert len(died) == 2 and all("poison.txt" in e for e in died), died
    assert not any(isinstance(i, ExtractionError) and "slow.txt" in str(i) for i in got)


def test_a_handful_of_documents_is_extracted_in_process(mixed_batch: list[Path]) -> None:
    few = mixed_batch[: pipeline.CHUNK]
    outcomes = load(few, workers=4)
    assert not hasattr(outcomes, "_pool")  # no pool started for one task's worth
    assert _summary(list(outcomes)) == _summary(list(load(few)))


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="reads /proc (Linux)")
def test_workers_end_when_the_writer_is_killed(mixed_batch: list[Path]) -> None:
    # A writer killed outright cannot stop its pool; orphaned workers once waited
    # for work forever, holding the writer's pipes open.
    script = (
        "import sys, time\n"
        "from chipkg.loaders.pipeline import load\n"
        "for _ in load(sys.argv[1:], workers=2):\n"
        "    print('started', flush=True); time.sleep(60)\n"
    )
    writer = subprocess.Popen(
        [sys.executable, "-c", script, *map(str, mixed_batch)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "started"
        workers = _children(writer.pid)
        assert len(workers) == 2
        writer.kill()
        writer.wait()
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{w}").exists() for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
            for w in workers:  # reap them if they became ours
                with contextlib.suppress(ChildProcessError):
                    os.waitpid(w, os.WNOHANG)
        alive = [w for w in workers if _alive(w)]
        assert not alive, f"workers {alive} outlived their writer"
    finally:
        writer.kill()


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent may reap it


def test_documents_read_after_a_worker_died_are_extracted_too(
    mixed_batch: list[Path], tmp_path: Path
) -> None:
    # The pool can break before the next chunk is even sent; sending it then failed.
    poison = tmp_path / "poison.txt"
    poison.write_text("POISON: Nvidia makes the H20 chip.\n")
    extractors.register("dies-on-poison", _dies_on_poison)

    def slow_paths() -> Iterator[Path]:
        yield poison
        yield from mixed_batch[: pipeline.CHUNK]
        time.sleep(1.0)  # the first chunk's worker dies meanwhile
        yield from mixed_batch[pipeline.CHUNK :]

    got = list(load(slow_paths(), workers=2, extractor="dies-on-poison"))
    died = [i for i in got if isinstance(i, ExtractionError)]
    assert len(died) == 1 and "poison.txt" in str(died[0])
    assert _summary([i for i in got if i not in died]) == _summary(list(load(mixed_batch)))
