#!/usr/bin/env python3
"""Cross-checks claimgraph against independent RDF tools.

Usage (from the repository root):

    python tests/crosscheck.py CLAIMGRAPH_BINARY [--no-rapper]

1. Saved queries. The bundled corpus is exported as N-Quads and loaded into
   rdflib.Dataset(default_union=True). Every queries/*.rq runs in rdflib and in claimgraph
   (`run NAME --queries queries/ --format json`, SPARQL results JSON: claimgraph reads the same
   files as rdflib, not the copies bundled at build time), without bindings and then with the bindings of
   the query's `# example:` line (rdflib initBindings against `--bind`). The answers must have the
   same variables and the same multiset of rows, values compared as RDF terms (numbers by value,
   so "2"^^xsd:integer equals "2.0"^^xsd:decimal; a simple literal equals its xsd:string form).
   When the query has ORDER BY and every key is a projected variable, the order of the key
   values must agree too; otherwise only the multiset is compared, and the check says so.
   A query whose header has a `# corpus: no rows ...` line (it needs several sources) runs instead
   on the constructed reports of tests/fixtures/corroboration, copied to a temporary workspace
   where `corroborate --draft` and `accept corroboration` have linked them, in both engines.
2. Exports. Every export format is written by claimgraph and read back: the whole dataset for
   N-Quads, TriG and JSON-LD; one named graph (Tarar's announcement) and the default graph for
   Turtle, N-Triples and RDF/XML. Each is parsed with rdflib and, where raptor has a parser for the
   format, counted with `rapper -c`. The number of triples or quads must equal the line count of
   claimgraph's canonical N-Quads/N-Triples export of the same data, and what rdflib reads must
   hold the same triples as the canonical export, graph by graph (blank nodes compared as
   placeholders). raptor has no JSON-LD parser, so JSON-LD is read by rdflib only.

Prints one line per check (`ok ...` or `FAIL ...`, with a diff under a failure) and ends with
`N passed, M failed`; exits 0 when nothing failed, 1 otherwise. A difference between the engines is
a bug to fix, or, when the other engine is at fault, an entry in EXCEPTIONS below with the reason:
such a check still runs, passes only while the difference is the documented one, and fails once the
engines agree (so that the entry is removed).

--no-rapper skips the raptor counts (each skipped count is printed); without it a missing `rapper`
(Debian package raptor2-utils) is a failure.
"""

from __future__ import annotations

import decimal
import json
import os
import re
import shlex
import shutil
from collections import Counter
import subprocess
import sys
import tempfile
from pathlib import Path

import rdflib
from rdflib import BNode, Literal, URIRef

# Checks whose difference is known and documented, by check name (as printed) -> reason.
# Empty: every saved query and every export agrees between claimgraph, rdflib and raptor.
EXCEPTIONS: dict[str, str] = {}

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "queries"
GRAPH_SAMPLE = "https://claimgraph.org/id/graph/istanbul/tarar-announcement"

XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {
    XSD + t
    for t in (
        "integer decimal double float long int short byte nonNegativeInteger positiveInteger "
        "nonPositiveInteger negativeInteger unsignedLong unsignedInt unsignedShort unsignedByte"
    ).split()
}

# The prefixes claimgraph predeclares, for reading `--bind NAME=prefix:name` values.
PREDECLARED = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "schema": "https://schema.org/",
    "dcterms": "http://purl.org/dc/terms/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "sh": "http://www.w3.org/ns/shacl#",
    "cg": "https://claimgraph.org/ns#",
    "cgsh": "https://claimgraph.org/shapes#",
    "actor": "https://claimgraph.org/id/actor/",
    "stmt": "https://claimgraph.org/id/statement/",
    "claim": "https://claimgraph.org/id/claim/",
    "event": "https://claimgraph.org/id/event/",
    "figure": "https://claimgraph.org/id/figure/",
    "place": "https://claimgraph.org/id/place/",
    "position": "https://claimgraph.org/id/position/",
    "source": "https://claimgraph.org/id/source/",
    "mention": "https://claimgraph.org/id/mention/",
    "graph": "https://claimgraph.org/id/graph/",
}


