#!/usr/bin/env bash
# One chain from a cold start on an on-disk store, as a script asks it: one process per question.
#  1. generates a corpus-shaped file of STATEMENTS statements (twice as many acts: each conveys a
#     claim, and claims answer claims) and loads it into a new store (`load --store`, timed);
#  2. picks a statement three quarters of the way through that answers and is answered;
#  3. times, from process start (hyperfine, and /usr/bin/time for peak memory):
#     - `claimgraph --store DIR chain --from ACT` and `--to ACT`, which read only the part of the
#       response graph the walk needs (ChainGraph::around),
#     - a SPARQL closure from the same act (`cg:respondsTo*`), the floor a query sets,
#     - with WHOLE=1, the same walk with the whole graph built first (benches/cold_chain.rs
#       `whole`, as the command did before; once: minutes on a million acts), and checks the two
#       answers are the same text.
# Usage: [WHOLE=1] bash benches/cold.sh [STATEMENTS] [STORE-DIR]   (default 500000: 1,000,000
# acts; a STORE-DIR that already holds a store is reused). Needs the rocksdb feature, hyperfine
# and GNU time (Debian: apt-get install hyperfine time).
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
  -n "claimgraph chain --from ACT" "$bin --store $store chain --from <$act>" \
  -n "claimgraph chain --to ACT" "$bin --store $store chain --to <$act>" \
  -n "SPARQL closure cg:respondsTo*" "$bin --store $store query --format tsv 'SELECT ?x WHERE { ?x cg:respondsTo* <$act> }'"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "== peak memory (/usr/bin/time)"
/usr/bin/time -f "%e s wall, peak %M KB: chain --from" "$bin" --store "$store" chain --from "<$act>" > "$work/part.txt"
/usr/bin/time -f "%e s wall, peak %M KB: chain --to" "$bin" --store "$store" chain --to "<$act>" > /dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${WHOLE:-}" = 1 ]; then
  echo
  echo "== the whole graph built first, as before (once)"
  /usr/bin/time -f "%e s wall, peak %M KB: the whole graph first, --from" \
    "$cold" "$store" "$act" from whole > "$work/whole.txt"
  if cmp -s "$work/part.txt" "$work/whole.txt"; then
    echo "the answers agree: $(wc -l < "$work/part.txt") identical lines"
  else
    diff "$work/part.txt" "$work/whole.txt" | head -n 20
    exit 1
  fi
fi
