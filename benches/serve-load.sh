#!/usr/bin/env bash
# A bounded load test of `claimgraph serve` on loopback, beside Oxigraph server on the same data
# and the same SPARQL queries.
#  1. starts `claimgraph serve` on the bundled corpus, or with STATEMENTS on a generated
#     corpus-shaped file (`claimgraph generate`, twice as many acts as statements);
#  2. a small client of our own (Python threads, http.client, one connection per thread) sends
#     REQUESTS requests at 1, 8 and 64 concurrent clients, mixing SPARQL queries (by form POST),
#     chains (/api/chain?from=ACT) and why (/api/why?act=ACT), and prints requests per second and
#     p50/p99 latency; any answer but 200 fails the run. The SPARQL queries are every saved query
#     (queries/*.rq) on the bundled corpus; on a generated archive they are what a reader's page
#     asks of one act (its description, what answered it, its speaker's other acts, its quote),
#     since most saved queries read the whole archive and take minutes there;
#  3. prints the server's peak resident memory (VmHWM) after the run;
#  4. with Oxigraph server (the `oxigraph` binary of the PyPI package 0.5.13, as .ci/setup
#     installs it, or $OXIGRAPH) loaded with the same N-Quads, the same SPARQL queries alone at the
#     same concurrencies (it has no chains or why), with the union default graph asked for and
#     claimgraph's prefixes declared.
# Usage: bash benches/serve-load.sh [STATEMENTS] [REQUESTS]   (default: the bundled corpus, 2000
# requests per concurrency). PROFILE=debug measures the debug build (only to check the script).
set -euo pipefail
cd "$(dirname "$0")/.."
statements="${1:-}"
requests="${2:-2000}"
profile="${PROFILE:-release}"
target="${CARGO_TARGET_DIR:-target}"
if [ "$profile" = release ]; then
  cargo build --release --quiet --bin claimgraph
else
  cargo build --quiet --bin claimgraph
fi
bin="$target/$profile/claimgraph"
oxigraph="${OXIGRAPH:-${XDG_CACHE_HOME:-$HOME/.cache}/claimgraph/venv/bin/oxigraph}"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); build: $profile"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
  for _ in $(seq 1 1200); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on port $1" >&2
  return 1
}

if [ -n "$statements" ]; then
  "$bin" generate --statements "$statements" --claim-responses -o "$work/data.nq"
  data=(--data "$work/data.nq")
  # Acts that answer another, so each has a chain: a chain asked of an act without links
  # builds the whole graph only to answer 404 (see the README), which is not what readers ask.
  acts=$(grep -E 'ns#(respondsTo|counterAccuses|denies|rejects)> ' "$work/data.nq" |
    grep -o '^<https://claimgraph.org/id/statement/[^>]*>' | sort -u |
    shuf -n 20 --random-source=<(yes) | tr -d '<>')
else
  "$bin" export --format nquads -o "$work/data.nq"
  data=()
  acts="stmt:tarar-talks-failed stmt:afghan-delegation-counter-narrative stmt:rta-pakistani-side-lacks-intention"
fi
echo "data: $(wc -l < "$work/data.nq") quads"

port=$(free_port)
"$bin" "${data[@]}" --quiet serve --bind "127.0.0.1:$port" 2>"$work/serve.log" &
pids+=($!)
serve_pid=$!
wait_port "$port"

# The prefixes claimgraph predeclares, for a server that does not.
"$bin" export --format turtle --graph default | sed -n 's/^@prefix \(.*\) \.$/PREFIX \1/p' > "$work/prefixes.rq"

cat > "$work/load.py" <<'EOF'
import http.client, json, os, sys, threading, time, urllib.parse

host, port, requests, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
plan = json.load(open(sys.argv[5]))
lock = threading.Lock()
latencies, failures, next_index = [], [], [0]

def worker():
    connection = http.client.HTTPConnection(host, port, timeout=600)
    while True:
        with lock:
            i = next_index[0]
            next_index[0] += 1
        if i >= requests:
            return
        method, path, body = plan[i % len(plan)]
        headers = {"Accept": "application/sparql-results+json, text/turtle;q=0.5"}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)
            if response.status != 200:
                failures.append(f"{response.status} {method} {path[:80]}")

