"""Reads `claimgraph events` output with readers claimgraph does not control, and checks it.

1. Python's csv module: the header is README's documented columns, in order; every row has every
   column; every value parses as its documented type (integer, float, date YYYY-MM-DD, string).
2. pandas: read_csv with the documented dtypes (dates parsed as dates, CAMEO codes kept as text
   with their leading zeros) reads every row.
3. rdflib: the corpus, exported as N-Quads, answers SPARQL queries written here with the same
   claim dyads, event codes, speakers and Goldstein scores as the rows carry.
4. The source texts: each row's quote is the text between its code point offsets.
5. TSV and JSON Lines hold the same records.

Usage: python tests/events_check.py BINARY [--csv FILE]   (--csv checks that file instead of
running BINARY events; the test suite uses it to show a broken file is caught). Exit 0 when every
check holds, 1 otherwise, with one line per failure.
"""

import csv
import datetime
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import rdflib

REPO = Path(__file__).resolve().parent.parent
PREFIXES = {
    "cg": "https://claimgraph.org/ns#",
    "actor": "https://claimgraph.org/id/actor/",
    "stmt": "https://claimgraph.org/id/statement/",
    "claim": "https://claimgraph.org/id/claim/",
    "event": "https://claimgraph.org/id/event/",
    "source": "https://claimgraph.org/id/source/",
    "mention": "https://claimgraph.org/id/mention/",
}
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
)
failures = []


def fail(message):
    failures.append(message)


def short(iri):
    """An IRI as the records write it: prefix:local with the longest namespace."""
    iri = str(iri)
    best = max(
        ((p, ns) for p, ns in PREFIXES.items() if iri.startswith(ns)),
        key=lambda x: len(x[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]):]}" if best else iri


