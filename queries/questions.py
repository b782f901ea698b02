"""Plain-English questions mapped to query helpers by the shapes in ``questions.json``.

Each shape is a regular expression (matched case-insensitively against the whole
question, without its trailing question mark), the helper it stands for, fixed
arguments, and an example. Named groups become the helper's arguments, so "who
restricts the H200?" becomes ``restrictions(store, chip="H200")``. A question that
fits no shape raises :class:`UnknownQuestionError` listing the shapes understood:
the answer is never a guess.

Example
-------
>>> m = match_question("Who restricts the H200?")
>>> m.helper, m.args
('restrictions', {'chip': 'H200'})
>>> try:
...     match_question("What is the meaning of life?")
... except UnknownQuestionError as exc:
...     print(str(exc).splitlines()[1])
  - Which firms are conditionally approved?  ->  conditionally-approved
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.queries.catalog import helpers
from chipkg.queries.rows import RowSet

#: The data file of question shapes.
SHAPES_PATH = Path(__file__).parent / "questions.json"


class UnknownQuestionError(QueryError):
    """A question fits none of the shapes understood (the message lists them)."""


class Shape(BaseModel):
    """One question shape: a pattern, the helper it maps to and fixed arguments."""

    model_config = ConfigDict(frozen=True)

    example: str
    pattern: str
    helper: str
    args: dict[str, Any] = Field(default_factory=dict)

    def compiled(self) -> re.Pattern[str]:
        """Return the pattern compiled case-insensitively."""
        return re.compile(self.pattern, re.IGNORECASE)


class QuestionMatch(BaseModel):
    """A question mapped to a helper call."""

    question: str
    helper: str
    args: dict[str, Any]
    shape: Shape

    def command(self) -> str:
        """Return the equivalent ``chipkg ask`` command line."""
        parts = ["chipkg ask", self.helper]
        positional = {"subject", "object", "entity", "source", "target"}
        for key, value in self.args.items():
            if key in positional:
                parts.append(json.dumps(str(value)) if " " in str(value) else str(value))
        for key, value in self.args.items():
            if key not in positional:
                text = str(value)
                parts.append(f"--{key} " + (json.dumps(text) if " " in text else text))
        return " ".join(parts)


@cache
def shapes() -> tuple[Shape, ...]:
    """Return the question shapes of ``questions.json``, checked against the helpers."""
    try:
        raw = json.loads(SHAPES_PATH.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise QueryError(f"{SHAPES_PATH}: cannot read question shapes: {exc}") from exc
    out = []
    for i, item in enumerate(raw):
        shape = Shape(**item)
        if shape.helper not in helpers:
            raise QueryError(f"{SHAPES_PATH}: shape {i} names unknown helper {shape.helper!r}")
        try:
            shape.compiled()
        except re.error as exc:
            raise QueryError(f"{SHAPES_PATH}: shape {i} has a bad pattern: {exc}") from exc
        out.append(shape)
    return tuple(out)


def _normalise(question: str) -> str:
    return " ".join(question.split()).rstrip("?!. ").strip()


def match_question(question: str) -> QuestionMatch:
    """Return the helper and arguments a question maps to (UnknownQuestionError if none)."""
    text = _normalise(question)
    for shape in shapes():
        found = shape.compiled().fullmatch(text)
        if found:
            args = {k: v.strip() for k, v in found.groupdict().items() if v}
            args.update(shape.args)
            return QuestionMatch(question=question, helper=shape.helper, args=args, shape=shape)
    listing = "\n".join(f"  - {s.example}  ->  {s.helper}" for s in shapes())
    raise UnknownQuestionError(
        f"I cannot map this question to a helper: {question!r}. "
        f"Questions I understand look like:\n{listing}"
    )


def ask(store: Store, question: str) -> tuple[QuestionMatch, RowSet[Any]]:
    """Return the helper a question maps to and that helper's rows.

    Examples
    --------
    >>> match, rows = ask(store, "who restricts the H200?")  # doctest: +SKIP
    >>> match.helper, [r.regulator for r in rows]  # doctest: +SKIP
    ('restrictions', ['Chinese customs', 'US government'])
    """
    match = match_question(question)
    helper = helpers.get(match.helper)
    args = dict(match.args)
    positional = [
        args.pop(k)
        for k in ("subject", "object", "entity", "source", "target")
        if k in args and match.helper in {"evidence", "neighbours", "path"}
    ]
    return match, helper(store, *positional, **args)
