"""Scoring a store against a gold file (``shared/docs/gold-format.md``), and explaining facts.

:func:`score` reads a ``gold.json``, queries the store with SPARQL and returns an
:class:`EvalReport`: micro-averaged precision / recall / F1 for entities, relations
(overall and per property) and approvals (with grantee recall, quantities and
conditions), the seed questions, every miss, false positive and negative with the
sentence it came from, and claims missing an evidence field. :func:`explain` lists
every claim behind one fact.

Example
-------
>>> from chipkg.graph.store import open_store
>>> report = score({"entities": {}, "documents": {}}, open_store("memory"))
>>> report.entities.f1
0.0
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from chipkg.graph.store import Store
from chipkg.ontology.errors import QueryError
from chipkg.ontology.models import ENTITY_PARENT, EntityType, Relation

PREFIXES = """PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX ckg: <https://w3id.org/chipkg/ontology#>
"""
CKG = "https://w3id.org/chipkg/ontology#"
CORE = {r.value for r in Relation} - {Relation.mentionedIn.value}
CORE_TYPES = {t.value for t in EntityType}
_FOLD = re.compile(r"[^a-z0-9%&]+")


def fold(text: str) -> str:
    """Return a name folded as the gold format says: case, punctuation, space, 'the', "'s"."""
    text = text.lower().replace("’", "'").strip()
    if text.endswith("'s"):
        text = text[:-2]
    text = _FOLD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


class PRF(BaseModel):
    """True positives, false positives and false negatives, with precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Return tp / (tp + fp), 0 when nothing was extracted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Return tp / (tp + fn), 0 when nothing was expected."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Return the harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        """Add another count in place."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def line(self, name: str) -> str:
        """Return one table row: name, P, R, F1 and the counts."""
        return (
            f"{name:<24} P {self.precision:5.3f}  R {self.recall:5.3f}  F1 {self.f1:5.3f}"
            f"   (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


class Finding(BaseModel):
    """One miss, false positive or negative, with the sentence it came from (when any)."""

    document: str
    kind: str = Field(description="entity, relation, approval, question or claim")
    item: str
    sentence: str | None = None


class QuestionResult(BaseModel):
    """The outcome of one gold question."""

    id: str
    text: str
    ok: bool
    values: list[str]
    missing: list[str] = []
    unexpected: list[str] = []
    error: str | None = None


class EvalReport(BaseModel):
    """Everything :func:`score` measured."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    documents: int = 0
    unmatched_documents: list[str] = []
    entities: PRF = PRF()
    relations: PRF = PRF()
    per_property: dict[str, PRF] = {}
    approvals: PRF = PRF()
    grantees: PRF = PRF()
    quantities_expected: int = 0
    quantities_matched: int = 0
    conditions_expected: int = 0
    conditions_matched: int = 0
    conditions_extra: int = 0
    """Conditions extracted on a matched approval that match none of its gold conditions."""
    approval_miss_causes: dict[str, int] = {}
    """Missed gold approvals by the nearest extracted one: counts only (no text)."""
    questions: list[QuestionResult] = []
    misses: list[Finding] = []
    false_positives: list[Finding] = []
    negatives: list[Finding] = []
    incomplete_claims: int = 0

    @property
    def questions_ok(self) -> int:
        """Return how many questions were answered correctly."""
        return sum(q.ok for q in self.questions)

    def render(self, *, details: bool = True) -> str:
        """Return the report as plain text."""
        out = [f"documents scored: {self.documents}"]
        if self.unmatched_documents:
            out.append("gold documents not in the store: " + ", ".join(self.unmatched_documents))
        out += [self.entities.line("entities"), self.relations.line("relations")]
        for name in sorted(self.per_property):
            out.append(self.per_property[name].line(f"  {name}"))
        out.append(self.approvals.line("approvals"))
        out.append(self.grantees.line("  grantees"))
        out.append(f"  quantities matched {self.quantities_matched}/{self.quantities_expected}")
        out.append(
            f"  conditions matched {self.conditions_matched}/{self.conditions_expected}"
            f" (extracted beside them: {self.conditions_extra})"
        )
        if self.approval_miss_causes:
            causes = ", ".join(f"{n} {c}" for c, n in sorted(self.approval_miss_causes.items()))
            out.append(f"  approvals missed: {causes}")
        out.append(f"questions answered {self.questions_ok}/{len(self.questions)}")
        for q in self.questions:
            mark = "ok  " if q.ok else "FAIL"
            extra = ""
            if not q.ok:
                extra = f"  missing {q.missing} unexpected {q.unexpected}" + (
                    f" error {q.error}" if q.error else ""
                )
            out.append(f"  {mark} {q.id}: {q.values}{extra}")
        out.append(f"negatives found: {len(self.negatives)}")
        out.append(f"incomplete claims: {self.incomplete_claims}")
        if details:
            for title, items in (
                ("NEGATIVES", self.negatives),
                ("MISSES", self.misses),
                ("FALSE POSITIVES", self.false_positives),
            ):
                if items:
                    out.append(f"\n{title}")
                    for f in items:
                        out.append(f"  [{f.document}] {f.kind}: {f.item}")
                        if f.sentence:
                            out.append(f"      « {f.sentence.strip()[:220]} »")
        return "\n".join(out)


# -- gold -------------------------------------------------------------------------------


class _Gold:
    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.entities: dict[str, dict[str, Any]] = data.get("entities", {})
        self.by_label: dict[str, list[str]] = defaultdict(list)
        self.by_alias: dict[str, list[str]] = defaultdict(list)
        for name, info in self.entities.items():
            self.by_label[fold(name)].append(name)
            for alias in info.get("aliases", []):
                self.by_alias[fold(alias)].append(name)

    def names(self, label: str, kind: str | None = None) -> list[str]:
        """Return the gold names a label may stand for, best first."""
        f = fold(label)
        exact = self.by_label.get(f, [])
        if exact:
            return list(exact)
        cands = self.by_alias.get(f, [])
        if kind and len(cands) > 1:
            typed = [c for c in cands if _compatible(kind, self.entities[c].get("type"))]
            if typed:
                return typed
        return list(cands)

    def name(self, label: str, kind: str | None = None) -> str:
        """Return the one gold name a label maps to, or the label itself."""
        found = self.names(label, kind)
        return found[0] if found else label


def _ancestors(kind: str) -> set[str]:
    out = set()
    cur: EntityType | None = EntityType(kind) if kind in CORE_TYPES else None
    while cur is not None:
        out.add(cur.value)
        cur = ENTITY_PARENT[cur]
    return out


def _compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return b in _ancestors(a) or a in _ancestors(b)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# -- store access ---------------------------------------------------------------------------


def _rows(store: Store, sparql: str) -> list[tuple[Any, ...]]:
    return [
        tuple(None if v is None else v for v in row) for row in store.query(PREFIXES + sparql).rows
    ]


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def _entity_info(store: Store) -> dict[str, tuple[str, str]]:
    """Return each entity IRI's label and most specific core class."""
    info: dict[str, tuple[str, str]] = {}
    types: dict[str, set[str]] = defaultdict(set)
    for e, label, t in _rows(
        store,
        "SELECT ?e ?l ?t WHERE { ?e rdfs:label ?l ; a ?t . FILTER(STRSTARTS(STR(?t), STR(ckg:))) }",
    ):
        local = _s(t).removeprefix(CKG)
        if local in CORE_TYPES:
            types[_s(e)].add(local)
            info[_s(e)] = (_s(label), "")
    for e, kinds in types.items():
        best = max(kinds, key=lambda k: len(_ancestors(k)))
        info[e] = (info[e][0], best)
    return info


def _articles(store: Store) -> dict[str, str]:
    out: dict[str, str] = {}
    for art, src in _rows(store, "SELECT ?a ?s WHERE { ?a a ckg:Article ; dcterms:source ?s }"):
        name = re.split(r"[\\/]", _s(src).rstrip("/"))[-1]
        out[name] = _s(art)
    return out


# -- scoring -----------------------------------------------------------------------------------


def load_gold(path: str | Path) -> dict[str, Any]:
    """Return the parsed gold file, or raise QueryError naming the file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise QueryError(f"{path}: cannot read gold file: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("documents"), dict):
        raise QueryError(f"{path}: not a gold file (no 'documents' object; see gold-format.md)")
    return data


@dataclass(frozen=True)
class _Run:
    """What every document's scoring shares: the store, the gold, entity facts, the report."""

    store: Store
    gold: _Gold
    info: dict[str, tuple[str, str]]
    report: EvalReport


def score(gold_data: dict[str, Any], store: Store) -> EvalReport:
    """Return the evaluation of ``store`` against parsed gold data."""
    gold = _Gold(gold_data)
    report = EvalReport()
    info = _entity_info(store)
    run = _Run(store, gold, info, report)
    arts = _articles(store)
    props: dict[str, PRF] = defaultdict(PRF)
    for doc_name, doc in gold_data.get("documents", {}).items():
        art = arts.get(doc_name)
        if art is None:
            report.unmatched_documents.append(doc_name)
            continue
        report.documents += 1
        _score_entities(run, doc_name, doc, art)
        _score_relations(run, doc_name, doc, art, props)
        _score_approvals(run, doc_name, doc, art)
    report.per_property = dict(props)
    for q in gold_data.get("questions", []):
        report.questions.append(_question(store, gold, q))
    report.incomplete_claims = _incomplete(store)
    return report


def _score_entities(
    run: _Run,
    doc_name: str,
    doc: dict[str, Any],
    art: str,
) -> None:
    store, gold, info, report = run.store, run.gold, run.info, run.report
    rows = _rows(store, f"SELECT DISTINCT ?e WHERE {{ ?e ckg:mentionedIn <{art}> }}")
    first_sentence = _mention_sentences(store, art)
    found: dict[str, str] = {}
    for (e,) in rows:
        label, kind = info.get(_s(e), ("", ""))
        if not kind:
            continue
        found.setdefault(gold.name(label, kind), _s(e))
    required = set(doc.get("entities", []))
    optional = set(doc.get("optional_entities", []))
    negative = set(doc.get("negative_entities", []))
    tp = required & found.keys()
    fp = found.keys() - required - optional
    fn = required - found.keys()
    report.entities.add(PRF(tp=len(tp), fp=len(fp), fn=len(fn)))
    for name in sorted(fn):
        report.misses.append(Finding(document=doc_name, kind="entity", item=name))
    for name in sorted(fp):
        report.false_positives.append(
            Finding(
                document=doc_name,
                kind="entity",
                item=name,
                sentence=first_sentence.get(found[name]),
            )
        )
    for name in sorted(negative & found.keys()):
        report.negatives.append(
            Finding(
                document=doc_name,
                kind="entity",
                item=name,
                sentence=first_sentence.get(found[name]),
            )
        )


def _mention_sentences(store: Store, art: str) -> dict[str, str]:
    rows = _rows(
        store,
        f"""SELECT ?e ?sent WHERE {{ ?c a ckg:Claim ; prov:wasDerivedFrom <{art}> ;
        rdf:predicate ckg:mentionedIn ; rdf:subject ?e ; ckg:sentence ?sent }}""",
    )
    return {_s(e): _s(s) for e, s in rows}


def _norm_triple(gold: _Gold, s: str, p: str, o: str) -> tuple[str, str, str]:
    if p == "conditionallyApproves":
        p = "approves"
    return (s, p, o)


def _score_relations(
    run: _Run,
    doc_name: str,
    doc: dict[str, Any],
    art: str,
    props: dict[str, PRF],
) -> None:
    store, gold, info, report = run.store, run.gold, run.info, run.report
    rows = _rows(
        store,
        f"""SELECT ?s ?p ?o ?m ?sent WHERE {{ ?c a ckg:Claim ; prov:wasDerivedFrom <{art}> ;
        rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
        OPTIONAL {{ ?c ckg:modality ?m }} OPTIONAL {{ ?c ckg:sentence ?sent }} }}""",
    )
    found: dict[tuple[str, str, str], str] = {}
    for s, p, o, m, sent in rows:
        local = _s(p).removeprefix(CKG)
        if local not in CORE or _s(m).endswith("#Negated"):
            continue
        sl, sk = info.get(_s(s), (_s(s), ""))
        ol, ok = info.get(_s(o), (_s(o), ""))
        key = _norm_triple(gold, gold.name(sl, sk), local, gold.name(ol, ok))
        found.setdefault(key, _s(sent))
    required = {_norm_triple(gold, *r) for r in doc.get("relations", [])}
    optional = {_norm_triple(gold, *r) for r in doc.get("optional_relations", [])}
    negative = {_norm_triple(gold, *r) for r in doc.get("negative_relations", [])}
    tp = required & found.keys()
    fp = found.keys() - required - optional
    fn = required - found.keys()
    report.relations.add(PRF(tp=len(tp), fp=len(fp), fn=len(fn)))
    for t in tp:
        props[t[1]].tp += 1
    for t in fp:
        props[t[1]].fp += 1
    for t in fn:
        props[t[1]].fn += 1
    for t in sorted(fn):
        report.misses.append(Finding(document=doc_name, kind="relation", item=" ".join(t)))
    for t in sorted(fp):
        report.false_positives.append(
            Finding(document=doc_name, kind="relation", item=" ".join(t), sentence=found[t])
        )
    for t in sorted(negative & found.keys()):
        report.negatives.append(
            Finding(document=doc_name, kind="relation", item=" ".join(t), sentence=found[t])
        )


def _miss_cause(
    ga: dict[str, Any], approvers: set[str], statuses: set[str], left: list[dict[str, Any]]
) -> str:
    """Return why no extracted approval matched the gold one ``ga``, as a short phrase."""
    if not left:
        return "with no approval (left) in the document"
    same_chip = [r for r in left if r["chip"] == ga.get("chip")]
    if not same_chip:
        return "with approvals of other chips only"
    same_approver = [r for r in same_chip if r["approver"] in approvers]
    if not same_approver:
        return "by another approver"
    if not any(r["status"] in statuses for r in same_approver):
        return "with another status"
    return "with no gold grantee"


def _unseen_ends(ga: dict[str, Any], approvers: set[str], mentioned: frozenset[str]) -> str:
    """Return which ends of a missed approval were not even found as entities."""
    unseen = [
        what
        for what, found in (
            ("chip", ga.get("chip") in mentioned),
            ("approver", bool(approvers & mentioned)),
            ("grantees", bool(set(ga.get("grantees", [])) & mentioned)),
        )
        if not found
    ]
    return f" ({', '.join(unseen)} not found as entities)" if unseen else " (all found as entities)"


def _score_approvals(
    run: _Run,
    doc_name: str,
    doc: dict[str, Any],
    art: str,
) -> None:
    store, gold, info, report = run.store, run.gold, run.info, run.report
    rows = _rows(
        store,
        f"""SELECT ?a ?approver ?chip ?status ?q ?g ?cl WHERE {{
        ?a a ckg:Approval ; prov:wasDerivedFrom <{art}> ; ckg:approver ?approver ; ckg:chip ?chip ;
           ckg:status ?status ; ckg:grantee ?g .
        OPTIONAL {{ ?a ckg:quantity ?q }}
        OPTIONAL {{ ?a ckg:hasCondition ?c . ?c rdfs:label ?cl }} }}""",
    )
    extracted: dict[str, dict[str, Any]] = {}
    for a, approver, chip, status, q, g, cl in rows:
        rec = extracted.setdefault(
            _s(a), {"grantees": set(), "conditions": set(), "quantity": None}
        )
        rec["approver"] = gold.name(*info.get(_s(approver), (_s(approver), "")))
        rec["chip"] = gold.name(*info.get(_s(chip), (_s(chip), "")))
        rec["status"] = _s(status).removeprefix(CKG)
        rec["grantees"].add(gold.name(*info.get(_s(g), (_s(g), ""))))
        if q is not None:
            rec["quantity"] = int(float(_s(q)))
        if cl is not None:
            rec["conditions"].add(_s(cl))
    used: set[str] = set()

    @cache
    def mentioned() -> frozenset[str]:
        """Return the gold names of the entities extracted from the document."""
        rows = _rows(store, f"SELECT DISTINCT ?e WHERE {{ ?e ckg:mentionedIn <{art}> }}")
        return frozenset(gold.name(*info[_s(e)]) for (e,) in rows if _s(e) in info)

    for ga in doc.get("approvals", []):
        approvers = set(_as_list(ga.get("approver")))
        statuses = set(_as_list(ga.get("status")))
        g_grantees = set(ga.get("grantees", []))
        best, overlap = None, 0
        for key, rec in extracted.items():
            if key in used or rec["approver"] not in approvers or rec["chip"] != ga.get("chip"):
                continue
            if rec["status"] not in statuses:
                continue
            n = len(rec["grantees"] & g_grantees)
            if n > overlap:
                best, overlap = key, n
        desc = f"{sorted(approvers)} -> {sorted(g_grantees)} {ga.get('chip')} {sorted(statuses)}"
        if best is None:
            left = [r for k, r in extracted.items() if k not in used]
            cause = _miss_cause(ga, approvers, statuses, left)
            if not left:
                cause += _unseen_ends(ga, approvers, mentioned())
            report.approval_miss_causes[cause] = report.approval_miss_causes.get(cause, 0) + 1
            report.approvals.fn += 1
            report.grantees.fn += len(g_grantees)
            report.misses.append(Finding(document=doc_name, kind="approval", item=desc))
            if ga.get("quantity") is not None:
                report.quantities_expected += 1
            report.conditions_expected += len(ga.get("conditions", []))
            continue
        used.add(best)
        rec = extracted[best]
        report.approvals.tp += 1
        report.grantees.add(
            PRF(
                tp=overlap,
                fp=len(rec["grantees"] - g_grantees),
                fn=len(g_grantees - rec["grantees"]),
            )
        )
        if ga.get("quantity") is not None:
            report.quantities_expected += 1
            if rec["quantity"] == ga["quantity"]:
                report.quantities_matched += 1
            else:
                report.misses.append(
                    Finding(
                        document=doc_name,
                        kind="approval quantity",
                        item=f"{desc}: expected {ga['quantity']}, got {rec['quantity']}",
                    )
                )
        gold_conditions = ga.get("conditions", [])
        report.conditions_extra += sum(
            not any(all(w.lower() in c.lower() for w in words) for words in gold_conditions)
            for c in rec["conditions"]
        )
        for words in gold_conditions:
            report.conditions_expected += 1
            if any(all(w.lower() in c.lower() for w in words) for c in rec["conditions"]):
                report.conditions_matched += 1
            else:
                report.misses.append(
                    Finding(document=doc_name, kind="approval condition", item=f"{desc}: {words}")
                )
    for key, rec in extracted.items():
        if key not in used:
            report.approvals.fp += 1
            report.false_positives.append(
                Finding(
                    document=doc_name,
                    kind="approval",
                    item=(
                        f"{rec['approver']} -> {sorted(rec['grantees'])} {rec['chip']} "
                        f"{rec['status']} q={rec['quantity']}"
                    ),
                )
            )


def _question(store: Store, gold: _Gold, q: dict[str, Any]) -> QuestionResult:
    expect = [str(x) for x in q.get("expect", [])]
    allow = [str(x) for x in q.get("allow", [])]
    try:
        result = store.query(PREFIXES + q["sparql"])
    except Exception as exc:  # a broken gold query is reported, not raised
        return QuestionResult(
            id=q.get("id", "?"), text=q.get("text", ""), ok=False, values=[], error=str(exc)
        )
    values = [_s(row[0]) for row in result.rows if row and row[0] is not None]

    def names(v: str) -> set[str]:
        return {fold(v)} | {fold(n) for n in gold.names(v)}

    covered = {fold(e) for v in values for e in expect if fold(e) in names(v)}
    missing = [e for e in expect if fold(e) not in covered]
    allowed = {fold(x) for x in expect + allow}
    unexpected = [v for v in values if not (names(v) & allowed)]
    return QuestionResult(
        id=q.get("id", "?"),
        text=q.get("text", ""),
        ok=not missing and not unexpected,
        values=sorted(set(values)),
        missing=missing,
        unexpected=sorted(set(unexpected)),
    )


def _incomplete(store: Store) -> int:
    rows = _rows(
        store,
        """SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ckg:Claim .
        FILTER NOT EXISTS { ?c ckg:sentence ?a ; ckg:charStart ?b ; ckg:charEnd ?d ;
                            ckg:confidence ?e ;
                            ckg:modality ?f ; prov:wasDerivedFrom ?g } }""",
    )
    return int(_s(rows[0][0]) or 0) if rows else 0


# -- explain ------------------------------------------------------------------------------------


class ClaimRecord(BaseModel):
    """One claim behind a fact: where it was read, by which rule, how and when."""

    subject: str
    predicate: str
    object: str
    sentence: str
    rule: str | None
    modality: str | None
    confidence: float | None
    attributed_to: str | None
    source: str | None
    issued: str | None
    event_date: str | None

    def render(self) -> str:
        """Return the claim as a few lines of text."""
        head = f"{self.subject} {self.predicate} {self.object}"
        meta = (
            f"rule {self.rule} · {self.modality} · confidence {self.confidence}"
            f"{' · attributed to ' + self.attributed_to if self.attributed_to else ''}"
        )
        when = (
            f"source {self.source} · issued {self.issued or '-'} · event {self.event_date or '-'}"
        )
        return f"{head}\n  « {self.sentence.strip()} »\n  {meta}\n  {when}"


def _resolve(store: Store, name: str) -> list[str]:
    if name.startswith("http"):
        return [name]
    want = fold(name)
    rows = _rows(
        store,
        """SELECT DISTINCT ?e ?l WHERE { { ?e rdfs:label ?l } UNION { ?e skos:altLabel ?l }
        ?e a ?t . FILTER(STRSTARTS(STR(?t), STR(ckg:))) }""",
    )
    exact = sorted({_s(e) for e, label in rows if fold(_s(label)) == want})
    if exact:
        return exact
    from chipkg.ontology.identifiers import slug

    return sorted({_s(e) for e, _ in rows if _s(e).rsplit("/", 1)[-1] == slug(name)})


def explain(
    store: Store, subject: str, obj: str, predicate: str | None = None
) -> list[ClaimRecord]:
    """Return every claim that supports ``subject [predicate] object``.

    Subject and object are labels, aliases or IRIs; the predicate is a core property's
    local name (any when None). Raises QueryError when a name matches no entity.
    """
    subjects, objects = _resolve(store, subject), _resolve(store, obj)
    if not subjects:
        raise QueryError(f"No entity is named {subject!r}")
    if not objects:
        raise QueryError(f"No entity is named {obj!r}")
    values_s = " ".join(f"<{s}>" for s in subjects)
    values_o = " ".join(f"<{o}>" for o in objects)
    pred = f"FILTER(?p = ckg:{predicate})" if predicate else ""
    if predicate and predicate not in CORE:
        raise QueryError(f"Unknown property {predicate!r}. Available: {', '.join(sorted(CORE))}")
    rows = _rows(
        store,
        f"""SELECT ?sl ?p ?ol ?sent ?rule ?m ?conf ?att ?src ?iss ?ev WHERE {{
        VALUES ?s {{ {values_s} }} VALUES ?o {{ {values_o} }}
        ?c a ckg:Claim ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ckg:sentence ?sent ;
           prov:wasDerivedFrom ?art . {pred}
        ?s rdfs:label ?sl . ?o rdfs:label ?ol .
        OPTIONAL {{ ?c ckg:extractedBy ?rule }} OPTIONAL {{ ?c ckg:modality ?m }}
        OPTIONAL {{ ?c ckg:confidence ?conf }}
        OPTIONAL {{ ?c ckg:attributedTo ?a . ?a rdfs:label ?att }}
        OPTIONAL {{ ?art dcterms:source ?src }} OPTIONAL {{ ?art dcterms:issued ?iss }}
        OPTIONAL {{ ?c ckg:eventDate ?ev }} }} ORDER BY ?src ?sent""",
    )
    return [
        ClaimRecord(
            subject=_s(sl),
            predicate=_s(p).removeprefix(CKG),
            object=_s(ol),
            sentence=_s(sent),
            rule=_s(rule) or None,
            modality=_s(m).removeprefix(CKG) or None,
            confidence=float(_s(conf)) if conf is not None else None,
            attributed_to=_s(att) or None,
            source=_s(src) or None,
            issued=_s(iss) or None,
            event_date=_s(ev) or None,
        )
        for sl, p, ol, sent, rule, m, conf, att, src, iss, ev in rows
    ]


def explain_text(records: Iterable[ClaimRecord]) -> str:
    """Return claim records rendered one after another, or a note when there are none."""
    parts = [r.render() for r in records]
    return "\n\n".join(parts) if parts else "no claim supports this fact"