started = time.perf_counter()
threads = [threading.Thread(target=worker) for _ in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
wall = time.perf_counter() - started
latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
print(f"  {clients:>2} clients: {len(latencies)} requests in {wall:.2f} s, {len(latencies)/wall:.1f} req/s, p50 {pct(0.50):.1f} ms, p99 {pct(0.99):.1f} ms")
if failures:
    print("  failures:", *failures[:5], sep="\n    ")
    sys.exit(1)
EOF

# The plan: every saved query (or on an archive the point queries), then the chains and why of
# the chosen acts.
python3 - "$work" "$acts" "$statements" <<'EOF'
import glob, json, sys, urllib.parse
work, acts, archive = sys.argv[1], sys.argv[2].split(), sys.argv[3] != ""
# What a reader's page asks of one act on an archive.
POINT = [
    "SELECT ?p ?o WHERE { ACT ?p ?o }",
    "SELECT ?x WHERE { ?x cg:respondsTo* ACT }",
    "SELECT ?other WHERE { ACT cg:speaker ?who . ?other cg:speaker ?who } LIMIT 100",
    "SELECT DISTINCT ?exact ?source WHERE { ?g prov:wasDerivedFrom ?m . GRAPH ?g { ACT ?p ?o } "
    "?m oa:hasSource ?source ; oa:hasSelector ?q . ?q oa:exact ?exact }",
]
prefixes = open(f"{work}/prefixes.rq").read()
queries = [open(f).read() for f in sorted(glob.glob("queries/*.rq"))]
form = lambda q, extra="": "query=" + urllib.parse.quote(q) + extra
sparql = [["POST", "/query", form(q)] for q in queries]
api = [["GET", f"/api/chain?from={urllib.parse.quote(a)}", None] for a in acts]
api += [["GET", f"/api/why?act={urllib.parse.quote(a)}", None] for a in acts]
if archive:
    queries = [q.replace("ACT", f"<{a}>") for a in acts for q in POINT]
    sparql = [["POST", "/query", form(q)] for q in queries]
json.dump(sparql + api, open(f"{work}/claimgraph.json", "w"))
json.dump([["POST", "/query", form(prefixes + q, "&union-default-graph")] for q in queries],
          open(f"{work}/oxigraph.json", "w"))
json.dump(sparql, open(f"{work}/claimgraph-sparql.json", "w"))
EOF

echo
echo "== claimgraph serve: SPARQL queries, chains and why"
for clients in 1 8 64; do
  python3 "$work/load.py" 127.0.0.1 "$port" "$requests" "$clients" "$work/claimgraph.json"
done
echo "== claimgraph serve: SPARQL queries only"
for clients in 1 8 64; do
  python3 "$work/load.py" 127.0.0.1 "$port" "$requests" "$clients" "$work/claimgraph-sparql.json"
done
echo "claimgraph serve peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$serve_pid/status")"
kill "$serve_pid"

if [ -x "$oxigraph" ]; then
  "$oxigraph" load --location "$work/oxigraph" --file "$work/data.nq" >/dev/null 2>&1
  oport=$(free_port)
  "$oxigraph" serve-read-only --location "$work/oxigraph" --bind "127.0.0.1:$oport" >/dev/null 2>&1 &
  pids+=($!)
  oxigraph_pid=$!
  wait_port "$oport"
  echo
  echo "== Oxigraph server $("$oxigraph" --version | cut -d' ' -f2): the same SPARQL queries"
  for clients in 1 8 64; do
    python3 "$work/load.py" 127.0.0.1 "$oport" "$requests" "$clients" "$work/oxigraph.json"
  done
  echo "Oxigraph server peak RSS: $(awk '/VmHWM/ {print $2, $3}' "/proc/$oxigraph_pid/status")"
else
  echo "no Oxigraph server at $oxigraph: set OXIGRAPH or run .ci/setup" >&2
fi
