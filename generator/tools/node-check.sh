#!/usr/bin/env bash
# Issue 3's node acceptance check: COUNT generated programs (default 1000, from seed SEED) run to
# completion in node without a syntax error or a timeout, and node prints exactly what the reference
# interpreter prints. Needs `node` on PATH; run from the repository root:
#   generator/tools/node-check.sh [COUNT] [SEED] [extra `closure-diff gen` options...]
# e.g. `generator/tools/node-check.sh 1000 0 --profile es5 --size large`.
set -euo pipefail
count=${1:-1000}
seed=${2:-0}
shift $(( $# > 2 ? 2 : $# ))
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# CLOSURE_DIFF names an already built binary; otherwise build one.
bin=${CLOSURE_DIFF:-}
if [ -z "$bin" ]; then
  cargo build -q -p harness
  bin=target/debug/closure-diff
fi
"$bin" gen --seed "$seed" --count "$count" --out "$dir/p" "$@"
# A per-file timeout: a generated program that loops would show up as a timeout here.
for f in "$dir"/p/*.js; do
  timeout 10 node corpus/tools/node-outcome.js "$f" || echo "{\"file\":\"$f\",\"status\":\"timeout\",\"output\":[]}"
done > "$dir/node.jsonl"
"$bin" run --engine ref --json "$dir/p" > "$dir/ref.jsonl" 2>/dev/null || true

node - "$dir/node.jsonl" "$dir/ref.jsonl" <<'JS'
const fs = require('fs');
const read = (p) => fs.readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const node = new Map(read(process.argv[2]).map((r) => [r.file, r]));
let bad = 0, differ = 0, total = 0;
for (const r of read(process.argv[3])) {
  total++;
  const ref = r.engines.ref, n = node.get(r.file);
  if (!n || n.status !== 'ok') { bad++; console.log(`node: ${r.file}: ${n ? n.status + ' ' + n.error : 'missing'}`); }
  if (n && ref.status === 'ok' && n.status === 'ok' && JSON.stringify(n.output) !== JSON.stringify(ref.output)) {
    differ++;
    console.log(`differs: ${r.file}`);
  }
}
console.log(`${total} programs: ${bad} not completing in node, ${differ} with output differing from the reference interpreter`);
process.exit(bad || differ ? 1 : 0);
JS
