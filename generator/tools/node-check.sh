#!/usr/bin/env bash
# Issue 3's node acceptance check: COUNT generated programs (default 1000, from seed SEED) run to
# completion in node (`--expose-gc`, with the `afterGc` lifetime hook) and print exactly what the
# reference interpreter prints. Needs only this crate and `node` on PATH; run from the repository root:
#   generator/tools/node-check.sh [COUNT] [SEED] [PROFILE] [SIZE]
# e.g. `generator/tools/node-check.sh 1000 0 es5 large`. Set KEEP=DIR to keep the programs.
set -euo pipefail
count=${1:-1000}
seed=${2:-0}
profile=${3:-full}
size=${4:-medium}
dir=${KEEP:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT

cargo build -q --release -p generator --example dump
target/release/examples/dump "$dir" "$count" "$seed" "$profile" "$size"
# One node process for all programs (in batches, to keep command lines short).
ls "$dir"/seed-*.js | xargs -n 200 node --expose-gc generator/tools/node-run.js > "$dir/node.jsonl"

node - "$dir/node.jsonl" "$dir/ref.jsonl" <<'JS'
const fs = require('fs');
const read = (p) => fs.readFileSync(p, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const node = new Map(read(process.argv[2]).map((r) => [r.file, r]));
let bad = 0, differ = 0, refBad = 0, total = 0;
for (const r of read(process.argv[3])) {
  total++;
  const n = node.get(r.file);
  if (r.status !== 'ok') { refBad++; console.log(`ref: ${r.file}: ${r.status}`); }
  if (!n || n.status !== 'ok') { bad++; console.log(`node: ${r.file}: ${n ? n.status : 'missing'}`); }
  if (n && JSON.stringify(n.output) !== JSON.stringify(r.output)) {
    differ++;
    const i = n.output.findIndex((l, k) => l !== r.output[k]);
    const at = i < 0 ? r.output.length : i;
    console.log(`differs: ${r.file} at line ${at}: node ${JSON.stringify(n.output[at])} ref ${JSON.stringify(r.output[at])}`);
  }
}
for (const r of node.values()) if (r.file === 'unhandled-rejection') { bad++; console.log('node: an unhandled rejection'); }
console.log(`${total} programs: ${refBad} not completing on the reference interpreter, ${bad} not completing in node, ${differ} with output differing`);
process.exit(bad || differ || refBad ? 1 : 0);
JS
