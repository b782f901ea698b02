"""Plain-English questions mapped to query helpers by the shapes in ``questions.json``.

Each shape is a regular expression (matched case-insensitively against the whole
question, without its trailing question mark), the helper it stands for, fixed
arguments, and an example. Named groups become the helper's arguments, so "who
restricts the H200?" becomes ``restrictions(store, chip="H200")``; a shape may
rename a group (``rename``, for a second alternative of the same argument) and map
the words a group caught to an argument's value (``values``: "approved" to
``approves``). A generic noun after a name ("H20 chips", "H200 exports", listed in
``question_words.json``) is dropped. A question that
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
#: The data file of generic nouns dropped after a name.
WORDS_PATH = Path(__file__).parent / "question_words.json"


#: The arguments ``chipkg ask HELPER`` takes by position, in order (the rest are options).
COMMAND_ARGUMENTS = {
    "evidence": ("subject", "predicate", "object"),
    "neighbours": ("entity",),
    "path": ("source", "target"),
}


class UnknownQuestionError(QueryError):
    """A question fits none of the shapes understood (the message lists them)."""


class Shape(BaseModel):
    """One question shape: a pattern, the helper it maps to and fixed arguments."""

    model_config = ConfigDict(frozen=True)

    example: str
    pattern: str
    helper: str
    args: dict[str, Any] = Field(default_factory=dict)
    rename: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, str]] = Field(default_factory=dict)

    def arguments(self, found: re.Match[str]) -> dict[str, Any]:
        """Return the helper arguments from a match of this shape's pattern."""
        args: dict[str, Any] = {}
        for group, text in found.groupdict().items():
            if not text:
                continue
            name = self.rename.get(group, group)
            words = " ".join(text.split())
            if name in self.values:
                args[name] = self.values[name].get(words.lower(), words)
            else:
                args[name] = _without_trailing_noun(words)
        args.update(self.args)
        return args

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
        positional = COMMAND_ARGUMENTS.get(self.helper, ())
        for key in positional:
            if key in self.args:
                value = str(self.args[key])
                parts.append(json.dumps(value) if " " in value else value)
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


@cache
def _trailing_nouns() -> re.Pattern[str]:
    try:
        nouns = json.loads(WORDS_PATH.read_text(encoding="utf-8"))["trailing_nouns"]
    except (OSError, json.JSONDecodeError, KeyError) as exc:
        raise QueryError(f"{WORDS_PATH}: cannot read the trailing nouns: {exc}") from exc
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, nouns)) + r")$", re.IGNORECASE)


def _without_trailing_noun(name: str) -> str:
    """Return ``name`` without a generic noun after it ("H20 chips" -> "H20")."""
    shorter = _trailing_nouns().sub("", name)
    return shorter if shorter.strip() else name


def _normalise(question: str) -> str:
    return " ".join(question.split()).rstrip("?!. ").strip()


def match_question(question: str) -> QuestionMatch:
    """Return the helper and arguments a question maps to (UnknownQuestionError if none)."""
    text = _normalise(question)
    for shape in shapes():
        found = shape.compiled().fullmatch(text)
        if found:
            args = shape.arguments(found)
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
    return match, helpers.get(match.helper)(store, **match.args)