class Report:
    def __init__(self) -> None:
        self.passed = 0
        self.failed = 0

    def check(self, name: str, problems: list[str], detail: str = "") -> None:
        """Records one check: it passes when `problems` is empty (or is a documented exception)."""
        reason = EXCEPTIONS.get(name)
        suffix = f" ({detail})" if detail else ""
        if reason is not None:
            if problems:
                self.passed += 1
                print(f"ok {name}{suffix}: documented exception: {reason}")
            else:
                self.failed += 1
                print(f"FAIL {name}: listed in EXCEPTIONS but the engines now agree; remove it")
            return
        if problems:
            self.failed += 1
            print(f"FAIL {name}{suffix}")
            for line in problems:
                print(f"    {line}")
        else:
            self.passed += 1
            print(f"ok {name}{suffix}")


def run(args: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, **kw)


# ---------------------------------------------------------------------------------------------
# RDF terms, compared across engines


def norm_rdflib(term) -> tuple:
    """An rdflib result value as a comparable key."""
    if term is None:
        return ("unbound",)
    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, BNode):
        return ("bnode",)
    if isinstance(term, Literal):
        dt = str(term.datatype) if term.datatype else None
        return norm_literal(str(term), dt, term.language)
    raise TypeError(f"unexpected term {term!r}")


def norm_json(binding: dict | None) -> tuple:
    """A SPARQL results JSON value as a comparable key."""
    if binding is None:
        return ("unbound",)
    kind = binding["type"]
    if kind == "uri":
        return ("iri", binding["value"])
    if kind == "bnode":
        return ("bnode",)
    if kind in ("literal", "typed-literal"):
        return norm_literal(binding["value"], binding.get("datatype"), binding.get("xml:lang"))
    if kind == "triple":
        raise TypeError("RDF-star terms are not compared")
    raise TypeError(f"unexpected term {binding!r}")


def norm_literal(lexical: str, datatype: str | None, lang: str | None) -> tuple:
    if lang:
        return ("lang", lexical, lang.lower())
    if datatype is None or datatype == XSD + "string":
        return ("string", lexical)
    if datatype in NUMERIC:
        try:
            value = decimal.Decimal(lexical.strip())
        except decimal.InvalidOperation:
            return ("typed", lexical, datatype)
        if not value.is_finite():
            return ("typed", lexical, datatype)
        if value == value.to_integral_value():
            return ("number", str(int(value)))
        return ("number", format(value.normalize(), "f"))
    if datatype == XSD + "boolean":
        return ("boolean", lexical.strip() in ("true", "1"))
    return ("typed", lexical, datatype)


def show(key: tuple) -> str:
    kind = key[0]
    if kind == "unbound":
        return "-"
    if kind == "iri":
        return f"<{key[1]}>"
    if kind == "bnode":
        return "_:b"
    if kind == "string":
        return json.dumps(key[1], ensure_ascii=False)
    if kind == "lang":
        return json.dumps(key[1], ensure_ascii=False) + "@" + key[2]
    if kind == "number":
        return str(key[1])
    if kind == "boolean":
        return "true" if key[1] else "false"
    return json.dumps(key[1], ensure_ascii=False) + f"^^<{key[2]}>"


def sort_key(row: tuple) -> tuple:
    return tuple((k[0], str(k[1:])) for k in row)


# ---------------------------------------------------------------------------------------------
# Saved queries


def header(text: str) -> dict[str, list[str]]:
    """The `# key: value` lines at the top of a saved query."""
    out: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        key, sep, value = stripped[1:].partition(":")
        if sep:
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def strip_comments(text: str) -> str:
    """The query without `#` comments (a `#` inside an IRI or a string is kept)."""
    out = []
    for line in text.splitlines():
        result, in_iri, quote = [], False, None
        for ch in line:
            if quote:
                result.append(ch)
                if ch == quote:
                    quote = None
            elif in_iri:
                result.append(ch)
                if ch == ">":
                    in_iri = False
            elif ch in "\"'":
                quote = ch
                result.append(ch)
            elif ch == "<":
                in_iri = True
                result.append(ch)
            elif ch == "#":
                break
            else:
                result.append(ch)
        out.append("".join(result))
    return "\n".join(out)


