#!/usr/bin/env bash
# Issue 3's node acceptance check: COUNT generated programs (default 1000, from seed SEED) run to
# completion in node (`--expose-gc`, with the `afterGc` lifetime hook) and print exactly what the
# reference interpreter prints, lifetime probe lines aside (node must keep every object the reference
# classifies live; the other classes are counted). Needs only this crate and `node` on PATH; run from
# the repository root:
#   generator/tools/node-check.sh [COUNT] [SEED] [PROFILE] [SIZE] [CATEGORY]
# e.g. `generator/tools/node-check.sh 1000 0 es5 large`, or `... 500 0 full small lifetime` for
# programs of one category (the others' weights 0). Set KEEP=DIR to keep the programs.
set -euo pipefail
count=${1:-1000}
seed=${2:-0}
profile=${3:-full}
size=${4:-medium}
category=${5:-}
dir=${KEEP:-$(mktemp -d)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT

cargo build -q --release -p generator --example dump
"${CARGO_TARGET_DIR:-target}/release/examples/dump" "$dir" "$count" "$seed" "$profile" "$size" $category
# One node process for all programs (in batches, to keep command lines short).
ls "$dir"/seed-*.js | xargs -n 200 node --expose-gc generator/tools/node-run.js > "$dir/node.jsonl"

node - "$dir/node.jsonl" "$dir/ref.jsonl" <<'JS'
const fs = require('fs');
const read = (p) => fs.readFileSync(p, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const node = new Map(read(process.argv[2]).map((r) => [r.file, r]));
// Lifetime probe lines are not compared as output: node's `lifetime NAME kept|collected` is judged
// against the class the reference appended (`lifetime NAME kept live`): collecting a live object is
// a failure (premature collection), keeping garbage is counted as a leak (information only).
const probe = /^lifetime (\S+) (kept|collected)(?: (live|retained|garbage))?$/;
const compared = (out) => out.filter((l) => !probe.test(l));
let bad = 0, differ = 0, refBad = 0, total = 0, premature = 0;
const probes = {};
for (const r of read(process.argv[3])) {
  total++;
  const n = node.get(r.file);
  if (r.status !== 'ok') { refBad++; console.log(`ref: ${r.file}: ${r.status}`); }
  if (!n || n.status !== 'ok') { bad++; console.log(`node: ${r.file}: ${n ? n.status : 'missing'}`); }
  if (!n) continue;
  const [no, ro] = [compared(n.output), compared(r.output)];
  if (JSON.stringify(no) !== JSON.stringify(ro)) {
    differ++;
    const i = no.findIndex((l, k) => l !== ro[k]);
    const at = i < 0 ? ro.length : i;
    console.log(`differs: ${r.file} at line ${at}: node ${JSON.stringify(no[at])} ref ${JSON.stringify(ro[at])}`);
  }
  const kept = new Map();
  for (const l of n.output) { const m = probe.exec(l); if (m) kept.set(m[1], m[2]); }
  for (const l of r.output) {
    const m = probe.exec(l);
    if (!m || !m[3]) continue;
    const key = `${m[3]} ${kept.get(m[1]) || 'missing'}`;
    probes[key] = (probes[key] || 0) + 1;
    if (m[3] === 'live' && kept.get(m[1]) !== 'kept') {
      premature++;
      console.log(`premature: ${r.file}: node ${kept.get(m[1]) || 'did not print'} probe ${m[1]}, which is live`);
    }
  }
}
for (const r of node.values()) if (r.file === 'unhandled-rejection') { bad++; console.log('node: an unhandled rejection'); }
console.log(`${total} programs: ${refBad} not completing on the reference interpreter, ${bad} not completing in node, ${differ} with output differing`);
const classes = Object.keys(probes).sort().map((k) => `${k} ${probes[k]}`).join(', ');
console.log(`lifetime probes (reference class, node): ${classes || 'none'}; ${premature} premature collections in node`);
process.exit(bad || differ || refBad || premature ? 1 : 0);
JS
