"""The exception tree: every error survives the trip from a worker process."""

from __future__ import annotations

import pickle

import pytest

from chipkg.ontology.errors import ChipKGError, ExtractionError, LoaderError, StoreError


@pytest.mark.parametrize(
    "error",
    [
        LoaderError("a.html", "no article text left"),
        ExtractionError("a.txt: extraction failed"),
        StoreError("cannot write"),
        ChipKGError("anything"),
    ],
)
def test_errors_pickle_with_their_message_and_fields(error: ChipKGError) -> None:
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert vars(copy) == vars(error)
