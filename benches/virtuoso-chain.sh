#!/usr/bin/env bash
# Chain build and `mutual` over Virtuoso beside the embedded store, on generated corpora of
# growing size: for each size, a fresh private Virtuoso (tests/servers/virtuoso, 127.0.0.1
# only), `claimgraph generate`, `push`, then `chain --from stmt:generated-0` and `mutual`, each
# the whole command, on the file (embedded, load included) and through --endpoint.
# Usage: [LOAD=bulk] benches/virtuoso-chain.sh STATEMENTS...   (each statement has a claim: two
# acts). LOAD=bulk loads Virtuoso with its own bulk loader (tests/servers/virtuoso load: ld_dir),
# as an archive of millions of acts would be loaded, instead of `push`; the column then times
# that. CLAIMGRAPH names the binary (default target/debug/claimgraph); CLAIMGRAPH_VIRTUOSO_BUFFERS
# sizes Virtuoso's cache (default here 170000, about 1.3 GB). `mutual` reads every act's type
# row, so the row limit of answers is raised to 20,000,000 here. Needs virtuoso-t and isql-vt.
set -euo pipefail
cd "$(dirname "$0")/.."
cg="${CLAIMGRAPH:-target/debug/claimgraph}"
export CLAIMGRAPH_VIRTUOSO_BUFFERS="${CLAIMGRAPH_VIRTUOSO_BUFFERS:-170000}"
export CLAIMGRAPH_VIRTUOSO_DIRTY_BUFFERS="${CLAIMGRAPH_VIRTUOSO_DIRTY_BUFFERS:-130000}"
export CLAIMGRAPH_VIRTUOSO_MAX_ROWS="${CLAIMGRAPH_VIRTUOSO_MAX_ROWS:-20000000}"
load="${LOAD:-push}"
[ $# -gt 0 ] || { echo "usage: virtuoso-chain.sh STATEMENTS..." >&2; exit 2; }
work="$(mktemp -d)"
server="$work/virtuoso"
cleanup() { tests/servers/virtuoso stop "$server" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

# Seconds of wall time of a command, its output thrown away; fails when the command fails.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; load average $(cut -d' ' -f1-3 /proc/loadavg); binary $cg"
printf '%-10s %-8s %-10s %-9s %-12s %-12s %-12s %-12s\n' statements acts quads "${load}_s" \
  chain_emb_s chain_virt_s mutual_emb_s mutual_virt_s
for n in "$@"; do
  data="$work/gen-$n.nq"
  "$cg" generate --statements "$n" -o "$data" --quiet
  quads=$(wc -l <"$data")
  endpoint=$(tests/servers/virtuoso start "$server" "$(free_port)" "$(free_port)")
  if [ "$load" = bulk ]; then
    push=$(seconds tests/servers/virtuoso load "$server" "$data")
  else
    push=$(seconds "$cg" --endpoint "$endpoint" push --data "$data" --quiet)
  fi
  chain_emb=$(seconds "$cg" chain --data "$data" --from stmt:generated-0 --quiet)
  chain_virt=$(seconds "$cg" --endpoint "$endpoint" chain --from stmt:generated-0 --quiet)
  mutual_emb=$(seconds "$cg" mutual --data "$data" --quiet)
  mutual_virt=$(seconds "$cg" --endpoint "$endpoint" mutual --quiet)
  # The two ways must give the same chain (its lines; ties may come in another order), or the
  # times compare nothing.
  if ! cmp -s <("$cg" chain --data "$data" --from stmt:generated-0 --quiet | sort) \
    <("$cg" --endpoint "$endpoint" chain --from stmt:generated-0 --quiet | sort); then
    echo "the chain over Virtuoso differs from the embedded one at $n statements" >&2
    exit 1
  fi
  printf '%-10s %-8s %-10s %-9.1f %-12.2f %-12.2f %-12.2f %-12.2f\n' "$n" $((2 * n)) "$quads" \
    "$push" "$chain_emb" "$chain_virt" "$mutual_emb" "$mutual_virt"
  tests/servers/virtuoso stop "$server" >/dev/null
  rm -rf "$server" "$data"
done
