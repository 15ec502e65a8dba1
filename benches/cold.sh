#!/usr/bin/env bash
# One chain from a cold start on an on-disk store, as a script asks it: one process per question.
#  1. generates a corpus-shaped file of STATEMENTS statements (twice as many acts: each conveys a
#     claim, and claims answer claims) and loads it into a new store (`load --store`, timed);
#  2. picks a statement three quarters of the way through that answers and is answered;
#  3. times, from process start (hyperfine, and /usr/bin/time for peak memory):
#     - the chain each way read from the store alone (benches/cold_chain.rs: ChainGraph::around,
#       then the same text as `claimgraph chain`),
#     - the same with the whole graph built first, as `claimgraph --store DIR chain` does today
#       (once: minutes on a million acts),
#     - a SPARQL closure from the same act (`cg:respondsTo*`), the floor a query sets.
# Usage: bash benches/cold.sh [STATEMENTS] [STORE-DIR]   (default 500000: 1,000,000 acts; a
# STORE-DIR that already holds a store is reused). Needs the rocksdb feature, hyperfine and GNU
# time (Debian: apt-get install hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
statements="${1:-500000}"
store="${2:-}"
target="${CARGO_TARGET_DIR:-target}"

cargo build --release --features rocksdb --quiet --bin claimgraph
cargo build --release --features rocksdb --quiet --bench cold_chain
bin="$target/release/claimgraph"
cold=$(ls -t "$target"/release/deps/cold_chain-* | grep -v '\.d$' | head -n 1)

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "$store" ]; then
  store="$work/store"
fi
if [ ! -f "$store/CURRENT" ]; then
  "$bin" generate --statements "$statements" --claim-responses -o "$work/generated.nq"
  quads=$(wc -l < "$work/generated.nq")
  echo
  echo "== load --store of $quads quads ($statements statements)"
  /usr/bin/time -f '%e s wall, peak %M KB' "$bin" load --store "$store" "$work/generated.nq"
  rm -f "$work/generated.nq"
fi

id="https://claimgraph.org/id/statement/generated"
act=""
for k in $(seq $((statements * 3 / 4)) $((statements * 3 / 4 + 200))); do
  answered=$("$bin" --store "$store" query --format tsv \
    "ASK { <$id-$k> cg:respondsTo|cg:counterAccuses|cg:denies|cg:rejects ?x . ?y cg:respondsTo|cg:counterAccuses|cg:denies|cg:rejects <$id-$k> }")
  if [ "$answered" = "true" ]; then act="$id-$k"; break; fi
done
[ -n "$act" ] || { echo "no statement answers and is answered"; exit 1; }
echo "act: $act"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== from process start to the whole answer (hyperfine)"
hyperfine -N --warmup 2 --runs 20 --style basic \
  -n "chain --from, the walk's part" "$cold $store $act from" \
  -n "chain --to, the walk's part" "$cold $store $act to" \
  -n "SPARQL closure cg:respondsTo*" "$bin --store $store query --format tsv 'SELECT ?x WHERE { ?x cg:respondsTo* <$act> }'"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== peak memory (/usr/bin/time); the whole graph first once, as it takes minutes on disk"
"$cold" "$store" "$act" from > /dev/null
/usr/bin/time -f "%e s wall, peak %M KB: the walk's part, --from" "$cold" "$store" "$act" from > "$work/part.txt"
/usr/bin/time -f "%e s wall, peak %M KB: the walk's part, --to" "$cold" "$store" "$act" to > /dev/null
/usr/bin/time -f "%e s wall, peak %M KB: the whole graph first (today's command), --from" \
  "$bin" --store "$store" chain --from "<$act>" > "$work/whole.txt"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== the answers agree"
if cmp -s "$work/part.txt" "$work/whole.txt"; then
  echo "identical: $(wc -l < "$work/part.txt") lines"
else
  diff "$work/part.txt" "$work/whole.txt" | head -n 20
  exit 1
fi