def order_keys(query: str, projected: list[str]) -> tuple[bool, list[tuple[str, bool]] | None]:
    """(has ORDER BY, its keys as (variable, descending)) or None when a key is not a projected
    variable (an expression), in which case the order cannot be compared from the results."""
    text = strip_comments(query)
    m = re.search(r"\bORDER\s+BY\b(.*?)(\bLIMIT\b|\bOFFSET\b|\Z)", text, re.I | re.S)
    if not m:
        return False, None
    keys = []
    rest = m.group(1).strip()
    token = re.compile(r"\s*(?:(ASC|DESC)\s*\(\s*\?(\w+)\s*\)|\?(\w+))", re.I)
    pos = 0
    while pos < len(rest):
        t = token.match(rest, pos)
        if not t:
            return True, None
        var = t.group(2) or t.group(3)
        if var not in projected:
            return True, None
        keys.append((var, (t.group(1) or "").upper() == "DESC"))
        pos = t.end()
        while pos < len(rest) and rest[pos].isspace():
            pos += 1
    return True, keys


def parse_bind_value(value: str, prefixes: dict[str, str]):
    """A `--bind` value as claimgraph reads it, as an rdflib term."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    if value.startswith('"'):
        m = re.fullmatch(r'"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^(<[^>]*>|[\w-]+:[\w./-]*))?', value)
        if not m:
            raise ValueError(f"cannot read the value {value!r}")
        lexical = json.loads('"' + m.group(1) + '"')
        if m.group(2):
            return Literal(lexical, lang=m.group(2))
        if m.group(3):
            dt = m.group(3)
            dt = dt[1:-1] if dt.startswith("<") else expand(dt, prefixes)
            return Literal(lexical, datatype=URIRef(dt))
        return Literal(lexical)
    if re.fullmatch(r"[+-]?\d+", value):
        return Literal(value, datatype=URIRef(XSD + "integer"))
    if re.fullmatch(r"[+-]?\d*\.\d+", value):
        return Literal(value, datatype=URIRef(XSD + "decimal"))
    if value in ("true", "false"):
        return Literal(value == "true")
    iri = expand(value, prefixes)
    if iri is not None:
        return URIRef(iri)
    return Literal(value)


def expand(name: str, prefixes: dict[str, str]) -> str | None:
    prefix, sep, local = name.partition(":")
    if sep and prefix in prefixes and not local.startswith("//"):
        return prefixes[prefix] + local.replace("\\/", "/")
    return None


def example_binds(text: str) -> list[str]:
    """The `--bind NAME=VALUE` arguments of the header's example command."""
    examples = header(text).get("example", [])
    if not examples:
        return []
    argv = shlex.split(examples[0])
    binds = []
    for i, arg in enumerate(argv):
        if arg == "--bind" and i + 1 < len(argv):
            binds.append(argv[i + 1])
        elif arg.startswith("--bind="):
            binds.append(arg[len("--bind=") :])
    return binds


def claimgraph_answer(binary: str, name: str, binds: list[str], cwd: Path | None = None) -> tuple[list[str], list[tuple]]:
    args = [binary, "run", name, "--queries", str(QUERIES), "--format", "json"]
    for b in binds:
        args += ["--bind", b]
    proc = run(args, cwd=cwd)
    if proc.returncode != 0:
        raise RuntimeError(f"claimgraph exited {proc.returncode}: {proc.stderr.strip()}")
    doc = json.loads(proc.stdout)
    variables = list(doc["head"]["vars"])
    rows = [tuple(norm_json(b.get(v)) for v in variables) for b in doc["results"]["bindings"]]
    return variables, rows


def rdflib_answer(dataset, text: str, bindings: dict) -> tuple[list[str], list[tuple]]:
    result = dataset.query(text, initBindings=bindings)
    if result.type != "SELECT":
        raise RuntimeError(f"only SELECT queries are compared, not {result.type}")
    variables = [str(v) for v in result.vars]
    rows = [tuple(norm_rdflib(row[v]) for v in result.vars) for row in result]
    return variables, rows


