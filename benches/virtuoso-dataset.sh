#!/usr/bin/env bash
# Times four ways of giving Virtuoso claimgraph's dataset (the union of claimgraph's graphs,
# without Virtuoso's system graphs), over every saved query, and counts each way's rows:
#   pragmas   `define input:default-graph-exclude` for each system graph, on every query
#   as-sent   what claimgraph sends: the pragmas only on queries that can match a system triple
#   from      FROM and FROM NAMED clauses listing every graph of the dataset
#   protocol  the SPARQL Protocol's default-graph-uri and named-graph-uri parameters, the same list
# Usage: benches/virtuoso-dataset.sh ENDPOINT [RUNS]   (after `claimgraph push --endpoint ENDPOINT`)
# CLAIMGRAPH names the binary (default: target/debug/claimgraph). Prints one line a query and the
# totals; a row count that differs from the embedded store's is marked with '!'.
set -euo pipefail
endpoint="${1:?usage: virtuoso-dataset.sh ENDPOINT [RUNS]}"
runs="${2:-5}"
cg="${CLAIMGRAPH:-target/debug/claimgraph}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for q in queries/*.rq; do
  name="$(basename "$q" .rq)"
  # The query as claimgraph sends it: the last traced text (connecting sends two of its own).
  CLAIMGRAPH_ENDPOINT_TRACE=1 "$cg" --endpoint "$endpoint" run --queries queries "$name" \
    --format tsv 2>"$work/$name.trace" >/dev/null || true
  "$cg" run --queries queries "$name" --format tsv 2>/dev/null | tail -n +2 | wc -l >"$work/$name.rows"
done

python3 - "$endpoint" "$runs" "$work" <<'PY'
import json, sys, time, urllib.parse, urllib.request, glob, os, re, http.client
# Virtuoso answers a request that names its graphs with one response header per graph.
http.client._MAXHEADERS = 10000
endpoint, runs, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
SYSTEM = ["http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#",
          "http://localuriqaserver/sparql"]
STAND_IN = "urn:x-claimgraph:default-graph"

def ask(text, params=()):
    body = urllib.parse.urlencode([("query", text), *params]).encode()
    req = urllib.request.Request(endpoint, body, {
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(req) as reply:
            rows = len(json.load(reply)["results"]["bindings"])
    except Exception:
        rows = None
    return time.perf_counter() - start, rows

graphs = [r["g"]["value"] for r in json.load(urllib.request.urlopen(urllib.request.Request(
    endpoint, urllib.parse.urlencode([("query", "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")]).encode(),
    {"Accept": "application/sparql-results+json"})))["results"]["bindings"]]
graphs = [g for g in graphs if g not in SYSTEM and g != endpoint]
named = [g for g in graphs if g != STAND_IN]
pragmas = "".join(f"define input:default-graph-exclude <{g}>\n" for g in SYSTEM)
totals = {}
print(f"{'query':36} {'pragmas':>14} {'as-sent':>14} {'from':>14} {'protocol':>14}")
for trace in sorted(glob.glob(os.path.join(work, "*.trace"))):
    name = os.path.basename(trace)[:-6]
    blocks = re.split(r"^-- to [^\n]*\n", open(trace).read(), flags=re.M)
    if len(blocks) < 4:
        continue
    sent = "\n".join(l for l in blocks[3].splitlines() if not l.startswith("-- ")
                     and not l.startswith("claimgraph: error"))
    bare = "\n".join(l for l in sent.splitlines() if not l.startswith("define "))
    at = bare.find(" WHERE {")
    froms = "".join(f" FROM <{g}>" for g in graphs) + "".join(f" FROM NAMED <{g}>" for g in named)
    ways = {
        "pragmas": (pragmas + bare, ()),
        "as-sent": (sent, ()),
        "from": (bare[:at] + froms + bare[at:], ()),
        "protocol": (bare, [("default-graph-uri", g) for g in graphs]
                     + [("named-graph-uri", g) for g in named]),
    }
    want = int(open(os.path.join(work, name + ".rows")).read())
    cells = []
    for way, (text, params) in ways.items():
        best, rows = min(ask(text, params) for _ in range(runs))
        totals[way] = totals.get(way, 0.0) + best
        mark = "err" if rows is None else f"{rows}{'' if rows == want else '!'}"
        cells.append(f"{best * 1000:7.1f}ms {mark:>5}")
    print(f"{name:36} " + " ".join(cells))
print(f"{'total (best of ' + str(runs) + ')':36} " + " ".join(f"{totals[w] * 1000:7.1f}ms {'':>5}" for w in totals))
PY