def documented_columns():
    """(name, type) of each row of README's event record table, in order."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index("<!-- event-columns -->")
    columns = []
    for line in text[start:].splitlines()[1:]:
        match = re.match(r"^\| `([a-z_]+)` \| (string|integer|float|date) \|", line)
        if match:
            columns.append((match.group(1), match.group(2)))
        elif columns and not line.startswith("|"):
            break
    return columns


def run(binary, *args):
    out = subprocess.run([binary, *args], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def check_with_csv_module(text, columns):
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    names = [n for n, _ in columns]
    if header != names:
        fail(f"header differs from README's columns: {header} != {names}")
        return []
    parse = {
        "integer": int,
        "float": float,
        "date": lambda v: datetime.date.fromisoformat(v)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v)
        else (_ for _ in ()).throw(ValueError(v)),
        "string": str,
    }
    for i, row in enumerate(body, start=2):
        if len(row) != len(names):
            fail(f"csv line {i}: {len(row)} fields, {len(names)} columns")
            continue
        for (name, kind), value in zip(columns, row):
            if value == "":
                continue
            try:
                parse[kind](value)
            except ValueError:
                fail(f"csv line {i}: {name}={value!r} is not a {kind}")
    return [dict(zip(names, row)) for row in body]


def check_with_pandas(text, columns, expected_rows):
    dtypes = {"string": "string", "integer": "Int64", "float": "float64"}
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            dtype={n: dtypes[k] for n, k in columns if k in dtypes},
            parse_dates=[n for n, k in columns if k == "date"],
            date_format="%Y-%m-%d",
            keep_default_na=False,
            na_values={n: [""] for n, _ in columns},
        )
    except (ValueError, TypeError) as e:
        fail(f"pandas cannot read the file with the documented types: {e}")
        return
    if len(frame) != expected_rows:
        fail(f"pandas read {len(frame)} rows, csv {expected_rows}")
    for name, kind in columns:
        dtype = str(frame[name].dtype)
        wanted = {"string": "string", "integer": "Int64", "float": "float64"}.get(kind, "datetime64")
        if not dtype.startswith(wanted):
            fail(f"pandas reads {name} as {dtype}, README says {kind}")
    codes = frame["cameo_code"].dropna()
    if not codes.str.fullmatch(r"\d{3,4}").all():
        fail("pandas lost the leading zeros of CAMEO codes")


def check_against_sparql(binary, rows):
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(data=run(binary, "export", "--format", "nquads"), format="nquads")

    def select(query):
        return [tuple(row) for row in dataset.query(SPARQL_PREFIXES + query)]

    coded = """?type skos:broader* ?coded . ?coded skos:notation ?code .
        FILTER NOT EXISTS { ?type skos:broader* ?nearer . ?nearer skos:broader+ ?coded ; skos:notation ?n2 }"""
    claims = {
        (short(c), str(code), short(t) if t is not None else "")
        for c, code, t in select(
            f"SELECT DISTINCT ?c ?code ?t WHERE {{ ?c a cg:Claim ; cg:actType ?type . {coded} "
            "OPTIONAL { ?c cg:target ?t } }"
        )
    }
    got = {(r["act_id"], r["cameo_code"], r["target_actor"]) for r in rows if r["act_kind"] == "claim"}
    if got != claims:
        fail(f"claim dyads differ from SPARQL: only in csv {got - claims}, only in SPARQL {claims - got}")
    events = {
        (short(e), str(code))
        for e, code in select(f"SELECT DISTINCT ?e ?code WHERE {{ ?e a cg:Event ; cg:eventType ?type . {coded} }}")
    }
    got = {(r["act_id"], r["cameo_code"]) for r in rows if r["act_kind"] == "event" and r["cameo_code"]}
    if got != events:
        fail(f"event codes differ from SPARQL: only in csv {got - events}, only in SPARQL {events - got}")
    speakers = {
        (short(s), short(c), short(a))
        for s, c, a in select("SELECT DISTINCT ?s ?c ?a WHERE { ?s cg:conveys ?c ; cg:speaker ?a }")
    }
    got = {(r["statement_id"], r["act_id"], r["source_actor"]) for r in rows if r["statement_id"]}
    if got != speakers:
        fail(f"statement speakers differ from SPARQL: {got ^ speakers}")
    goldstein = {
        str(code): float(g)
        for code, g in select("SELECT ?code ?g WHERE { ?x skos:notation ?code ; cg:goldstein ?g }")
    }
    for r in rows:
        code = r["cameo_code"]
        if code and (r["goldstein"] == "" or float(r["goldstein"]) != goldstein.get(code)):
            fail(f"record {r['record_id']}: goldstein {r['goldstein']!r} for {code}, SPARQL {goldstein.get(code)}")
    return dataset


def check_quotes(dataset, rows):
    files = {
        short(s): str(f)
        for s, f in dataset.query(SPARQL_PREFIXES + "SELECT ?s ?f WHERE { ?s cg:textFile ?f }")
    }
    texts = {}
    for r in rows:
        if not r["quote"]:
            continue
        doc = r["document_id"]
        if doc not in texts:
            texts[doc] = (REPO / "data" / files[doc]).read_text(encoding="utf-8")
        start, end = int(r["quote_start"]), int(r["quote_end"])
        if texts[doc][start:end] != r["quote"]:
            fail(f"record {r['record_id']}: the text at {start}..{end} is not its quote")


def check_other_formats(binary, rows):
    tsv = run(binary, "events", "--format", "tsv").splitlines()
    if len(tsv) != len(rows) + 1 or any(len(l.split("\t")) != len(tsv[0].split("\t")) for l in tsv):
        fail("the TSV does not hold the same records in whole rows")
    jsonl = [json.loads(l) for l in run(binary, "events", "--format", "jsonl").splitlines()]
    if [j["record_id"] for j in jsonl] != [int(r["record_id"]) for r in rows]:
        fail("the JSON Lines do not hold the same records")


def main():
    binary = sys.argv[1]
    columns = documented_columns()
    if not columns:
        fail("README has no event record table after <!-- event-columns -->")
    if "--csv" in sys.argv:
        text = Path(sys.argv[sys.argv.index("--csv") + 1]).read_text(encoding="utf-8")
        rows = check_with_csv_module(text, columns)
        check_with_pandas(text, columns, len(rows))
    else:
        text = run(binary, "events", "--format", "csv")
        rows = check_with_csv_module(text, columns)
        check_with_pandas(text, columns, len(rows))
        dataset = check_against_sparql(binary, rows)
        check_quotes(dataset, rows)
        check_other_formats(binary, rows)
        if len(rows) < 100:
            fail(f"only {len(rows)} records on the corpus")
    for f in failures:
        print(f)
    if failures:
        return 1
    print(f"ok: {len(rows)} records read by csv and pandas agree with SPARQL in rdflib and with the texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