def compare(ours, theirs, keys) -> list[str]:
    """Differences between claimgraph's answer (ours) and rdflib's (theirs)."""
    (vars_a, rows_a), (vars_b, rows_b) = ours, theirs
    if vars_a != vars_b:
        return [f"variables differ: claimgraph {vars_a}, rdflib {vars_b}"]
    problems = []
    sorted_a = sorted(rows_a, key=sort_key)
    sorted_b = sorted(rows_b, key=sort_key)
    if sorted_a != sorted_b:
        only_a = multiset_minus(sorted_a, sorted_b)
        only_b = multiset_minus(sorted_b, sorted_a)
        problems.append(
            f"rows differ: claimgraph {len(rows_a)}, rdflib {len(rows_b)};"
            f" {len(only_a)} only in claimgraph, {len(only_b)} only in rdflib"
        )
        for tag, rows in (("claimgraph", only_a), ("rdflib", only_b)):
            for row in rows[:20]:
                problems.append(f"only in {tag}: " + "\t".join(show(k) for k in row))
            if len(rows) > 20:
                problems.append(f"... and {len(rows) - 20} more only in {tag}")
    elif keys:
        idx = [vars_a.index(v) for v, _ in keys]
        seq_a = [tuple(r[i] for i in idx) for r in rows_a]
        seq_b = [tuple(r[i] for i in idx) for r in rows_b]
        for n, (a, b) in enumerate(zip(seq_a, seq_b)):
            if a != b:
                problems.append(
                    f"order differs at row {n + 1} on ORDER BY keys: claimgraph "
                    + " ".join(show(k) for k in a)
                    + ", rdflib "
                    + " ".join(show(k) for k in b)
                )
                break
    return problems


def multiset_minus(a: list, b: list) -> list:
    rest = list(b)
    out = []
    for row in a:
        if row in rest:
            rest.remove(row)
        else:
            out.append(row)
    return out


# A query whose header says it has no rows on the bundled report alone runs on the constructed
# reports of tests/fixtures/corroboration instead, with every link corroborate proposes accepted.
NEEDS_MORE = "\n# corpus: no rows"


def corroborated(binary: str, tmp: Path):
    """The corroboration fixture as a workspace with its links accepted: its folder, and the
    dataset claimgraph exports from it, in rdflib."""
    ws = tmp / "corroboration"
    shutil.copytree(REPO / "tests" / "fixtures" / "corroboration", ws)
    for args in (["corroborate", "--draft"], ["accept", "corroboration", "--by", "crosscheck"]):
        proc = run([binary, *args], cwd=ws)
        if proc.returncode != 0:
            raise RuntimeError(f"claimgraph {' '.join(args)} exited {proc.returncode}: {proc.stderr.strip()}")
    dump = tmp / "corroboration.nq"
    proc = run([binary, "export", "--format", "nquads", "-o", str(dump)], cwd=ws)
    if proc.returncode != 0:
        raise RuntimeError(f"claimgraph export exited {proc.returncode}: {proc.stderr.strip()}")
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(dump, format="nquads")
    return ws, dataset


def check_queries(binary: str, dataset, report: Report, fixture=None) -> None:
    files = sorted(QUERIES.glob("*.rq"))
    if not files:
        report.check("saved queries", ["no queries/*.rq found"])
    for path in files:
        name = path.stem
        text = path.read_text(encoding="utf-8")
        cwd, data = (None, dataset)
        if NEEDS_MORE in text and fixture is not None:
            cwd, data = fixture
        runs = [("", [])]
        binds = example_binds(text)
        if binds:
            runs.append((" " + " ".join(f"--bind {b}" for b in binds), binds))
        for label, bind_args in runs:
            check = f"query {name}{label}" + (" (on tests/fixtures/corroboration)" if cwd else "")
            try:
                bindings = {}
                for b in bind_args:
                    var, _, value = b.partition("=")
                    bindings[var.lstrip("?$")] = parse_bind_value(value, PREDECLARED)
                ours = claimgraph_answer(binary, name, bind_args, cwd)
                theirs = rdflib_answer(data, text, bindings)
            except Exception as e:  # an engine that cannot answer is a failed check
                report.check(check, [f"{type(e).__name__}: {e}"])
                continue
            ordered, keys = order_keys(text, ours[0])
            if not ordered:
                detail = f"{len(ours[1])} rows, no ORDER BY"
            elif keys is None:
                detail = f"{len(ours[1])} rows, order not compared: an ORDER BY key is an expression"
            else:
                detail = f"{len(ours[1])} rows, in order on " + " ".join(
                    ("DESC ?" if d else "?") + v for v, d in keys
                )
            problems = compare(ours, theirs, keys if ordered else None)
            if not ours[1] and not problems:
                problems = ["no rows: every saved query must answer on the corpus"]
            report.check(check, problems, detail)


