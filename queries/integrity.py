"""Integrity checks of a store: does every claim stand on an existing article and entities?

:func:`check_store` runs the checks in ``integrity_checks/*.rq`` (beside this
module) and counts what the store holds. Each check file starts with a header::

    # check: claim-article
    # problem: a claim is not derived from an existing article

and selects ``?subject`` (the offending node) and ``?detail`` (what is wrong with
it). The checks cover what SHACL shapes cannot see one node at a time: a claim's
article exists and the claim sits in that article's graph; a claim's entities
have a label and a ``ckg:`` type; every fact between entities has a claim in the
same graph; every approval is complete; every article graph holds its own
article record (a graph written in part would not). ``chipkg check`` adds the
SHACL report (:func:`chipkg.ontology.shapes.validate`) on top.

Example
-------
>>> from chipkg.graph.store import open_store
>>> report = check_store(open_store("memory"))
>>> report.ok, report.counts["claims"]
(True, 0)
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from pydantic import BaseModel, Field

from chipkg.graph.store import Store
from chipkg.ontology.errors import ChipKGError

#: Folder of the check queries.
CHECKS_DIR = Path(__file__).parent / "integrity_checks"
_HEADER = re.compile(r"^#\s*(check|problem)\s*:\s*(.*?)\s*$")


class IntegrityCheck(BaseModel):
    """One check: its name, the problem it finds, and its SPARQL."""

    name: str
    problem: str
    sparql: str


class CheckResult(BaseModel):
    """What one check found: how many offending nodes, with a few examples."""

    name: str
    problem: str
    count: int = 0
    examples: list[tuple[str, str]] = Field(default_factory=list)


class IntegrityReport(BaseModel):
    """The result of :func:`check_store`, plus the SHACL outcome when the caller adds it."""

    counts: dict[str, int] = Field(default_factory=dict)
    checks: list[CheckResult] = Field(default_factory=list)
    shacl_conforms: bool | None = None
    shacl_report: str = ""

    @property
    def problems(self) -> list[CheckResult]:
        """Return the checks that found something."""
        return [c for c in self.checks if c.count]

    @property
    def ok(self) -> bool:
        """Return True when no check found a problem and SHACL (if run) conforms."""
        return not self.problems and self.shacl_conforms is not False

    def text(self) -> str:
        """Return the report as lines for a terminal."""
        lines = ["counts"]
        lines += [f"  {name:<13} {n}" for name, n in self.counts.items()]
        lines.append("checks")
        for check in self.checks:
            mark = "ok" if not check.count else f"{check.count} problem(s)"
            lines.append(f"  {check.name:<13} {mark}")
            if check.count:
                lines.append(f"    {check.problem}")
                lines += [f"    - {s}: {d}" for s, d in check.examples]
                if check.count > len(check.examples):
                    lines.append(f"    … and {check.count - len(check.examples)} more")
        if self.shacl_conforms is not None:
            lines.append("shacl        " + ("conforms" if self.shacl_conforms else "VIOLATIONS"))
            if not self.shacl_conforms and self.shacl_report:
                lines += ["  " + line for line in self.shacl_report.splitlines()]
        lines.append("integrity: " + ("ok" if self.ok else "PROBLEMS FOUND"))
        return "\n".join(lines)


@cache
def integrity_checks() -> tuple[IntegrityCheck, ...]:
    """Return every check in ``integrity_checks/``, ordered by file name."""
    found = []
    for path in sorted(CHECKS_DIR.glob("*.rq")):
        header = {}
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            match = _HEADER.match(line)
            if match:
                header[match.group(1)] = match.group(2)
        if "check" in header:
            found.append(
                IntegrityCheck(name=header["check"], problem=header.get("problem", ""), sparql=text)
            )
    return tuple(found)


def check_store(store: Store, *, examples: int = 5) -> IntegrityReport:
    """Return the integrity report of ``store`` (without SHACL; see the module docstring)."""
    report = IntegrityReport(counts=_counts(store))
    for check in integrity_checks():
        try:
            rows = store.query(check.sparql).rows
        except ChipKGError as exc:
            raise type(exc)(f"integrity check {check.name}: {exc}") from exc
        report.checks.append(
            CheckResult(
                name=check.name,
                problem=check.problem,
                count=len(rows),
                examples=[
                    (str(r[0]), str(r[1]) if r[1] is not None else "") for r in rows[:examples]
                ],
            )
        )
    return report


def _counts(store: Store) -> dict[str, int]:
    counts = {"quads": len(store), "graphs": sum(1 for _ in store.graphs())}
    result = store.query((CHECKS_DIR / "counts.rq").read_text(encoding="utf-8"))
    row = result.rows[0] if result.rows else ()
    for name, value in zip(result.variables, row, strict=False):
        counts[name] = int(value.toPython()) if value is not None else 0  # type: ignore[attr-defined,union-attr]
    return counts
