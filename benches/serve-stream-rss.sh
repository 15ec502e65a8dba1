#!/usr/bin/env bash
# How much memory `claimgraph serve` takes to send a large answer: a CONSTRUCT of every triple
# and a Graph Store dump of every quad, on a generated graph of TRIPLES triples.
#  1. writes TRIPLES generated triples as N-Triples and starts `serve --data` on them;
#  2. after a small query, notes the server's resident memory (VmRSS), resets its peak
#     (/proc/PID/clear_refs) and reads the CONSTRUCT to its end with curl, counting the bytes;
#  3. prints the answer's size and the peak (VmHWM) above the resident memory before it;
#  4. the same for GET /store (every quad, N-Quads).
# A server that streams its answers grows by a few chunks; one that builds them grows by about
# the answer's size or more. BIN measures another build (for instance one from before streaming).
# Usage: bash benches/serve-stream-rss.sh [TRIPLES]   (default 1,000,000; the debug build unless
# PROFILE=release)
set -euo pipefail
cd "$(dirname "$0")/.."
triples="${1:-1000000}"
profile="${PROFILE:-debug}"
target="${CARGO_TARGET_DIR:-target}"
if [ -z "${BIN:-}" ]; then
  if [ "$profile" = release ]; then
    cargo build --release --quiet --bin claimgraph
  else
    cargo build --quiet --bin claimgraph
  fi
fi
bin="${BIN:-$target/$profile/claimgraph}"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; binary: $bin"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

work=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

awk -v n="$triples" 'BEGIN { for (i = 0; i < n; i++) printf "<urn:x:act%d> <urn:x:said> \"statement number %d of a generated graph\" .\n", i, i }' >"$work/data.nt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" serve --bind "127.0.0.1:$port" --data "$work/data.nt" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 1 6000); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
url="http://127.0.0.1:$port"
curl -sf -o /dev/null --data-urlencode 'query=ASK { ?s ?p ?o }' "$url/query"

kib() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$pid/status"; }
measure() { # NAME ACCEPT URL-PATH [CURL ARGS...]
  local name=$1 accept=$2 path=$3
  shift 3
  local before
  before=$(kib VmRSS)
  echo 5 >"/proc/$pid/clear_refs"
  local started bytes seconds
  started=$(date +%s.%N)
  bytes=$(curl -sf -H "Accept: $accept" "$@" "$url$path" | wc -c)
  seconds=$(echo "$(date +%s.%N) - $started" | bc)
  local peak
  peak=$(kib VmHWM)
  printf '%s: %s bytes in %.1f s; resident before %d MiB, peak during %d MiB (+%d MiB)\n' \
    "$name" "$bytes" "$seconds" $((before / 1024)) $((peak / 1024)) $(((peak - before) / 1024))
}
measure "CONSTRUCT WHERE { ?s ?p ?o }" application/n-triples /query \
  -G --data-urlencode 'query=CONSTRUCT WHERE { ?s ?p ?o }'
measure "GET /store (every quad)" application/n-quads /store