# ---------------------------------------------------------------------------------------------
# Exports


RAPPER_FORMATS = {"nquads": "nquads", "trig": "trig", "turtle": "turtle", "ntriples": "ntriples", "rdfxml": "rdfxml"}
RDFLIB_FORMATS = {
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "turtle": "turtle",
    "ntriples": "nt",
    "rdfxml": "xml",
}


def export(binary: str, out: Path, fmt: str, graph: str | None, canonical: bool = False) -> None:
    args = [binary, "export", "--format", fmt, "-o", str(out)]
    if graph is not None:
        args += ["--graph", graph]
    if canonical:
        args.append("--canonical")
    proc = run(args)
    if proc.returncode != 0:
        raise RuntimeError(f"claimgraph export {' '.join(args[2:])} exited {proc.returncode}: {proc.stderr.strip()}")


def line_count(path: Path) -> int:
    with path.open(encoding="utf-8") as f:
        return sum(1 for line in f if line.strip() and not line.startswith("#"))


def rapper_count(path: Path, fmt: str) -> int:
    proc = run(["rapper", "-i", fmt, "-c", str(path)])
    m = re.search(r"returned (\d+) (?:triples|statements)", proc.stderr)
    if proc.returncode != 0 or not m:
        raise RuntimeError(f"rapper -i {fmt} exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
    return int(m.group(1))


def quads_by_graph(dataset) -> dict[str, rdflib.Graph]:
    """Each graph of a parsed dataset as a plain Graph, keyed by name ('' for the default graph)."""
    out: dict[str, rdflib.Graph] = {}
    for g in dataset.graphs():
        name = "" if g.identifier == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else str(g.identifier)
        if len(g) == 0:
            continue
        plain = out.setdefault(name, rdflib.Graph())
        for t in g:
            plain.add(t)
    return out


def skeleton(graph) -> Counter:
    """The graph's triples with every blank node replaced by one placeholder, as a multiset: equal
    for isomorphic graphs, and a cheap test that no IRI or literal was changed (a full isomorphism
    test of the default graph's hundreds of blank nodes takes minutes in rdflib)."""
    def term(t):
        return "_:" if isinstance(t, BNode) else t.n3()
    return Counter((term(s), term(p), term(o)) for s, p, o in graph)


def same_graph(a, b) -> list[str]:
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb:
        return []
    extra, missing = sa - sb, sb - sa
    out = [f"the content differs: {sum(extra.values())} triples only in this export, {sum(missing.values())} only in the canonical export"]
    out += [f"only in this export: {' '.join(t)}" for t in list(extra)[:10]]
    out += [f"only in the canonical export: {' '.join(t)}" for t in list(missing)[:10]]
    return out


def same_dataset(a, b) -> list[str]:
    ga, gb = quads_by_graph(a), quads_by_graph(b)
    problems = []
    for name in sorted(set(ga) | set(gb)):
        if name not in ga or name not in gb:
            where = "canonical N-Quads" if name in gb else "this export"
            problems.append(f"graph {name or '(default)'} only in {where}")
        else:
            problems += [f"graph {name or '(default)'}: {p}" for p in same_graph(ga[name], gb[name])]
    return problems


def check_exports(binary: str, tmp: Path, use_rapper: bool, report: Report) -> None:
    canonical_nq = tmp / "canonical.nq"
    export(binary, canonical_nq, "nquads", None, canonical=True)
    expected_quads = line_count(canonical_nq)
    reference = rdflib.Dataset()
    reference.parse(canonical_nq, format="nquads")

    # Whole dataset: N-Quads, TriG, JSON-LD.
    for fmt in ("nquads", "trig", "jsonld"):
        path = tmp / f"all.{fmt}"
        try:
            export(binary, path, fmt, None)
            parsed = rdflib.Dataset()
            parsed.parse(path, format=RDFLIB_FORMATS[fmt])
            count = sum(len(g) for g in parsed.graphs())
        except Exception as e:
            report.check(f"export {fmt} (dataset) read by rdflib", [f"{type(e).__name__}: {e}"])
            continue
        problems = []
        if count != expected_quads:
            problems.append(f"rdflib reads {count} quads, the canonical N-Quads export has {expected_quads} lines")
        problems += same_dataset(parsed, reference)
        report.check(f"export {fmt} (dataset) read by rdflib", problems, f"{count} quads")
        rapper_check(report, use_rapper, path, fmt, expected_quads, "dataset", "quads")

    # One named graph and the default graph: Turtle, N-Triples, RDF/XML.
    for label, graph in (("graph " + GRAPH_SAMPLE, GRAPH_SAMPLE), ("default graph", "default")):
        canonical_nt = tmp / f"canonical-{'default' if graph == 'default' else 'named'}.nt"
        export(binary, canonical_nt, "ntriples", graph, canonical=True)
        expected = line_count(canonical_nt)
        ref = rdflib.Graph()
        ref.parse(canonical_nt, format="nt")
        if expected == 0:
            report.check(f"export of the {label}", ["the canonical export is empty: pick a graph that exists"])
            continue
        for fmt in ("turtle", "ntriples", "rdfxml"):
            path = tmp / f"{'default' if graph == 'default' else 'named'}.{fmt}"
            check = f"export {fmt} ({label}) read by rdflib"
            try:
                export(binary, path, fmt, graph)
                parsed = rdflib.Graph()
                parsed.parse(path, format=RDFLIB_FORMATS[fmt])
            except Exception as e:
                report.check(check, [f"{type(e).__name__}: {e}"])
                continue
            problems = []
            if len(parsed) != expected:
                problems.append(f"rdflib reads {len(parsed)} triples, the canonical N-Triples export has {expected} lines")
            problems += same_graph(parsed, ref)
            report.check(check, problems, f"{len(parsed)} triples")
            rapper_check(report, use_rapper, path, fmt, expected, label, "triples")


def rapper_check(report: Report, use_rapper: bool, path: Path, fmt: str, expected: int, label: str, unit: str) -> None:
    check = f"export {fmt} ({label}) counted by rapper"
    if fmt not in RAPPER_FORMATS:
        print(f"note: {check}: not run, raptor has no {fmt} parser (rdflib reads it above)")
        return
    if not use_rapper:
        print(f"skip {check}: --no-rapper")
        return
    try:
        count = rapper_count(path, RAPPER_FORMATS[fmt])
    except Exception as e:
        report.check(check, [f"{type(e).__name__}: {e}"])
        return
    problems = [] if count == expected else [f"rapper counts {count} {unit}, the canonical export has {expected} lines"]
    report.check(check, problems, f"{count} {unit}")


def main(argv: list[str]) -> int:
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    if len(args) != 1 or flags - {"--no-rapper"}:
        print("usage: python tests/crosscheck.py CLAIMGRAPH_BINARY [--no-rapper]", file=sys.stderr)
        return 2
    binary = args[0]
    if os.sep in binary or binary.startswith("."):
        binary = str(Path(binary).resolve())
    use_rapper = "--no-rapper" not in flags
    report = Report()
    print(f"claimgraph: {binary}; rdflib {rdflib.__version__}")
    if use_rapper and shutil.which("rapper") is None:
        report.check("rapper installed", ["`rapper` is not on PATH: install raptor2-utils or pass --no-rapper"])
        use_rapper = False
    with tempfile.TemporaryDirectory(prefix="claimgraph-crosscheck-") as tmpdir:
        tmp = Path(tmpdir)
        corpus = tmp / "corpus.nq"
        try:
            export(binary, corpus, "nquads", None)
        except Exception as e:
            report.check("export the corpus as N-Quads", [str(e)])
            print(f"{report.passed} passed, {report.failed} failed")
            return 1
        dataset = rdflib.Dataset(default_union=True)
        dataset.parse(corpus, format="nquads")
        try:
            fixture = corroborated(binary, tmp)
        except Exception as e:
            report.check("corroborate the constructed reports", [str(e)])
            fixture = None
        check_queries(binary, dataset, report, fixture)
        check_exports(binary, tmp, use_rapper, report)
    print(f"{report.passed} passed, {report.failed} failed")
    return 0 if report.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
